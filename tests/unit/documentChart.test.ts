import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng, pngSize } from '../../electron/documents/png';
import { Raster } from '../../electron/documents/raster';
import { SERIES_STYLES, trajectoryChart } from '../../electron/documents/trajectoryChart';

/** Decodes what encodePng writes (8-bit RGB, filters 0–2), to check pixels. */
function decode(png: Buffer): { width: number; height: number; rgb: Uint8Array } {
  const { width, height } = pngSize(png)!;
  const chunks: Buffer[] = [];
  for (let i = 8; i < png.length; ) {
    const len = png.readUInt32BE(i);
    const type = png.toString('latin1', i + 4, i + 8);
    if (type === 'IDAT') chunks.push(png.subarray(i + 8, i + 8 + len));
    i += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(chunks));
  const stride = width * 3;
  const rgb = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const v = raw[y * (stride + 1) + 1 + i];
      const left = i >= 3 ? rgb[y * stride + i - 3] : 0;
      const up = y > 0 ? rgb[(y - 1) * stride + i] : 0;
      rgb[y * stride + i] = (v + (f === 1 ? left : f === 2 ? up : 0)) & 0xff;
    }
  }
  return { width, height, rgb };
}

const pixel = (img: ReturnType<typeof decode>, x: number, y: number) => {
  const i = (Math.round(y) * img.width + Math.round(x)) * 3;
  return [img.rgb[i], img.rgb[i + 1], img.rgb[i + 2]];
};

describe('PNG encoder', () => {
  it('writes a valid PNG whose pixels read back as drawn, with its print resolution', () => {
    const r = new Raster(40, 30);
    r.fillRect(10, 5, 20, 15, [200, 10, 30]);
    const png = r.png(200);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(pngSize(png)).toEqual({ width: 40, height: 30 });
    const img = decode(png);
    expect(pixel(img, 15, 10)).toEqual([200, 10, 30]);
    expect(pixel(img, 5, 10)).toEqual([255, 255, 255]);
    // pHYs: 200 dpi = 7874 pixels per metre.
    expect(png.readUInt32BE(png.indexOf('pHYs') + 4)).toBe(7874);
    // Every chunk's CRC is right (zlib's crc32 where Node has it).
    const crc = (zlib as unknown as { crc32?: (d: Uint8Array) => number }).crc32;
    if (crc) {
      for (let i = 8; i < png.length; ) {
        const len = png.readUInt32BE(i);
        expect(png.readUInt32BE(i + 8 + len)).toBe(crc(png.subarray(i + 4, i + 8 + len)) >>> 0);
        i += 12 + len;
      }
    }
    expect(() => encodePng(2, 2, new Uint8Array(5))).toThrow('像素数据长度');
  });
});

describe('trajectory chart', () => {
  const W = 156;
  const H = 72;
  const chart = trajectoryChart({ periods: 4, threshold: 60, series: [{ scores: [72, 80, 86, 90] }, { scores: [50, null, 78, 86] }, { scores: [] }, { scores: [] }] }, W, H);
  const img = decode(chart.png);
  // The layout the chart uses: 200 dpi, plot insets 11 / 3 mm left and right, 3.5 / 3 mm top and bottom.
  const px = (mm: number) => (mm / 25.4) * 200;
  const left = px(11);
  const step = (img.width - px(3) - left) / 4;
  const xOf = (i: number) => left + (i + 0.5) * step;
  const yOf = (v: number) => img.height - px(3) - (v / 100) * (img.height - px(3) - px(3.5));

  it('is drawn at 200 dpi to the size asked for, with label columns centred on its points', () => {
    expect(img.width).toBe(Math.round(px(W)));
    expect(img.height).toBe(Math.round(px(H)));
    expect(chart.labelColumnsMm).toHaveLength(6);
    expect(chart.labelColumnsMm.reduce((a, b) => a + b, 0)).toBeCloseTo(W, 6);
    // The i-th period column's centre is the i-th point's x.
    const centre = (i: number) => chart.labelColumnsMm.slice(0, i + 1).reduce((a, b) => a + b, 0) + chart.labelColumnsMm[i + 1] / 2;
    for (let i = 0; i < 4; i++) expect(Math.abs(px(centre(i)) - xOf(i))).toBeLessThan(0.5);
  });

  it('puts each score’s marker in its stage colour where the score is, and none where there is no score', () => {
    expect(pixel(img, xOf(0), yOf(72))).toEqual([...SERIES_STYLES[0].color]);
    expect(pixel(img, xOf(3), yOf(90))).toEqual([...SERIES_STYLES[0].color]);
    expect(pixel(img, xOf(2), yOf(78))).toEqual([...SERIES_STYLES[1].color]);
    // 参与者 has no second score: its line breaks there, so nothing is drawn at (1, 50…78).
    expect(pixel(img, xOf(1), yOf(64))).toEqual([255, 255, 255]);
    // The dashed 60-point line is grey where a dash is drawn (it starts with a dash at the plot's left).
    expect(pixel(img, left + 4, yOf(60))).toEqual([0x70, 0x70, 0x70]);
  });
});
