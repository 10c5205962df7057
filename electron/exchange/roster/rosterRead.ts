import ExcelJS from 'exceljs';
import type { RosterPosting, RowError } from '../../../shared/channels/exchange';
import { validationError } from '../../../shared/errors';
import { FIELD_LABELS } from '../../../shared/fieldLabels';
import { strippedNote } from '../../../shared/text';
import { ZipRefusal } from '../zipGuard';
import { cellText, illegalCharsIn, readDayCell, readIdNumberCell, readPeriodText, readYearMonthCell } from './rosterCells';
import { columnForHeader, POSTING_KEYS, type RosterColumn, type RosterKey } from './rosterColumns';
import { guardXlsx, XLSX_LIMITS } from './xlsxGuard';

/**
 * An Excel roster (花名册) read into rows of text values: the header row found below any title rows, headers
 * matched by synonyms, dates and ID numbers read strictly, blank / 合计 / note rows left out. Cell problems are
 * collected by Excel row number; nothing here knows the database.
 */
export const MAX_ROSTER_BYTES = 20 * 1024 * 1024;
/** The header row is looked for among the first rows only (title rows, a date line, a unit line …). */
const HEADER_SEARCH_ROWS = 30;

export interface RosterRow {
  /** Excel row number. */
  row: number;
  /** Cell values of the recognised columns (dates `YYYY.MM`, ID numbers normalised); empty cells left out. */
  values: Partial<Record<RosterKey, string>>;
  posting: RosterPosting | null;
}

export interface RosterSheet {
  sheetName: string;
  headerRow: number;
  columns: { index: number; header: string; column: RosterColumn }[];
  ignoredColumns: string[];
  rows: RosterRow[];
  skipped: RowError[];
  errors: RowError[];
  /** Whether the roster has any posting column. */
  hasPostingColumns: boolean;
  /** What was changed while reading (control characters taken out of a cell …), by row, for the preview. */
  notes: string[];
}

export const labelOfKey = (key: RosterKey): string =>
  ({ seq: '序号', hostUnit: '挂职单位', hostPost: '挂职职务', postPeriod: '起止时间', postStart: '挂职开始时间', postEnd: '挂职结束时间' })[
    key as string
  ] ?? FIELD_LABELS[key] ?? key;

/**
 * Parts of the sheet model exceljs would build and the roster never reads; skipping them also skips what grows
 * with a declared range (a data validation on A1:XFD1048576 is expanded cell by cell, a `<col max>` column by column).
 */
const IGNORED_NODES = ['dataValidations', 'conditionalFormatting', 'extLst', 'hyperlinks', 'cols', 'picture', 'drawing', 'tableParts', 'rowBreaks', 'autoFilter'];

const TOTAL_RE = /^(合计|小计|总计|共计)/;
const NOTE_RE = /^(注|说明|备注)\s*[:：\d１-９一二三]|^(填表人|制表人|审核人|填报人|填报单位|联系人|制表|填表)/;

/** `lastRow`: the header's last row (the sub-header row of a two-row header). */
type HeaderMatch = { columns: RosterSheet['columns']; ignored: string[]; dataStart: number; lastRow: number };

/** Whether the cell holds its own value (not one it shows because it lies in another cell's merge). */
const ownsValue = (cell: ExcelJS.Cell) => !cell.isMerged || cell.master.address === cell.address;

/**
 * The header at row `r`, or null. A second header row of sub-headers under merged group titles
 * (全日制教育 over 学历 / 学位) is read too: the title and the sub-header are joined (全日制教育学历).
 */
function matchHeader(ws: ExcelJS.Worksheet, r: number, width: number): HeaderMatch | null {
  const top = ws.getRow(r);
  const below = ws.getRow(r + 1);
  const topText = (c: number) => cellText(top.getCell(c));
  const belowText = (c: number) => (ownsValue(below.getCell(c)) ? cellText(below.getCell(c)) : '');
  let belowCount = 0;
  let sub = r + 1 <= ws.rowCount;
  for (let c = 1; c <= width && sub; c++) {
    const t = belowText(c);
    if (!t) continue;
    belowCount++;
    if (!columnForHeader(t) && !columnForHeader(topText(c) + t)) sub = false;
  }
  sub &&= belowCount > 0;

  const columns: RosterSheet['columns'] = [];
  const ignored: string[] = [];
  const seen = new Set<RosterKey>();
  for (let c = 1; c <= width; c++) {
    let header: string;
    if (sub && belowText(c)) header = columnForHeader(topText(c) + belowText(c)) ? topText(c) + belowText(c) : belowText(c);
    else if (ownsValue(top.getCell(c))) header = topText(c);
    // A title merged across the header's columns is not a header.
    else continue;
    if (!header) continue;
    const column = columnForHeader(header);
    if (column && !seen.has(column.key)) {
      seen.add(column.key);
      columns.push({ index: c, header, column });
    } else ignored.push(header);
  }
  if (!seen.has('name') || columns.length < 2) return null;
  return { columns, ignored, dataStart: sub ? r + 2 : r + 1, lastRow: sub ? r + 1 : r };
}

export async function readRoster(bytes: Buffer): Promise<RosterSheet> {
  if (bytes.length === 0) throw validationError('花名册：文件为空');
  if (bytes.length > MAX_ROSTER_BYTES) {
    throw validationError(`花名册：文件过大（${(bytes.length / 1024 / 1024).toFixed(1)} MB，上限 ${MAX_ROSTER_BYTES / 1024 / 1024} MB）`);
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw validationError('花名册：这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 后再导入');
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw validationError('花名册：不是 Excel（.xlsx）文件');
  try {
    await guardXlsx(bytes);
  } catch (err) {
    if (!(err instanceof ZipRefusal)) throw err;
    throw validationError(err.kind === 'limit' ? `花名册文件过大：${err.message}` : `花名册：文件已损坏或不是 Excel（.xlsx）文件，无法读取（${err.message}）`);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer, { ignoreNodes: IGNORED_NODES });
  } catch {
    throw validationError('花名册：文件已损坏或不是 Excel（.xlsx）文件，无法读取');
  }
  // Comments and the like can still place a cell far out: the loops below go no further than the limits.
  for (const ws of wb.worksheets) {
    if (ws.columnCount > XLSX_LIMITS.columns) throw validationError(`花名册文件过大：工作表“${ws.name}”用到了第 ${ws.columnCount} 列，最多支持 ${XLSX_LIMITS.columns} 列`);
    if (ws.rowCount > XLSX_LIMITS.rows) throw validationError(`花名册文件过大：工作表“${ws.name}”用到了第 ${ws.rowCount} 行，最多支持 ${XLSX_LIMITS.rows} 行`);
  }
  for (const ws of wb.worksheets) {
    const width = ws.columnCount;
    const last = Math.min(ws.rowCount, HEADER_SEARCH_ROWS);
    for (let r = 1; r <= last; r++) {
      const match = matchHeader(ws, r, width);
      if (match) return readRows(ws, match.lastRow, match);
    }
  }
  throw validationError('花名册：未找到表头行（前 30 行中应有一行列名，至少包含“姓名”和“身份证号”）');
}

function readRows(ws: ExcelJS.Worksheet, headerRow: number, match: HeaderMatch): RosterSheet {
  const keys = new Set(match.columns.map((c) => c.column.key));
  if (!keys.has('idNumber')) {
    throw validationError('花名册：缺少“身份证号”列（也可写作 身份证号码、公民身份号码），无法核对人员');
  }
  const sheet: RosterSheet = {
    sheetName: ws.name,
    headerRow,
    columns: match.columns,
    ignoredColumns: match.ignored,
    rows: [],
    skipped: [],
    errors: [],
    hasPostingColumns: POSTING_KEYS.some((k) => keys.has(k)),
    notes: [],
  };
  // A header cell merged down (e.g. 姓名 over two rows) would otherwise be read as the first data row.
  let first = match.dataStart;
  while (first <= ws.rowCount && match.columns.every(({ index }) => {
    const cell = ws.getRow(first).getCell(index);
    return !ownsValue(cell) && Number(cell.master.row) <= headerRow;
  })) first++;

  const width = ws.columnCount;
  for (let r = first; r <= ws.rowCount; r++) {
    // findRow / findCell: an empty row or cell is not made just to be looked at.
    const row = ws.findRow(r);
    if (!row) continue;
    // Blank: no cell of its own holds anything (merged 单位 cells and a pre-filled 序号 do not count).
    let firstText = '';
    let blank = true;
    let total = false;
    for (let c = 1; c <= width; c++) {
      const cell = row.findCell(c);
      if (!cell || !ownsValue(cell)) continue;
      const t = cellText(cell);
      if (!t) continue;
      if (TOTAL_RE.test(t.replace(/\s+/g, ''))) total = true;
      // A pre-numbered 序号 alone does not make a row; a note written in that column does.
      const isSeq = /^\d+$/.test(t) && match.columns.some((m) => m.index === c && m.column.key === 'seq');
      if (!isSeq) {
        blank = false;
        firstText ||= t;
      }
    }
    if (total) {
      sheet.skipped.push({ row: r, message: '合计行，已跳过' });
      continue;
    }
    if (blank) continue;
    const errors: string[] = [];
    const values: RosterRow['values'] = {};
    const stripped: string[] = [];
    for (const { index, column } of match.columns) {
      const cell = row.getCell(index);
      const removed = illegalCharsIn(cell);
      if (removed) stripped.push(strippedNote(labelOfKey(column.key), removed));
      let read: { ok: true; value: string } | { ok: false; message: string };
      switch (column.kind) {
        case 'seq':
          continue;
        case 'yearMonth':
          read = readYearMonthCell(cell);
          break;
        case 'idNumber':
          read = readIdNumberCell(cell);
          break;
        case 'day':
          read = readDayCell(cell, column.key === 'postEnd');
          break;
        default:
          read = { ok: true, value: cellText(cell) };
      }
      if (!read.ok) errors.push(`${labelOfKey(column.key)}：${read.message}`);
      else if (read.value) values[column.key] = read.value;
    }
    if (!values.name && !values.idNumber && NOTE_RE.test(firstText)) {
      sheet.skipped.push({ row: r, message: '说明文字，已跳过' });
      continue;
    }
    const posting = readPosting(values, errors);
    for (const message of errors) sheet.errors.push({ row: r, message });
    for (const note of stripped) sheet.notes.push(`第 ${r} 行 ${note}`);
    sheet.rows.push({ row: r, values, posting });
  }
  return sheet;
}

/** 挂职单位/挂职职务/起止时间 (or separate start and end columns) → a posting, validated; null when the row has none. */
function readPosting(values: RosterRow['values'], errors: string[]): RosterPosting | null {
  if (!POSTING_KEYS.some((k) => values[k])) return null;
  const hostUnit = values.hostUnit ?? '';
  const hostPost = values.hostPost ?? '';
  let startDate = values.postStart ?? '';
  let plannedEndDate = values.postEnd ?? '';
  if (values.postPeriod) {
    const p = readPeriodText(values.postPeriod);
    if (!p.ok) errors.push(`起止时间：${p.message}`);
    else {
      startDate ||= p.start;
      plannedEndDate ||= p.end;
    }
  }
  if (!hostUnit) errors.push('挂职单位：不能为空（本行填写了挂职信息）');
  else if (hostUnit.length > 100) errors.push('挂职单位：不能超过100个字');
  if (hostPost.length > 200) errors.push('挂职职务：不能超过200个字');
  if (!values.postPeriod || startDate) {
    if (!startDate) errors.push('起止时间：缺少挂职开始时间');
    if (!plannedEndDate) errors.push('起止时间：缺少挂职结束时间');
  }
  if (startDate && plannedEndDate && plannedEndDate < startDate) errors.push(`起止时间：结束（${plannedEndDate}）早于开始（${startDate}）`);
  return { hostUnit, hostPost, startDate, plannedEndDate };
}
