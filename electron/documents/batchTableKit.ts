import type { FileChild } from 'docx';
import { PAD_H, PAD_V } from './formKit';
import type { FormPackage } from './packDocx';
import { MARGINS_LANDSCAPE, StyleBook, pageNumberFooter, pt, textWidth, type Align } from './style';
import { buildTable, gridColumns, type CellSpec, type RowSpec } from './tableKit';
import { fitBlocks, type SizeStep } from './textFit';

/**
 * The landscape batch tables (花名册, 工作实绩及考核汇总表): one line per member of a batch on A4 landscape, the header
 * row repeated at the top of every page, rows kept whole (a row never splits across pages), page numbers at the foot.
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
}

export interface BatchTableHead {
  title: string;
  subtitle: string;
  madeOn: string;
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
export function batchCell(book: StyleBook, lines: readonly string[], width: number, column: Pick<BatchColumn<unknown>, 'align' | 'oneLine'>): CellSpec {
  const texts = lines.length ? lines : [''];
  const fit = fitBlocks(
    texts.map((text) => ({ text })),
    width - PAD_H,
    (column.oneLine ? texts.length : Math.max(2, texts.length)) * pt(BATCH_LADDER[0].line) + 1,
    BATCH_LADDER,
  );
  return { content: texts.map((t) => book.para(t, { size: fit.size, line: fit.line, align: column.align })) };
}

/** The header row, repeated on every page, tall enough for two-line headers. */
export function batchHeaderRow(cells: CellSpec[], minHeight: number): RowSpec {
  return { cells, minHeight: Math.max(minHeight, 2 * pt(13) + PAD_V), header: true, cantSplit: true };
}

/** One row per item, kept whole. */
export function batchBodyRows<R>(book: StyleBook, columns: readonly BatchColumn<R>[], grid: readonly number[], items: readonly R[], minHeight: number): RowSpec[] {
  return items.map((r) => ({
    cells: columns.map((c, i) => batchCell(book, c.value(r), grid[i], c)),
    minHeight,
    cantSplit: true,
  }));
}

/**
 * The page: title, subtitle and 制表日期 above the table, `after` below it. Paragraphs after the table are made
 * last (a thunk) since style ids are numbered in the order paragraphs are made.
 */
export function batchTablePackage(
  book: StyleBook,
  head: BatchTableHead,
  grid: number[],
  rows: RowSpec[],
  after: () => FileChild[] = () => [],
): FormPackage {
  return {
    title: head.title,
    page: { orientation: 'landscape', margins: BATCH_MARGINS },
    book,
    footer: pageNumberFooter(),
    body: [
      book.para(head.title, { font: '小标宋', size: '小二', line: 28, after: 4, align: 'center' }),
      book.para(head.subtitle, { size: '小四', line: 18, after: 2, align: 'center' }),
      book.para(`制表日期：${head.madeOn}`, { size: '五号', line: 16, after: 4, align: 'right' }),
      buildTable({ columns: grid, rows }),
      ...after(),
    ],
  };
}
