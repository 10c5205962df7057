import { encodePng } from './png';

/**
 * A tiny anti-aliased rasteriser for the charts printed in documents: rectangles, polylines of any width (round
 * joins and caps), dashed lines, filled markers and digits in a 5 × 7 bitmap face. Words are not drawn: a form
 * puts them in table cells next to the picture, where they are real, searchable text in the official font.
 */

export type Rgb = readonly [number, number, number];
export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond';

// 5 × 7 digits, one string per row ('1' = ink).
const DIGITS: Record<string, readonly string[]> = {
  '0': ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
  '1': ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  '2': ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  '3': ['11111', '00010', '00100', '00010', '00001', '10001', '01110'],
  '4': ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  '5': ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  '6': ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  '7': ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  '8': ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  '9': ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
  '.': ['00000', '00000', '00000', '00000', '00000', '01100', '01100'],
};

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/** Distance from (px, py) to the segment (ax, ay)–(bx, by). */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : clamp01(((px - ax) * dx + (py - ay) * dy) / len2);
  const x = ax + t * dx - px;
  const y = ay + t * dy - py;
  return Math.sqrt(x * x + y * y);
}

export class Raster {
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    this.data = new Uint8Array(width * height * 3);
    for (let i = 0; i < this.data.length; i += 3) {
      this.data[i] = background[0];
      this.data[i + 1] = background[1];
      this.data[i + 2] = background[2];
    }
  }

  /** Paints `c` over pixel (x, y) with coverage `a` (0–1). */
  blend(x: number, y: number, c: Rgb, a: number): void {
    if (a <= 0 || x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 3;
    const k = a >= 1 ? 1 : a;
    this.data[i] = Math.round(this.data[i] * (1 - k) + c[0] * k);
    this.data[i + 1] = Math.round(this.data[i + 1] * (1 - k) + c[1] * k);
    this.data[i + 2] = Math.round(this.data[i + 2] * (1 - k) + c[2] * k);
  }

  /** A filled rectangle with fractional edges (x0 ≤ x1, y0 ≤ y1, in pixels). */
  fillRect(x0: number, y0: number, x1: number, y1: number, c: Rgb): void {
    for (let y = Math.max(0, Math.floor(y0)); y < Math.min(this.height, Math.ceil(y1)); y++) {
      const cy = clamp01(Math.min(y + 1, y1) - Math.max(y, y0));
      for (let x = Math.max(0, Math.floor(x0)); x < Math.min(this.width, Math.ceil(x1)); x++) {
        this.blend(x, y, c, cy * clamp01(Math.min(x + 1, x1) - Math.max(x, x0)));
      }
    }
  }

  /**
   * A polyline `width` pixels wide with round joins and caps. Coverage is the maximum over the segments (not their
   * sum), so joins are as dark as the line and no darker.
   */
  polyline(points: readonly (readonly [number, number])[], width: number, c: Rgb): void {
    if (points.length === 0) return;
    const hw = width / 2;
    const pad = hw + 1;
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const bx0 = Math.max(0, Math.floor(Math.min(...xs) - pad));
    const by0 = Math.max(0, Math.floor(Math.min(...ys) - pad));
    const bx1 = Math.min(this.width, Math.ceil(Math.max(...xs) + pad));
    const by1 = Math.min(this.height, Math.ceil(Math.max(...ys) + pad));
    const w = bx1 - bx0;
    if (w <= 0 || by1 <= by0) return;
    const cover = new Float32Array(w * (by1 - by0));
    const segments = points.length === 1 ? [[points[0], points[0]]] : points.slice(1).map((p, i) => [points[i], p]);
    for (const [a, b] of segments) {
      const sx0 = Math.max(bx0, Math.floor(Math.min(a[0], b[0]) - pad));
      const sx1 = Math.min(bx1, Math.ceil(Math.max(a[0], b[0]) + pad));
      const sy0 = Math.max(by0, Math.floor(Math.min(a[1], b[1]) - pad));
      const sy1 = Math.min(by1, Math.ceil(Math.max(a[1], b[1]) + pad));
      for (let y = sy0; y < sy1; y++) {
        for (let x = sx0; x < sx1; x++) {
          const d = segmentDistance(x + 0.5, y + 0.5, a[0], a[1], b[0], b[1]);
          const v = clamp01(hw + 0.5 - d);
          const j = (y - by0) * w + (x - bx0);
          if (v > cover[j]) cover[j] = v;
        }
      }
    }
    for (let y = by0; y < by1; y++) {
      const row = (y - by0) * w;
      for (let x = bx0; x < bx1; x++) {
        const v = cover[row + x - bx0];
        if (v > 0) this.blend(x, y, c, v);
      }
    }
  }

  /** A straight dashed line: `dash` pixels drawn, `gap` pixels left, from the start. */
  dashedLine(x0: number, y0: number, x1: number, y1: number, width: number, c: Rgb, dash: number, gap: number): void {
    const len = Math.hypot(x1 - x0, y1 - y0);
    if (len === 0) return;
    const ux = (x1 - x0) / len;
    const uy = (y1 - y0) / len;
    for (let s = 0; s < len; s += dash + gap) {
      const e = Math.min(len, s + dash);
      this.polyline([[x0 + ux * s, y0 + uy * s], [x0 + ux * e, y0 + uy * e]], width, c);
    }
  }

  /** A filled marker of radius `r` centred on (cx, cy), its edges anti-aliased by 4 × 4 supersampling. */
  marker(cx: number, cy: number, r: number, shape: MarkerShape, c: Rgb): void {
    const inside = (x: number, y: number): boolean => {
      const dx = x - cx;
      const dy = y - cy;
      switch (shape) {
        case 'circle':
          return dx * dx + dy * dy <= r * r;
        case 'square': {
          const h = r * 0.86;
          return Math.abs(dx) <= h && Math.abs(dy) <= h;
        }
        case 'diamond':
          return Math.abs(dx) + Math.abs(dy) <= r * 1.2;
        case 'triangle': {
          // Pointing up, centred on its centroid.
          const top = -r * 1.1;
          const bottom = r * 0.75;
          if (dy < top || dy > bottom) return false;
          const half = ((dy - top) / (bottom - top)) * r * 1.1;
          return Math.abs(dx) <= half;
        }
      }
    };
    const n = 4;
    for (let y = Math.floor(cy - r * 1.3); y <= Math.ceil(cy + r * 1.3); y++) {
      for (let x = Math.floor(cx - r * 1.3); x <= Math.ceil(cx + r * 1.3); x++) {
        // The shapes are convex: a pixel whose four corners agree is wholly in or out; only edge pixels are sampled.
        const corners = Number(inside(x, y)) + Number(inside(x + 1, y)) + Number(inside(x, y + 1)) + Number(inside(x + 1, y + 1));
        if (corners === 4) {
          this.blend(x, y, c, 1);
          continue;
        }
        if (corners === 0 && !inside(x + 0.5, y + 0.5)) continue;
        let hits = 0;
        for (let sy = 0; sy < n; sy++) for (let sx = 0; sx < n; sx++) if (inside(x + (sx + 0.5) / n, y + (sy + 0.5) / n)) hits++;
        this.blend(x, y, c, hits / (n * n));
      }
    }
  }

  /** Width in pixels of `text` set in the digit face at `scale` pixels per dot. */
  static digitsWidth(text: string, scale: number): number {
    return text.length === 0 ? 0 : (text.length * 6 - 1) * scale;
  }

  /** Digits (and '.') with their top left corner at (x, y), `scale` pixels per dot; other characters are skipped. */
  digits(text: string, x: number, y: number, scale: number, c: Rgb): void {
    let left = x;
    for (const ch of text) {
      const glyph = DIGITS[ch];
      if (glyph) {
        glyph.forEach((row, gy) => {
          for (let gx = 0; gx < 5; gx++) if (row[gx] === '1') this.fillRect(left + gx * scale, y + gy * scale, left + (gx + 1) * scale, y + (gy + 1) * scale, c);
        });
      }
      left += 6 * scale;
    }
  }

  png(dpi: number): Buffer {
    return encodePng(this.width, this.height, this.data, dpi);
  }
}
