import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { normalizePartyJoinDate, politicalStatusFromPartyJoin, readDay, readPhoto } from '../../electron/exchange/lrmx/lrmxParse';
import { compactPartyJoinDate } from '../../electron/exchange/lrmx/lrmxWrite';
import { decodeXmlText, escapeXmlText } from '../../electron/exchange/lrmx/lrmxDecode';
import { readIdNumberCell, readPeriodText, readYearMonthCell } from '../../electron/exchange/roster/rosterCells';
import { columnForHeader } from '../../electron/exchange/roster/rosterColumns';
import { parseResume } from '../../shared/resume';

const cell = (value: ExcelJS.CellValue, numFmt?: string) => {
  const ws = new ExcelJS.Workbook().addWorksheet('t');
  const c = ws.getCell('A1');
  c.value = value;
  if (numFmt) c.numFmt = numFmt;
  return c;
};

describe('LRMX field readers', () => {
  it('reads a year-month as such, never as a day (198512 is not 1985.01.02)', () => {
    expect(readDay('198512')).toBe('1985.12');
    expect(readDay('1985.12')).toBe('1985.12');
    expect(readDay('19851202')).toBe('1985.12.02');
    expect(readDay('1985.3.2')).toBe('1985.03.02');
    expect(readDay('2024年8月15日')).toBe('2024.08.15');
    expect(readDay('20241301')).toBeNull();
  });

  it('keeps 入党时间 text and writes it back the same', () => {
    for (const [raw, stored, written] of [
      ['200606', '2006.06', '200606'],
      ['2006.06', '2006.06', '200606'],
      ['201005；民盟', '2010.05；民盟', '201005；民盟'],
      ['民盟', '民盟', '民盟'],
      ['', '', ''],
    ]) {
      expect(normalizePartyJoinDate(raw)).toBe(stored);
      expect(compactPartyJoinDate(stored)).toBe(written);
    }
    expect(politicalStatusFromPartyJoin('2010.05；九三学社')).toBe('九三学社社员');
    expect(politicalStatusFromPartyJoin('2006.06')).toBe('中共党员');
    expect(politicalStatusFromPartyJoin('')).toBe('');
  });

  it('decodes the predefined entities and character references only', () => {
    expect(decodeXmlText('a &amp; b &lt;c&gt; &#x4E2D;&#25991; &xxe; &nbsp;')).toBe('a & b <c> 中文 &xxe; &nbsp;');
    expect(decodeXmlText(escapeXmlText('A&B<C>\r\nD'))).toBe('A&B<C>\r\nD');
  });

  it('reads a photo wrapped in lines or with a data: prefix', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);
    const b64 = jpeg.toString('base64');
    expect(readPhoto(`${b64.slice(0, 4)}\r\n${b64.slice(4)}`)).toEqual({ ok: true, jpeg });
    expect(readPhoto(`data:image/jpeg;base64,${b64}`)).toEqual({ ok: true, jpeg });
    expect(readPhoto('  ')).toEqual({ ok: true, jpeg: null });
  });

  it('parses 简历 quirks: 至今, 期间 without a colon, a period starting a continuation', () => {
    const r = parseResume('2010.01--至今  某局局长\n（期间 2011.03--2011.07  党校学习）\n2008.05汶川地震期间参加救灾');
    expect(r.problems).toEqual([]);
    expect(r.entries).toEqual([
      { start: '2010.01', end: null, text: '某局局长', concurrent: false },
      { start: '2011.03', end: '2011.07', text: '党校学习2008.05汶川地震期间参加救灾', concurrent: true },
    ]);
  });
});

describe('roster cell readers', () => {
  it('reads dates given as Excel dates, numbers and text', () => {
    expect(readYearMonthCell(cell(new Date(Date.UTC(1985, 2, 24))))).toEqual({ ok: true, value: '1985.03' });
    expect(readYearMonthCell(cell(198503))).toEqual({ ok: true, value: '1985.03' });
    expect(readYearMonthCell(cell(31130))).toEqual({ ok: true, value: '1985.03' });
    expect(readYearMonthCell(cell('1985年3月'))).toEqual({ ok: true, value: '1985.03' });
    expect(readYearMonthCell(cell(1985.03))).toEqual({ ok: true, value: '1985.03' });
    // 1985.1 as a number may be January or October; shown with two decimals it is October.
    expect(readYearMonthCell(cell(1985.1)).ok).toBe(false);
    expect(readYearMonthCell(cell(1985.1, '0.00'))).toEqual({ ok: true, value: '1985.10' });
    expect(readYearMonthCell(cell(1985)).ok).toBe(false);
    expect(readYearMonthCell(cell({ formula: 'A2', result: '1985.03' } as ExcelJS.CellValue))).toEqual({ ok: true, value: '1985.03' });
  });

  it('refuses an ID number that Excel stored as a number, showing what Excel shows', () => {
    const r = readIdNumberCell(cell(610902198503241017));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('表中为 610902198503241000');
    expect(readIdNumberCell(cell({ richText: [{ text: '61090219850324' }, { text: '101x' }] }))).toEqual({ ok: true, value: '61090219850324101X' });
  });

  it('reads 起止时间 in the usual spellings', () => {
    expect(readPeriodText('2024.03—2025.03')).toEqual({ ok: true, start: '2024.03.01', end: '2025.03.31' });
    expect(readPeriodText('2024年3月至2025年2月')).toEqual({ ok: true, start: '2024.03.01', end: '2025.02.28' });
    expect(readPeriodText('2024-03-15~2025-03-14')).toEqual({ ok: true, start: '2024.03.15', end: '2025.03.14' });
    expect(readPeriodText('2024.03').ok).toBe(false);
  });

  it('matches headers by synonym, ignoring blanks, required marks and hints in brackets', () => {
    expect(columnForHeader(' 公民身份号码 ')?.key).toBe('idNumber');
    expect(columnForHeader('*姓 名')?.key).toBe('name');
    expect(columnForHeader('出生年月（年.月）')?.key).toBe('birthDate');
    expect(columnForHeader('花名册')).toBeUndefined();
  });
});
