import { pt } from './style';

/**
 * Estimates how many lines text takes in a cell, so a form can pick the largest size that keeps a cell within
 * its printed height (as the national form editor shrinks a long 简历). The widths are deliberately generous:
 * the Latin face differs between office PCs (Times New Roman) and Linux renderers (DejaVu Serif is wider), and
 * Chinese line breaking moves a punctuation mark to the previous or next line now and then.
 */

/** Advance width of a character in em. */
export function charEm(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (c < 0x80) {
    if (ch === ' ') return 0.32;
    if (ch === '.' || ch === ',' || ch === ':' || ch === ';' || ch === '\'' || ch === '|' || ch === 'i' || ch === 'l') return 0.34;
    if (ch === '-' || ch === '(' || ch === ')') return 0.4;
    if (ch >= 'A' && ch <= 'Z') return 0.76;
    if (ch === 'm' || ch === 'w' || ch === 'M' || ch === 'W') return 0.95;
    return 0.64;
  }
  // Everything else in these forms is full width: Han, fullwidth punctuation, “”—…·
  return 1;
}

export function textEm(text: string): number {
  let w = 0;
  for (const ch of text) w += charEm(ch);
  return w;
}

/** Lines a paragraph takes when set at `sizePt` in a column `widthTwips` wide (first line may be narrower). */
export function lineCount(text: string, sizePt: number, widthTwips: number, firstLineTwips: number = widthTwips): number {
  if (text === '') return 1;
  const emTwips = pt(sizePt);
  let lines = 1;
  let avail = firstLineTwips;
  let used = 0;
  for (const ch of text) {
    const w = charEm(ch) * emTwips;
    if (used + w > avail && used > 0) {
      lines++;
      avail = widthTwips;
      used = 0;
    }
    used += w;
  }
  return lines;
}

/** One step of a shrink ladder: font size and the exact line pitch that goes with it, in points. */
export interface SizeStep {
  size: number;
  line: number;
}

/** 小四 → 五号 → 小五, each with a line pitch of about 1.3 × the size (room for the CJK glyphs' ascent). */
export const BODY_LADDER: readonly SizeStep[] = [
  { size: 12, line: 16 },
  { size: 10.5, line: 14 },
  { size: 9, line: 12 },
];

export interface FitBlock {
  text: string;
  /** Room taken before the text on every line (a hanging indent or a tab stop), in twips. */
  indentTwips?: number;
}

export interface FitResult extends SizeStep {
  /** Lines at the chosen size. */
  lines: number;
  /** False when even the smallest step needs more height than the box: the cell will grow (rows are "at least"). */
  fits: boolean;
}

/**
 * The largest step at which the paragraphs fit a box of `widthTwips` × `heightTwips` (the cell's content box,
 * margins already taken off). Falls back to the smallest step, flagged `fits: false`.
 */
export function fitBlocks(
  blocks: readonly FitBlock[],
  widthTwips: number,
  heightTwips: number,
  ladder: readonly SizeStep[] = BODY_LADDER,
): FitResult {
  let last: FitResult | null = null;
  for (const step of ladder) {
    const lines = blocks.reduce((n, b) => n + lineCount(b.text, step.size, widthTwips - (b.indentTwips ?? 0)), 0);
    const fits = lines * pt(step.line) <= heightTwips;
    last = { ...step, lines, fits };
    if (fits) return last;
  }
  return last ?? { ...ladder[0], lines: 0, fits: true };
}
