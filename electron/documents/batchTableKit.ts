import type { Paragraph } from 'docx';
import { PAD_H, PAD_V } from './formKit';
import type { FormPackage } from './packDocx';
import { MARGINS_LANDSCAPE, StyleBook, mm, pageNumberFooter, pt, textWidth, type Align } from './style';
import { NO_LINE, buildTable, gridColumns, type CellSpec, type RowSpec } from './tableKit';
import { fitBlocks, type SizeStep } from './textFit';

/**
 * The landscape batch tables (花名册, 工作实绩及考核汇总表): one line per member of a batch on A4 landscape, the header
 * row repeated at the top of every page, rows kept whole (a row never splits across pages), page numbers at the foot.
 * The table's end stays together: its last rows (and the 合计 row) are kept with what follows them — the
 * 填报单位（盖章）/制表人/制表日期 line — so no page holds a lone row, a lone 合计 or a lone signature line.
 */

export const BATCH_MARGINS = MARGINS_LANDSCAPE;
export const BATCH_WIDTH = textWidth(BATCH_MARGINS, 'landscape');

/** Cell text is 五号, shrinking to 小五 only to keep a value within its lines. */
export const BATCH_LADDER: readonly SizeStep[] = [
  { size: 10.5, line: 13 },
  { size: 9, line: 11.5 },
];

export interface BatchColumn<R> {
  header: string;
  mm: number;
  align: Align;
  /** Dates, numbers, names and amounts must not wrap: they shrink to stay on one line. */
  oneLine?: boolean;
  /** The cell's lines (one paragraph each). */
  value: (r: R) => string[];
  /** One size for every cell of the column (e.g. money, so the digits line up), instead of each cell's own fit. */
  step?: SizeStep;
}

export interface BatchTableHead {
  title: string;
  subtitle: string;
  /** 制表日期, `2026年11月30日`. */
  madeOn: string;
  /** 填报单位: the organisation department printing the table ('' leaves the line for the seal and a hand). */
  unit?: string;
  /** Printed figures from records not archived yet: the 草稿 mark. */
  draft?: boolean;
}

/**
 * The last data rows kept on the page of the table's end (with the 合计 row and the line under the table): at
 * least this many rows stand above the 合计 on the last page, and never a single row alone.
 */
export const KEEP_AT_END = 2;

/** The least height of the table's open last row (the 填报单位 line). */
const FOOT_ROW = mm(10);

/** The size at which every one of `values` fits one line of a column `width` twips wide (one size for a column). */
export function columnStep(values: readonly string[], width: number): SizeStep {
  const longest = values.reduce((a, v) => (v.length > a.length ? v : a), '');
  const fit = fitBlocks([{ text: longest }], width - PAD_H, pt(BATCH_LADDER[0].line) + 1, BATCH_LADDER);
  return { size: fit.size, line: fit.line };
}

/** Column widths (twips) filling the landscape text width in the proportions of the columns' millimetres. */
export function batchGrid(columns: readonly { mm: number }[]): number[] {
  return gridColumns(
    columns.map((c) => c.mm),
    BATCH_WIDTH,
  );
}

/**
 * A body cell: rows grow with their text; the size only shrinks to keep a value to its lines — one-line columns
 * one line per value line, the others at least two (a long unit name wraps once rather than shrinking).
 */
export function batchCell(
  book: StyleBook,
  lines: readonly string[],
  width: number,
  column: Pick<BatchColumn<unknown>, 'align' | 'oneLine' | 'step'>,
  keepNext = false,
): CellSpec {
  const texts = lines.length ? lines : [''];
  const fit = column.step ?? fitBlocks(
    texts.map((text) => ({ text })),
    width - PAD_H,
    (column.oneLine ? texts.length : Math.max(2, texts.length)) * pt(BATCH_LADDER[0].line) + 1,
    BATCH_LADDER,
  );
  return { content: texts.map((t) => book.para(t, { size: fit.size, line: fit.line, align: column.align, ...(keepNext ? { keepNext } : {}) })) };
}

/** The header row, repeated on every page, tall enough for two-line headers. */
export function batchHeaderRow(cells: CellSpec[], minHeight: number): RowSpec {
  return { cells, minHeight: Math.max(minHeight, 2 * pt(13) + PAD_V), header: true, cantSplit: true };
}

/**
 * One row per item, kept whole; the last KEEP_AT_END rows kept with the next (keepNext on their paragraphs, which
 * Word, WPS and LibreOffice all honour for table rows), so the table's end never leaves a row alone on a page.
 */
export function batchBodyRows<R>(book: StyleBook, columns: readonly BatchColumn<R>[], grid: readonly number[], items: readonly R[], minHeight: number): RowSpec[] {
  const keepFrom = items.length - KEEP_AT_END;
  return items.map((r, k) => ({
    cells: columns.map((c, i) => batchCell(book, c.value(r), grid[i], c, k >= keepFrom)),
    minHeight,
    cantSplit: true,
  }));
}

/** `填报单位（盖章）：…　制表人：　　制表日期：…`, the line under a batch table. */
export function signOffText(head: Pick<BatchTableHead, 'unit' | 'madeOn'>): string {
  const gap = '　'.repeat(6);
  return `填报单位（盖章）：${head.unit || gap}${gap}制表人：${gap}${gap}制表日期：${head.madeOn}`;
}

/**
 * The page: title and subtitle above the table; under it the 填报单位（盖章）/制表人/制表日期 line and then the
 * `notes`. The line and the notes are the table's last row, open on three sides: a paragraph after a table is not
 * kept with the table's last rows by LibreOffice (rows with the next row are), and a row is — so the end of the
 * table, the line and the notes always share a page. Rows made last (a thunk): style ids are numbered in the
 * order paragraphs are made.
 */
export function batchTablePackage(
  book: StyleBook,
  head: BatchTableHead,
  grid: number[],
  rows: RowSpec[],
  notes: () => Paragraph[] = () => [],
): FormPackage {
  const signOff = book.para(signOffText(head), { size: '小四', line: 20, before: 6 });
  const foot: RowSpec = {
    cells: [{ content: [signOff, ...notes()], span: grid.length, borders: { left: NO_LINE, right: NO_LINE, bottom: NO_LINE }, margins: { left: 0, right: 0 } }],
    minHeight: FOOT_ROW,
    cantSplit: true,
  };
  const table = buildTable({ columns: grid, rows: [...rows, foot] });
  return {
    title: head.title,
    page: { orientation: 'landscape', margins: BATCH_MARGINS },
    book,
    footer: pageNumberFooter(),
    draft: head.draft,
    body: [
      book.para(head.title, { font: '小标宋', size: '小二', line: 28, after: 4, align: 'center' }),
      book.para(head.subtitle, { size: '小四', line: 18, after: 6, align: 'center' }),
      table,
      // A document ends with a paragraph (Word adds one after a final table anyway): a 1 pt one needs no room.
      book.para('', { line: 1 }),
    ],
  };
}
