import type ExcelJS from 'exceljs';
import { normalizeIdNumber } from '../../../shared/validators/idNumber';
import { parseYearMonth } from '../../../shared/validators/yearMonth';
import { readDay } from '../lrmx/lrmxParse';
import { stripXmlIllegal, xmlSafeText } from '../../../shared/text';

/**
 * Reading roster cells the way they arrive: real Excel dates or text (`1985.03`, `1985年3月`, `198503`), ID numbers
 * as text (a number that lost its digits is an error, never a guess), rich text, formulas, hyperlinks.
 */
export type CellValue = ExcelJS.CellValue;
export type Read = { ok: true; value: string } | { ok: false; message: string };

/** The value as the file has it, behind formulas, rich text and hyperlinks. */
function rawValue(v: CellValue): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return rawValue((v as ExcelJS.CellFormulaValue).result as CellValue);
  if ('hyperlink' in v) return rawValue((v as ExcelJS.CellHyperlinkValue).text as CellValue);
  if ('error' in v) return null;
  return null;
}

/**
 * The value behind formulas, rich text and hyperlinks (merged cells already answer with their master's value),
 * text without the characters no document can hold (Excel writes them as `_x0008_`; exceljs decodes those).
 */
export function plainValue(v: CellValue): string | number | boolean | Date | null {
  const raw = rawValue(v);
  return typeof raw === 'string' ? xmlSafeText(raw) : raw;
}

/** How many XML-illegal characters the cell's text had (taken out by plainValue), for the import's notes. */
export function illegalCharsIn(cell: ExcelJS.Cell | undefined): number {
  const raw = cell ? rawValue(cell.value) : null;
  return typeof raw === 'string' ? stripXmlIllegal(raw).removed : 0;
}

const ymOf = (d: Date) => `${d.getUTCFullYear()}.${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
const dayOfUtc = (d: Date) => `${ymOf(d)}.${String(d.getUTCDate()).padStart(2, '0')}`;

/** Excel's day count (1900 system) as a date; only within 1927–2119 so that a bare year is not taken for one. */
function fromSerial(n: number): Date | null {
  if (!Number.isInteger(n) || n < 10_000 || n > 80_000) return null;
  return new Date(Date.UTC(1899, 11, 30) + n * 86_400_000);
}

/** A number as Excel shows it under the cell's format (`0.00` shows 1985.1 as 1985.10). */
function shownNumber(n: number, numFmt: string | undefined): string {
  const decimals = /\.(0+)/.exec(numFmt ?? '')?.[1].length;
  return decimals ? n.toFixed(decimals) : String(n);
}

export function cellText(cell: ExcelJS.Cell): string {
  const v = plainValue(cell.value);
  if (v === null) return '';
  if (v instanceof Date) return dayOfUtc(v);
  if (typeof v === 'number') return shownNumber(v, cell.numFmt);
  return String(v).replace(/\u3000/g, ' ').trim();
}

/** A year-month cell: a date, `198503`, `1985.03`, `1985年3月`, `1985-03-24` … → `YYYY.MM`. */
export function readYearMonthCell(cell: ExcelJS.Cell): Read {
  const v = plainValue(cell.value);
  if (v === null || v === '') return { ok: true, value: '' };
  if (v instanceof Date) return { ok: true, value: ymOf(v) };
  if (typeof v === 'number') {
    const shown = shownNumber(v, cell.numFmt);
    if (/^\d{4}\.\d$/.test(shown) && shown.endsWith('1')) {
      return { ok: false, message: `“${shown}”有歧义（1月还是10月？Excel 会把数字 1985.10 存成 1985.1），请把该列设为文本后填写如 1985.10` };
    }
    const serial = fromSerial(v);
    const ym = parseYearMonth(shown) ?? (serial ? ymOf(serial) : null);
    return ym ? { ok: true, value: ym } : { ok: false, message: `无法识别“${shown}”（应为年月，如 1985.03）` };
  }
  const s = String(v).trim();
  if (!s) return { ok: true, value: '' };
  const ym = parseYearMonth(s);
  return ym ? { ok: true, value: ym } : { ok: false, message: `无法识别“${s}”（应为年月，如 1985.03、1985年3月 或 198503）` };
}

/** A day cell (挂职开始/结束时间): a date, `2024.03.01`, `20240301`; a month alone means its first (start) or last (end) day. */
export function readDayCell(cell: ExcelJS.Cell, end: boolean): Read {
  const v = plainValue(cell.value);
  if (v === null || v === '') return { ok: true, value: '' };
  if (v instanceof Date) return { ok: true, value: dayOfUtc(v) };
  const s = typeof v === 'number' ? (fromSerial(v) ? dayOfUtc(fromSerial(v)!) : shownNumber(v, cell.numFmt)) : String(v).trim();
  const day = dayFromText(s, end);
  return day ? { ok: true, value: day } : { ok: false, message: `无法识别“${s}”（应为日期，如 2024.03.01）` };
}

function lastDayOfMonth(ym: string): string {
  const [y, m] = ym.split('.').map(Number);
  return `${ym}.${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

function dayFromText(s: string, end: boolean): string | null {
  const d = readDay(s);
  if (!d) return null;
  if (d.length === 10) return d;
  return end ? lastDayOfMonth(d) : `${d}.01`;
}

const DATE_PART = String.raw`(\d{4}\s*[.\-/年．]\s*\d{1,2}(?:\s*[.\-/月．]\s*\d{1,2}\s*日?|\s*月)?|\d{6}(?:\d{2})?)`;
const PERIOD_RE = new RegExp(String.raw`^${DATE_PART}\s*(?:-{1,2}|—{1,2}|－{1,2}|–{1,2}|~|～|至|到)\s*${DATE_PART}$`);

/** 起止时间 `2024.03—2025.03`, `2024年3月至2025年3月`, `2024.03.01-2025.02.28` → start and end days. */
export function readPeriodText(raw: string): { ok: true; start: string; end: string } | { ok: false; message: string } {
  const s = raw.replace(/\s+/g, '');
  const m = PERIOD_RE.exec(s);
  const start = m ? dayFromText(m[1], false) : null;
  const end = m ? dayFromText(m[2], true) : null;
  if (!start || !end) return { ok: false, message: `无法识别“${raw}”（应写开始和结束，如 2024.03—2025.03）` };
  return { ok: true, start, end };
}

/** Excel's display of a number past 15 significant digits (the rest became zeros). */
function excelDigits(n: number): string {
  const [mantissa, exp] = n.toExponential(14).split('e');
  const digits = mantissa.replace('.', '').replace('-', '');
  const e = Number(exp);
  return e + 1 > digits.length ? digits.padEnd(e + 1, '0') : digits.slice(0, e + 1);
}

/** An ID number must be text: a number of 16+ digits has lost its last digits in Excel. */
export function readIdNumberCell(cell: ExcelJS.Cell): Read {
  const v = plainValue(cell.value);
  if (v === null) return { ok: true, value: '' };
  if (typeof v === 'number') {
    if (Math.abs(v) >= 1e15) {
      return {
        ok: false,
        message: `在 Excel 中存成了数字，只保留了 15 位有效数字，末尾几位已丢失（表中为 ${excelDigits(v)}）；请把该列设为文本格式后重新录入`,
      };
    }
    return { ok: true, value: String(v) };
  }
  if (v instanceof Date) return { ok: false, message: '应为18位身份证号，单元格中却是日期' };
  // A leading apostrophe some people type to force text.
  return { ok: true, value: normalizeIdNumber(String(v).replace(/^'/, '')) };
}
