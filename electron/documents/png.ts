import zlib from 'node:zlib';

/**
 * A minimal PNG encoder (8-bit RGB, no interlace) over Node's zlib: enough for the charts the documents draw
 * themselves, without a browser or an image package.
 */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(parts: readonly Uint8Array[]): number {
  let c = 0xffffffff;
  for (const p of parts) for (let i = 0; i < p.length; i++) c = CRC_TABLE[(c ^ p[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32([head.subarray(4), data]), 0);
  return Buffer.concat([head, data, crc]);
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * PNG bytes of an RGB image (`rgb` holds width × height × 3 bytes, row by row). `dpi` goes into the pHYs chunk so
 * that viewers show the picture at its printed size.
 */
export function encodePng(width: number, height: number, rgb: Uint8Array, dpi = 96): Buffer {
  if (rgb.length !== width * height * 3) throw new Error(`PNG：像素数据长度应为 ${width * height * 3}，实际为 ${rgb.length}`);
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  // Filter "Up" (each byte less the one above): a chart's rows repeat their neighbours over most of the picture,
  // which leaves long runs of zeros for deflate. The first row has nothing above it and takes "Sub".
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    const out = y * (stride + 1);
    if (y > 0) {
      raw[out] = 2;
      for (let i = 0; i < stride; i++) raw[out + 1 + i] = rgb[row + i] - rgb[row - stride + i];
    } else {
      raw[out] = 1;
      for (let i = 0; i < stride; i++) raw[out + 1 + i] = rgb[i] - (i >= 3 ? rgb[i - 3] : 0);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const phys = Buffer.alloc(9);
  const ppm = Math.round(dpi / 0.0254);
  phys.writeUInt32BE(ppm, 0);
  phys.writeUInt32BE(ppm, 4);
  phys[8] = 1; // metres
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('pHYs', phys),
    chunk('IDAT', zlib.deflateSync(raw, { level: 6 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** Width and height of a PNG from its header, or null when the bytes are not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } | null {
  if (png.length < 24 || !SIGNATURE.equals(Buffer.from(png.subarray(0, 8)))) return null;
  const b = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (b.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}
