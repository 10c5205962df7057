import { ImageRun, Paragraph } from 'docx';
import { jpegSize } from './formatting';
import { StyleBook, mm, paraProps, pt, type Align } from './style';
import { DEFAULT_CELL_MARGINS, spanWidth, type CellSpec, type RowSpec } from './tableKit';
import { charEm, fitBlocks, lineCount, type SizeStep } from './textFit';

/**
 * Building blocks of the grid forms (考核鉴定表 and the like): label and value cells set at the largest size that
 * fits their printed height, rows that know how tall they will be (so a form can give the rest of a page to its
 * tall text cell), the photo cell, and tall text sections that end in a signature or a seal block.
 */

export const CELL = DEFAULT_CELL_MARGINS;
export const PAD_V = CELL.top + CELL.bottom;
export const PAD_H = CELL.left + CELL.right;

export const LABEL_LADDER: readonly SizeStep[] = [
  { size: 12, line: 15 },
  { size: 10.5, line: 13 },
  { size: 9, line: 11 },
];
export const VALUE_LADDER: readonly SizeStep[] = [
  { size: 12, line: 15 },
  { size: 10.5, line: 13 },
  { size: 9, line: 11.5 },
];

/** Paragraphs for a cell set at a fitted size, and the height they take (at least `minHeight`). */
export function fitted(
  book: StyleBook,
  lines: readonly string[],
  width: number,
  minHeight: number,
  align: Align,
  ladder: readonly SizeStep[] = VALUE_LADDER,
): { paragraphs: Paragraph[]; height: number } {
  const texts = lines.length ? lines : [''];
  const fit = fitBlocks(texts.map((text) => ({ text })), width - PAD_H, minHeight - PAD_V, ladder);
  return {
    paragraphs: texts.map((t) => book.para(t, { size: fit.size, line: fit.line, align })),
    height: Math.max(minHeight, fit.lines * pt(fit.line) + PAD_V),
  };
}

/** A label cell: centred, its own lines (`\n`), fitted to the cell. */
export function labelCell(
  book: StyleBook,
  text: string,
  columns: readonly number[],
  start: number,
  span: number,
  minHeight: number,
  extra: Partial<CellSpec> = {},
): CellSpec {
  const { paragraphs } = fitted(book, text.split('\n'), spanWidth(columns, start, span), minHeight, 'center', LABEL_LADDER);
  return { content: paragraphs, span, ...extra };
}

/** Builds one row, tracking the height it will take (the tallest fitted cell, at least its minimum). */
export class RowBuilder {
  cells: CellSpec[] = [];
  height: number;
  private col: number;

  constructor(
    private readonly book: StyleBook,
    private readonly columns: readonly number[],
    readonly minHeight: number,
    startCol = 0,
  ) {
    this.height = minHeight;
    this.col = startCol;
  }

  label(text: string, span = 1, extra: Partial<CellSpec> = {}): this {
    this.cells.push(labelCell(this.book, text, this.columns, this.col, span, this.minHeight, extra));
    this.col += span;
    return this;
  }

  value(lines: string | readonly string[], span = 1, align: Align = 'center', extra: Partial<CellSpec> = {}): this {
    const list = typeof lines === 'string' ? [lines] : lines;
    const f = fitted(this.book, list, spanWidth(this.columns, this.col, span), this.minHeight, align);
    this.height = Math.max(this.height, f.height);
    this.cells.push({ content: f.paragraphs, span, ...extra });
    this.col += span;
    return this;
  }

  cell(spec: CellSpec): this {
    this.cells.push(spec);
    this.col += spec.span ?? 1;
    return this;
  }

  row(extra: Partial<RowSpec> = {}): RowSpec {
    return { cells: this.cells, minHeight: this.height, cantSplit: true, ...extra };
  }
}

/** The photo (a JPEG) fitted inside a frame of `frameMm`, keeping its proportions; `照片` when there is none. */
export function photoCell(book: StyleBook, photo: Buffer | null, frameMm: { width: number; height: number }, rowSpan: number): CellSpec {
  if (!photo) return { content: [book.para('照片', { align: 'center' })], rowSpan };
  const px = (v: number) => (v / 25.4) * 96;
  const size = jpegSize(photo);
  let w = frameMm.width;
  let h = frameMm.height;
  if (size) {
    const scale = Math.min(frameMm.width / size.width, frameMm.height / size.height);
    w = size.width * scale;
    h = size.height * scale;
  }
  const image = new ImageRun({
    type: 'jpg',
    data: photo,
    transformation: { width: Math.round(px(w)), height: Math.round(px(h)) },
    altText: { name: '照片', description: '照片', title: '照片' },
  });
  return { content: [new Paragraph({ children: [image], ...paraProps({ align: 'center' }) })], rowSpan, margins: { left: 0, right: 0 } };
}

/** Lines a paragraph takes with its first line indented by `firstLineTwips`. */
export function indentedLines(text: string, sizePt: number, widthTwips: number, firstLineTwips: number): number {
  return lineCount(text, sizePt, widthTwips, widthTwips - firstLineTwips);
}

export interface TextSection {
  /** The cell's paragraphs: the text, a spacer, the closing block. */
  content: Paragraph[];
  /** The height the row will take, twips. */
  height: number;
  /** The row must stay on one page (it was sized to fit one). */
  cantSplit: boolean;
  /** This part carries on from the one before (a text too long for its page). */
  continued: boolean;
}

export interface TextSectionSetup {
  /** The cell's width, twips (padding is taken off here). */
  width: number;
  /** The row's least height: a short text leaves the rest blank, its closing block at the foot. */
  minHeight: number;
  /** The most the first part may take (the room left on its page); more text goes on in further parts. */
  firstBox: number;
  /** The most each further part may take (a page). */
  nextBox: number;
  ladder: readonly SizeStep[];
  topPad?: number;
}

/** Where the text is cut after `maxLines` lines (by the same measure as `lineCount`). */
export function splitAtLines(text: string, sizePt: number, widthTwips: number, firstLineTwips: number, maxLines: number): [string, string] {
  const emTwips = pt(sizePt);
  const chars = [...text];
  let lines = 1;
  let avail = firstLineTwips;
  let used = 0;
  for (let i = 0; i < chars.length; i++) {
    const w = charEm(chars[i]) * emTwips;
    if (used + w > avail && used > 0) {
      if (lines === maxLines) return [chars.slice(0, i).join(''), chars.slice(i).join('')];
      lines++;
      avail = widthTwips;
      used = 0;
    }
    used += w;
  }
  return [text, ''];
}

/**
 * A tall text cell (本人总结, 鉴定意见 …) whose text starts at the top and whose closing block (本人签名 / 盖章 and
 * date) stands at its foot: paragraphs indented two characters at the largest size of `ladder` that fits the least
 * height, then an empty paragraph of exactly the height left over, then the closing lines — one cell, so the closing
 * block always follows its text.
 *
 * A text longer than `firstBox` is cut into parts, each its own row kept on one page: the first fills the room left
 * on its page, the next ones a page each, the last one ends with the closing block. The cut falls at a line (a
 * paragraph may go on in the next part); the estimate is generous, so a part never overflows its page. (Word would
 * split one tall row at the page's foot, but LibreOffice moves such a row to the next page whole, leaving a blank.)
 */
export function textSections(
  book: StyleBook,
  paragraphs: readonly string[],
  closing: readonly { text: string; align: Align; indentRight?: number }[],
  setup: TextSectionSetup,
): TextSection[] {
  const { width, minHeight, firstBox, nextBox, ladder } = setup;
  const topPad = setup.topPad ?? mm(2);
  const pad = topPad + CELL.bottom;
  const closingLine = 18;
  const closingHeight = closing.length ? closing.length * pt(closingLine) + pt(6) : pt(2);
  const w = width - PAD_H;

  const linesAt = (s: SizeStep) => paragraphs.reduce((n, p) => n + indentedLines(p, s.size, w, pt(s.size * 2)), 0);
  const step = ladder.find((s) => linesAt(s) * pt(s.line) <= minHeight - pad - closingHeight) ?? ladder[ladder.length - 1];
  const lh = pt(step.line);
  const indent = pt(step.size * 2);
  const style = (first: boolean) => ({ size: step.size, line: step.line, align: 'justify' as const, indent: first ? { firstLine: indent } : undefined });
  const closingParas = () =>
    closing.map((c) => book.para(c.text, { align: c.align, line: closingLine, indent: c.indentRight ? { right: c.indentRight } : undefined }));

  const total = linesAt(step);
  if (total * lh + pad + closingHeight <= Math.max(minHeight, firstBox)) {
    const textHeight = total * lh;
    const spacer = Math.max(0, minHeight - pad - closingHeight - textHeight);
    const content = paragraphs.map((p) => book.para(p, style(true)));
    // An exact-height empty line pushes the closing block down to the cell's foot (Word allows up to 1584 pt).
    content.push(book.para('', { line: spacer >= pt(2) ? Math.min(1580, Math.floor(spacer / 20)) : 6 }));
    content.push(...closingParas());
    const height = Math.max(minHeight, pad + textHeight + pt(6) + closingHeight);
    return [{ content, height, cantSplit: height <= nextBox, continued: false }];
  }

  // Parts: lines of text per part, the cut inside a paragraph where needed.
  type Part = { paras: { text: string; first: boolean }[]; lines: number; cap: number; box: number };
  const part = (box: number): Part => ({ paras: [], lines: 0, cap: Math.max(1, Math.floor((box - pad) / lh)), box });
  const parts: Part[] = [];
  let cur = part(firstBox);
  for (const p of paragraphs) {
    let text = p;
    let first = true;
    for (;;) {
      const firstWidth = first ? w - indent : w;
      const n = lineCount(text, step.size, w, firstWidth);
      if (cur.lines + n <= cur.cap) {
        cur.paras.push({ text, first });
        cur.lines += n;
        break;
      }
      const room = cur.cap - cur.lines;
      if (room > 0) {
        const [head, tail] = splitAtLines(text, step.size, w, firstWidth, room);
        cur.paras.push({ text: head, first });
        cur.lines += room;
        text = tail;
        first = false;
      }
      parts.push(cur);
      cur = part(nextBox);
      if (text === '') break;
    }
  }
  // The closing block goes with the last lines when there is room, else on its own.
  if (cur.paras.length && cur.lines * lh + pad + pt(6) + closingHeight > cur.box) {
    parts.push(cur);
    cur = part(nextBox);
  }
  parts.push(cur);
  return parts
    .filter((p, i) => p.paras.length || i === parts.length - 1)
    .map((p, i, all) => {
      const last = i === all.length - 1;
      const content = p.paras.map((x) => book.para(x.text, style(x.first)));
      if (last) {
        content.push(book.para('', { line: 6 }), ...closingParas());
        return { content, height: pad + p.lines * lh + pt(6) + closingHeight, cantSplit: true, continued: i > 0 };
      }
      // A full part takes its whole box, so the next one starts on a new page.
      return { content, height: p.box, cantSplit: true, continued: i > 0 };
    });
}

/** `（盖章）` over `年　月　日`, right-aligned: the closing block of an opinion. */
export const SEAL_CLOSING = [
  { text: '（盖章）', align: 'right' as const, indentRight: mm(14) },
  { text: '年　　月　　日', align: 'right' as const, indentRight: mm(6) },
];
