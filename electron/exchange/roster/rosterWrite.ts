import ExcelJS from 'exceljs';
import type { CadreData } from '../../../shared/cadre';
import { GENDERS, PERSON_CATEGORIES, POLITICAL_STATUSES } from '../../../shared/codes';
import { xmlSafeText } from '../../../shared/text';
import { EXPORT_COLUMNS, TEMPLATE_COLUMNS, type RosterColumn } from './rosterColumns';

/**
 * Rosters written with exceljs: a merged title row, a bold header row, every cell text (ID numbers and dates as
 * text, so that Excel cannot round them), frozen header, print set to A4 landscape. The import reads these back.
 */
const TEMPLATE_ROWS = 200;
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

function sheetWithHeader(wb: ExcelJS.Workbook, title: string, columns: readonly RosterColumn[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet('花名册', {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' },
  });
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width, style: { numFmt: '@' } }));
  ws.mergeCells(1, 1, 1, columns.length);
  const titleCell = ws.getCell(1, 1);
  titleCell.value = xmlSafeText(title);
  titleCell.font = { name: '方正小标宋简体', size: 18 };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 36;
  const header = ws.getRow(2);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: '黑体', size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  header.height = 24;
  return ws;
}

/**
 * A field as cell text. exceljs drops C0 controls itself but writes U+FFFE/U+FFFF, which no spreadsheet program
 * opens: text stored before imports stripped them must not break the export.
 */
function cellValue(column: RosterColumn, c: CadreData): string {
  const v = c[column.key as keyof CadreData];
  return typeof v === 'string' ? xmlSafeText(v) : '';
}

/** The cadre list as a roster: one row per file, in the given order. */
export async function writeRosterXlsx(cadres: readonly CadreData[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '挂职干部管理系统';
  const ws = sheetWithHeader(wb, title, EXPORT_COLUMNS);
  cadres.forEach((c, i) => {
    const row = ws.getRow(i + 3);
    EXPORT_COLUMNS.forEach((column, j) => {
      const cell = row.getCell(j + 1);
      cell.value = column.key === 'seq' ? String(i + 1) : cellValue(column, c);
      cell.border = THIN;
      cell.alignment = { vertical: 'middle', wrapText: column.width >= 20 };
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A blank roster to fill in and import: the title row, the header (with the posting columns a batch import reads),
 * text-formatted cells so that ID numbers keep their 18 digits, and drop-down lists for the coded columns.
 */
export async function writeRosterTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '挂职干部管理系统';
  const ws = sheetWithHeader(wb, '挂职干部花名册', TEMPLATE_COLUMNS);
  const last = TEMPLATE_ROWS + 2;
  const letter = (key: string) => ws.getColumn(key).letter;
  const list = (key: string, values: readonly string[], prompt: string) => {
    const formula = `"${values.join(',')}"`;
    // Excel caps an inline list at 255 characters; longer lists stay free text.
    if (formula.length > 255) return;
    for (let r = 3; r <= last; r++) {
      ws.getCell(`${letter(key)}${r}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [formula],
        showErrorMessage: true,
        errorTitle: '请从列表中选择',
        error: prompt,
      };
    }
  };
  list('gender', GENDERS, '性别应为“男”或“女”');
  list('politicalStatus', POLITICAL_STATUSES, '请选择政治面貌');
  list('personCategory', PERSON_CATEGORIES, '请选择人员类别');
  const notes: Record<string, string> = {
    idNumber: '18位身份证号，本列已设为文本格式，请勿改为数字（数字格式会丢失末尾几位）',
    birthDate: '年月，如 1985.03；可留空，导入时从身份证号读取',
    workStartDate: '年月，如 2007.08',
    partyJoinDate: '年月，如 2008.06；民主党派可写“2010.05；民盟”',
    postPeriod: '如 2024.03—2025.03 或 2024.03.01—2025.02.28；按批次导入时生成挂职记录',
  };
  for (const [key, note] of Object.entries(notes)) ws.getCell(`${letter(key)}2`).note = note;
  for (let r = 3; r <= last; r++) {
    const row = ws.getRow(r);
    TEMPLATE_COLUMNS.forEach((_c, j) => (row.getCell(j + 1).border = THIN));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The template as a named file. */
export async function rosterTemplateFile(): Promise<{ fileName: string; base64: string; bytes: Buffer }> {
  const bytes = await writeRosterTemplate();
  return { fileName: '挂职干部花名册模板.xlsx', base64: bytes.toString('base64'), bytes };
}
