/**
 * A real (baseline, 4:4:4) JPEG made in code, so tests need no binary fixtures: every 8 × 8 block is one flat
 * colour (DC coefficients only), which is plenty for a passport-style placeholder portrait.
 */

type Rgb = [number, number, number];

const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

/** Canonical Huffman codes (symbol → [code, length]) from the JPEG BITS/HUFFVAL lists. */
function huffman(bits: number[], vals: number[]): Map<number, [number, number]> {
  const table = new Map<number, [number, number]>();
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < bits[len - 1]; i++) table.set(vals[k++], [code++, len]);
    code <<= 1;
  }
  return table;
}

class BitWriter {
  bytes: number[] = [];
  private acc = 0;
  private n = 0;
  write(code: number, len: number): void {
    for (let i = len - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((code >> i) & 1);
      if (++this.n === 8) this.flushByte();
    }
  }
  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0); // byte stuffing
    this.acc = 0;
    this.n = 0;
  }
  finish(): number[] {
    while (this.n !== 0) this.write(1, 1);
    return this.bytes;
  }
}

const u16 = (v: number) => [(v >> 8) & 0xff, v & 0xff];
const segment = (marker: number, body: number[]) => [0xff, marker, ...u16(body.length + 2), ...body];

/** A JPEG `width` × `height` pixels (multiples of 8), each block coloured by `color(x, y)` at its centre. */
export function makeJpeg(width: number, height: number, color: (x: number, y: number) => Rgb): Buffer {
  const dc = huffman(DC_BITS, DC_VALS);
  const bw = Math.ceil(width / 8);
  const bh = Math.ceil(height / 8);
  const out = new BitWriter();
  const prev = [0, 0, 0];
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const [r, g, b] = color(bx * 8 + 4, by * 8 + 4);
      const ycc = [
        0.299 * r + 0.587 * g + 0.114 * b,
        128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
        128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
      ];
      ycc.forEach((v, c) => {
        // With every quantiser 8, the quantised DC of a flat block is its level shifted by 128.
        const q = Math.max(-127, Math.min(127, Math.round(v - 128)));
        const diff = q - prev[c];
        prev[c] = q;
        const size = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
        const [code, len] = dc.get(size)!;
        out.write(code, len);
        if (size) out.write(diff > 0 ? diff : diff + (1 << size) - 1, size);
        out.write(0, 1); // EOB: the only AC symbol, coded as a single 0 bit
      });
    }
  }
  const data = out.finish();
  const bytes = [
    0xff, 0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 1, 0, 96, 0, 96, 0, 0]),
    ...segment(0xdb, [0, ...new Array(64).fill(8)]),
    ...segment(0xc0, [8, ...u16(height), ...u16(width), 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]),
    ...segment(0xc4, [0x00, ...DC_BITS, ...DC_VALS]),
    ...segment(0xc4, [0x10, 1, ...new Array(15).fill(0), 0x00]),
    ...segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]),
    ...data,
    0xff, 0xd9,
  ];
  return Buffer.from(bytes);
}

/** A placeholder ID photo (3:4, light blue background, a dark head-and-shoulders shape). */
export function portraitJpeg(width = 240, height = 320): Buffer {
  const cx = width / 2;
  return makeJpeg(width, height, (x, y) => {
    const head = ((x - cx) / (width * 0.2)) ** 2 + ((y - height * 0.38) / (height * 0.2)) ** 2 <= 1;
    const shoulders = ((x - cx) / (width * 0.45)) ** 2 + ((y - height * 1.02) / (height * 0.3)) ** 2 <= 1;
    return head || shoulders ? [64, 74, 90] : [207, 227, 245];
  });
}
