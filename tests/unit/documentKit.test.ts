import { describe, expect, it } from 'vitest';
import { chineseDate, jpegSize } from '../../electron/documents/formatting';
import { A4, HAO, MARGINS_GBT9704, font, halfPoints, mm, textHeight, textWidth } from '../../electron/documents/style';
import { gridColumns, placeCells, spanWidth } from '../../electron/documents/tableKit';
import { BODY_LADDER, fitBlocks, lineCount, textEm } from '../../electron/documents/textFit';
import { makeJpeg } from '../helpers/makeJpeg';

describe('style', () => {
  it('sets A4 with the GB/T 9704 text block of 156 × 225 mm', () => {
    expect(A4).toEqual({ width: 11906, height: 16838 });
    expect(mm(25.4)).toBe(1440);
    expect(Math.round((textWidth(MARGINS_GBT9704) / 1440) * 25.4)).toBe(156);
    expect(Math.round((textHeight(MARGINS_GBT9704) / 1440) * 25.4)).toBe(225);
    expect(textWidth(MARGINS_GBT9704, 'landscape')).toBe(A4.height - MARGINS_GBT9704.left - MARGINS_GBT9704.right);
  });

  it('knows the 号 sizes and writes them as half-points', () => {
    expect(HAO.二号).toBe(22);
    expect(HAO.小四).toBe(12);
    expect(halfPoints('三号')).toBe(32);
    expect(halfPoints('五号')).toBe(21);
    expect(halfPoints(9)).toBe(18);
  });

  it('names the East Asian face and the Latin face separately', () => {
    expect(font('仿宋')).toEqual({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312', cs: 'Times New Roman' });
    expect(font('小标宋').eastAsia).toBe('方正小标宋简体');
    expect(font('楷体').eastAsia).toBe('楷体_GB2312');
    expect(font('黑体').eastAsia).toBe('黑体');
  });
});

describe('tableKit', () => {
  it('scales a grid to the exact text width', () => {
    const cols = gridColumns([18, 21, 17, 21, 20, 20, 39], 8845);
    expect(cols.reduce((a, b) => a + b, 0)).toBe(8845);
    expect(spanWidth(cols, 1, 2)).toBe(cols[1] + cols[2]);
  });

  it('places cells around vertical merges like an HTML table', () => {
    const cols = [100, 100, 100];
    const placed = placeCells(cols, [
      { cells: [{ content: 'a', rowSpan: 3 }, { content: 'b' }, { content: 'c' }] },
      { cells: [{ content: 'd', span: 2 }] },
      { cells: [{ content: 'e' }, { content: 'f', rowSpan: 1 }] },
    ]);
    expect(placed.map((r) => r.map((p) => `${p.col}${p.merge ?? ''}`))).toEqual([
      ['0restart', '1', '2'],
      ['0continue', '1'],
      ['0continue', '1', '2'],
    ]);
    expect(() => placeCells(cols, [{ cells: [{ content: 'x', span: 2 }] }])).toThrow('只填满了2/3列');
    expect(() => placeCells(cols, [{ cells: [{ content: 'x', span: 2 }, { content: 'y', span: 2 }] }])).toThrow('超出3列');
  });
});

describe('textFit', () => {
  it('measures Chinese as full width and digits as (generous) half width', () => {
    expect(textEm('干部任免')).toBe(4);
    expect(textEm('1985.03')).toBeGreaterThan(3.5);
    expect(textEm('1985.03')).toBeLessThan(5);
  });

  it('counts wrapped lines and shrinks text until it fits, flagging what cannot fit', () => {
    // 10 characters at 12 pt in a column 5 characters wide: two lines.
    expect(lineCount('一二三四五六七八九十', 12, 5 * 240)).toBe(2);
    expect(lineCount('', 12, 1000)).toBe(1);
    const short = fitBlocks([{ text: '短' }], 2000, 400);
    expect(short).toMatchObject({ size: 12, lines: 1, fits: true });
    // 100 characters, 30 to a line at 小四: 4 lines × 16 pt do not fit 48 pt; at 五号 (34 to a line) 3 × 14 pt do.
    const long = '字'.repeat(100);
    expect(fitBlocks([{ text: long }], 30 * 240, 3 * 320)).toMatchObject({ size: 10.5, lines: 3, fits: true });
    const tooLong = fitBlocks([{ text: long.repeat(20) }], 30 * 240, 3 * 320);
    expect(tooLong).toMatchObject({ size: BODY_LADDER[BODY_LADDER.length - 1].size, fits: false });
  });
});

describe('formatting', () => {
  it('writes dates the Chinese way', () => {
    expect(chineseDate('2025.06.30')).toBe('2025年6月30日');
    expect(chineseDate('2025.06')).toBe('2025年6月');
    expect(chineseDate('')).toBe('');
  });

  it('reads the pixel size of a JPEG', () => {
    const jpeg = makeJpeg(48, 64, () => [200, 100, 50]);
    expect(jpegSize(jpeg)).toEqual({ width: 48, height: 64 });
    expect(jpegSize(Buffer.from('not a jpeg'))).toBeNull();
  });
});
