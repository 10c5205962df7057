/**
 * Manual crop of a portrait to the form's 3:4 frame. The frame stays put on screen and the picture moves and zooms
 * under it (drag, wheel, arrow keys); what the frame covers is cut out at 390 × 520 and encoded as JPEG of at most
 * 200 KB, what cadre:photo:set takes. The geometry is plain functions (tests/unit/photoCropper.test.ts).
 */

/** The form's portrait is about 36 × 49 mm: 3:4. Photos are stored as JPEG of at most 200 KB. */
export const PHOTO_MAX_BYTES = 200 * 1024;
export const OUT_W = 390;
export const OUT_H = 520;
/** Largest zoom, relative to the picture just covering the frame. */
export const MAX_ZOOM = 5;

export interface Size {
  width: number;
  height: number;
}

/** Where the picture lies under the frame: its top-left corner relative to the frame's, and its zoom (≥ 1). */
export interface CropView {
  x: number;
  y: number;
  zoom: number;
}

/** Scale (screen px per picture px) at which the picture just covers the frame. */
export const coverScale = (image: Size, frame: Size) => Math.max(frame.width / image.width, frame.height / image.height);

/** Keeps the frame covered: the picture never leaves a gap at any edge; zoom within 1…MAX_ZOOM. */
export function clampView(v: CropView, image: Size, frame: Size): CropView {
  const zoom = Math.min(MAX_ZOOM, Math.max(1, v.zoom));
  const scale = coverScale(image, frame) * zoom;
  const w = image.width * scale;
  const h = image.height * scale;
  const clamp = (n: number, min: number) => Math.min(0, Math.max(min, n));
  return { x: clamp(v.x, frame.width - w), y: clamp(v.y, frame.height - h), zoom };
}

/** The start: the whole width or height in the frame, centred across, a quarter from the top down (the face is high). */
export function initialView(image: Size, frame: Size): CropView {
  const scale = coverScale(image, frame);
  const w = image.width * scale;
  const h = image.height * scale;
  return clampView({ x: (frame.width - w) / 2, y: (frame.height - h) * 0.25, zoom: 1 }, image, frame);
}

/** Zooms to `zoom` keeping the picture point under `at` (frame coordinates; default the frame's centre) where it is. */
export function zoomView(v: CropView, zoom: number, image: Size, frame: Size, at = { x: frame.width / 2, y: frame.height / 2 }): CropView {
  const base = coverScale(image, frame);
  const before = base * v.zoom;
  const z = Math.min(MAX_ZOOM, Math.max(1, zoom));
  const after = base * z;
  const px = (at.x - v.x) / before;
  const py = (at.y - v.y) / before;
  return clampView({ x: at.x - px * after, y: at.y - py * after, zoom: z }, image, frame);
}

/** Moves the picture by (dx, dy) screen pixels. */
export const moveView = (v: CropView, dx: number, dy: number, image: Size, frame: Size) => clampView({ ...v, x: v.x + dx, y: v.y + dy }, image, frame);

/** The part of the picture (in its own pixels) that the frame covers. */
export function cropRect(v: CropView, image: Size, frame: Size): { sx: number; sy: number; sw: number; sh: number } {
  const scale = coverScale(image, frame) * v.zoom;
  const sw = Math.min(image.width, frame.width / scale);
  const sh = Math.min(image.height, frame.height / scale);
  const sx = Math.min(image.width - sw, Math.max(0, -v.x / scale));
  const sy = Math.min(image.height - sh, Math.max(0, -v.y / scale));
  return { sx, sy, sw, sh };
}

/** Reads a picked file as an image, refusing what the form cannot take. */
export function loadPhotoFile(file: File): Promise<HTMLImageElement> {
  if (!/^image\/(jpeg|png)$/.test(file.type)) return Promise.reject(new Error('照片应为 JPG 或 PNG 格式'));
  if (file.size > 20 * 1024 * 1024) return Promise.reject(new Error('照片文件过大（超过 20 MB）'));
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('无法读取这张图片：请选择 JPG 或 PNG 格式的照片'));
    };
    img.src = url;
  });
}

/** Cuts `rect` out of the picture at 390 × 520 (white behind transparent PNGs), as JPEG ≤ 200 KB; returns base64. */
export function encodeCrop(img: HTMLImageElement, rect: { sx: number; sy: number; sw: number; sh: number }): string {
  const canvas = document.createElement('canvas');
  canvas.width = OUT_W;
  canvas.height = OUT_H;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, OUT_W, OUT_H);
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(img, rect.sx, rect.sy, rect.sw, rect.sh, 0, 0, OUT_W, OUT_H);
  for (let quality = 0.9; quality >= 0.3; quality -= 0.1) {
    const dataUrl = canvas.toDataURL('image/jpeg', quality);
    const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
    if ((base64.length * 3) / 4 <= PHOTO_MAX_BYTES) return base64;
  }
  throw new Error('照片压缩后仍超过 200 KB，请换一张照片');
}
