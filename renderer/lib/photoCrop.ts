/** The form's portrait is about 36 × 49 mm: 3:4. Photos are stored as JPEG of at most 200 KB. */
export const PHOTO_MAX_BYTES = 200 * 1024;
const OUT_W = 390;
const OUT_H = 520;

function loadImage(file: File): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('无法读取这张图片：请选择 JPG 或 PNG 格式的照片'));
    img.src = url;
  });
}

/**
 * Crops the centre of a photo to 3:4 portrait (keeping the upper part, where the face is, for tall photos),
 * scales it to 390 × 520 and encodes JPEG, lowering quality until it fits in 200 KB. Returns base64.
 */
export async function cropPhotoToJpeg(file: File): Promise<string> {
  if (!/^image\/(jpeg|png)$/.test(file.type)) throw new Error('照片应为 JPG 或 PNG 格式');
  if (file.size > 20 * 1024 * 1024) throw new Error('照片文件过大（超过 20 MB）');
  const img = await loadImage(file);
  const ratio = 3 / 4;
  let sw = img.naturalWidth;
  let sh = img.naturalHeight;
  let sx = 0;
  let sy = 0;
  if (sw / sh > ratio) {
    sw = Math.round(sh * ratio);
    sx = Math.round((img.naturalWidth - sw) / 2);
  } else {
    sh = Math.round(sw / ratio);
    sy = Math.round((img.naturalHeight - sh) * 0.25);
  }
  const canvas = document.createElement('canvas');
  canvas.width = OUT_W;
  canvas.height = OUT_H;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, OUT_W, OUT_H);
  ctx.drawImage(img, sx, sy, sw, sh, 0, 0, OUT_W, OUT_H);
  for (let quality = 0.9; quality >= 0.3; quality -= 0.1) {
    const dataUrl = canvas.toDataURL('image/jpeg', quality);
    const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
    if ((base64.length * 3) / 4 <= PHOTO_MAX_BYTES) return base64;
  }
  throw new Error('照片压缩后仍超过 200 KB，请换一张照片');
}
