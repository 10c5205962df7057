import {
  BorderStyle,
  HeightRule,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  AlignmentType,
  type IBorderOptions,
} from 'docx';
import { mm, para, type ParaStyle } from './style';

/**
 * Tables the way WPS, Word and LibreOffice all lay out the same: a fixed layout over an explicit grid of DXA
 * column widths, every cell with its own width, rows "at least" a height (never "exact", which clips text), and
 * vertical merges written out cell by cell so each continuation cell has the right width too.
 *
 * A table is described as rows of cells; a cell spans `span` grid columns and `rowSpan` rows. The kit works out
 * which grid column each cell starts in (skipping columns held by merges from the rows above), like HTML does.
 */

export type VAlign = 'top' | 'center' | 'bottom';

export interface CellSpec {
  /** Paragraphs, or text (one paragraph per `\n`-free string; use an array for several paragraphs). */
  content: Paragraph[] | string | string[];
  /** Grid columns spanned (default 1). */
  span?: number;
  /** Rows spanned (default 1): a vertical merge. */
  rowSpan?: number;
  /** Style of text content (ignored for ready paragraphs). */
  style?: ParaStyle;
  vAlign?: VAlign;
  /** Cell padding in twips; the table's default otherwise. */
  margins?: { top?: number; bottom?: number; left?: number; right?: number };
  /** Sides drawn differently from the table's lines (e.g. `none` for an open cell). */
  borders?: Partial<Record<'top' | 'bottom' | 'left' | 'right', IBorderOptions>>;
}

export interface RowSpec {
  cells: CellSpec[];
  /** Minimum height in twips ("at least"): the row grows with its text. */
  minHeight?: number;
  /** Repeat this row at the top of every page (only the leading rows of a table may). */
  header?: boolean;
  /** Keep the row on one page. Leave off for tall text rows, which must be free to continue on the next page. */
  cantSplit?: boolean;
}

export interface TableSpec {
  /** Grid column widths in twips; they add up to the table width. */
  columns: readonly number[];
  rows: readonly RowSpec[];
  /** Line weights in 1/8 pt. */
  outerLine?: number;
  innerLine?: number;
  /** Default cell padding, twips. */
  cellMargins?: { top: number; bottom: number; left: number; right: number };
  align?: 'left' | 'center';
}

export const DEFAULT_CELL_MARGINS = { top: mm(0.5), bottom: mm(0.5), left: mm(1.5), right: mm(1.5) } as const;

export const line = (size: number): IBorderOptions => ({ style: BorderStyle.SINGLE, size, color: '000000' });
export const NO_LINE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };

/**
 * Grid columns from widths in millimetres, scaled to exactly `totalTwips` (the text block's width) so the table
 * neither pokes into the margin nor falls short of it by rounding.
 */
export function gridColumns(widthsMm: readonly number[], totalTwips: number): number[] {
  const sum = widthsMm.reduce((a, b) => a + b, 0);
  const cols = widthsMm.map((w) => Math.floor((w / sum) * totalTwips));
  cols[cols.length - 1] += totalTwips - cols.reduce((a, b) => a + b, 0);
  return cols;
}

/** Width in twips of `span` columns starting at `start`. */
export function spanWidth(columns: readonly number[], start: number, span: number): number {
  return columns.slice(start, start + span).reduce((a, b) => a + b, 0);
}

const V_ALIGN = { top: VerticalAlignTable.TOP, center: VerticalAlignTable.CENTER, bottom: VerticalAlignTable.BOTTOM } as const;

function paragraphsOf(spec: CellSpec): Paragraph[] {
  const c = spec.content;
  if (typeof c === 'string') return [para(c, spec.style)];
  if (c.length === 0) return [para('', spec.style)];
  if (typeof c[0] === 'string') return (c as string[]).map((t) => para(t, spec.style));
  return c as Paragraph[];
}

/** Where each cell of each row starts, with the continuation cells of vertical merges filled in. */
interface Placed {
  spec: CellSpec;
  col: number;
  merge?: 'restart' | 'continue';
}

export function placeCells(columns: readonly number[], rows: readonly RowSpec[]): Placed[][] {
  const n = columns.length;
  // Per grid column: the merge still running down from a row above, with how many rows it still covers.
  const running: ({ spec: CellSpec; left: number } | undefined)[] = new Array(n).fill(undefined);
  return rows.map((row, r) => {
    const placed: Placed[] = [];
    let col = 0;
    let next = 0;
    while (col < n) {
      const held = running[col];
      if (held && held.left > 0) {
        placed.push({ spec: held.spec, col, merge: 'continue' });
        held.left--;
        col += held.spec.span ?? 1;
        continue;
      }
      const spec = row.cells[next++];
      if (!spec) throw new Error(`表格第${r + 1}行只填满了${col}/${n}列`);
      const span = spec.span ?? 1;
      if (col + span > n) throw new Error(`表格第${r + 1}行超出${n}列`);
      const rowSpan = spec.rowSpan ?? 1;
      if (rowSpan > 1) running[col] = { spec, left: rowSpan - 1 };
      placed.push({ spec, col, merge: rowSpan > 1 ? 'restart' : undefined });
      col += span;
    }
    if (next < row.cells.length) throw new Error(`表格第${r + 1}行的单元格多于${n}列`);
    return placed;
  });
}

export function buildTable(spec: TableSpec): Table {
  const { columns } = spec;
  const outer = line(spec.outerLine ?? 8);
  const inner = line(spec.innerLine ?? 4);
  const margins = spec.cellMargins ?? DEFAULT_CELL_MARGINS;
  const total = columns.reduce((a, b) => a + b, 0);
  const placedRows = placeCells(columns, spec.rows);
  const rows = placedRows.map((placed, r) => {
    const rowSpec = spec.rows[r];
    const cells = placed.map(({ spec: c, col, merge }) => {
      const span = c.span ?? 1;
      return new TableCell({
        children: merge === 'continue' ? [new Paragraph({ children: [] })] : paragraphsOf(c),
        width: { size: spanWidth(columns, col, span), type: WidthType.DXA },
        columnSpan: span > 1 ? span : undefined,
        verticalMerge: merge === 'restart' ? VerticalMergeType.RESTART : merge === 'continue' ? VerticalMergeType.CONTINUE : undefined,
        verticalAlign: V_ALIGN[c.vAlign ?? 'center'],
        margins: c.margins ? { ...margins, ...c.margins, marginUnitType: WidthType.DXA } : undefined,
        borders: c.borders,
      });
    });
    return new TableRow({
      children: cells,
      height: rowSpec.minHeight ? { value: rowSpec.minHeight, rule: HeightRule.ATLEAST } : undefined,
      tableHeader: rowSpec.header,
      cantSplit: rowSpec.cantSplit,
    });
  });
  return new Table({
    rows,
    columnWidths: [...columns],
    width: { size: total, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    alignment: spec.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
    margins: { ...margins, marginUnitType: WidthType.DXA },
    borders: { top: outer, bottom: outer, left: outer, right: outer, insideHorizontal: inner, insideVertical: inner },
  });
}

/** The content box of a cell (its width and a height, less the padding) for text fitting. */
export function contentBox(
  columns: readonly number[],
  start: number,
  span: number,
  heightTwips: number,
  margins: { top: number; bottom: number; left: number; right: number } = DEFAULT_CELL_MARGINS,
): { width: number; height: number } {
  return { width: spanWidth(columns, start, span) - margins.left - margins.right, height: heightTwips - margins.top - margins.bottom };
}
