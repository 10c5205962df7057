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

// ---- Line breaking as a word processor does it (for the 干部任免审批表's block fitting) ----

/**
 * Characters a line may not start with (Chinese 避头 rules: closing punctuation, the dot of a transliterated name)
 * and may not end with (opening brackets and quotes). A word processor moves the character before such a mark to
 * the next line along with it, so a cell that looks one character too narrow can need a line more.
 */
const NO_LINE_START = new Set([...'，。、；：？！）》」』”’〉】〕…—·%％‰,.;:?!)]}']);
const NO_LINE_END = new Set([...'（《「『“‘〈【〔([{·']);
const isLatin = (ch: string) => (ch.codePointAt(0) ?? 0) < 0x80 && ch !== ' ';

/**
 * Room kept free on every line, in em: a line that fills its cell to the last twip may still wrap in one of the
 * renderers (rounding, a wider Latin face, a full-width middle dot), so the estimate never fills a line completely.
 */
export const LINE_GUARD_EM = 0.15;

/** A piece of text no line break falls inside: a CJK character with its attached punctuation, or a Latin word. */
export interface BreakUnit {
  text: string;
  em: number;
  /** A space: a break opportunity that takes no room at a line's end. */
  space: boolean;
}

/** The text cut where a line may break (Latin words and numbers whole, 避头尾 marks kept with their neighbours). */
export function breakUnits(text: string): BreakUnit[] {
  const units: BreakUnit[] = [];
  let glueNext = false;
  for (const ch of text) {
    const em = charEm(ch);
    const last = units[units.length - 1];
    if (ch === ' ') {
      units.push({ text: ch, em, space: true });
      glueNext = false;
      continue;
    }
    const latin = isLatin(ch);
    const lastChar = last && !last.space ? [...last.text].pop()! : '';
    // Glue to the unit before: a word going on, a mark that may not start a line, or after one that may not end it
    // (a Latin word right after closing punctuation stays with it too, as LibreOffice keeps `）abc` together).
    const glue =
      last !== undefined &&
      !last.space &&
      (glueNext || NO_LINE_START.has(ch) || (latin && isLatin(lastChar)) || (latin && NO_LINE_START.has(lastChar)));
    if (glue) {
      last.text += ch;
      last.em += em;
    } else units.push({ text: ch, em, space: false });
    glueNext = NO_LINE_END.has(ch);
  }
  return units;
}

/**
 * Lines the units take at `sizePt` in a column `widthTwips` wide (the first line `firstLineTwips`), breaking
 * between units and inside a unit only when it is wider than a whole line. Keeps LINE_GUARD_EM free on each line.
 */
export function unitLines(units: readonly BreakUnit[], sizePt: number, widthTwips: number, firstLineTwips: number = widthTwips): number {
  return wrapUnits(units, sizePt, widthTwips, firstLineTwips, Infinity).lines;
}

function wrapUnits(
  units: readonly BreakUnit[],
  sizePt: number,
  widthTwips: number,
  firstLineTwips: number,
  maxLines: number,
): { lines: number; cut: number; cutInUnit: number } {
  if (units.length === 0) return { lines: 1, cut: 0, cutInUnit: 0 };
  const emTwips = pt(sizePt);
  const guard = LINE_GUARD_EM * emTwips;
  let lines = 1;
  let avail = firstLineTwips - guard;
  let used = 0;
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    const w = u.em * emTwips;
    if (u.space) {
      used += w;
      continue;
    }
    if (used + w <= avail || (used === 0 && w <= avail)) {
      used += w;
      continue;
    }
    if (used > 0) {
      if (lines === maxLines) return { lines, cut: i, cutInUnit: 0 };
      lines++;
      avail = widthTwips - guard;
      used = 0;
      if (w <= avail) {
        used = w;
        continue;
      }
    }
    // A unit wider than a line: broken character by character.
    let k = 0;
    for (const ch of u.text) {
      const cw = charEm(ch) * emTwips;
      if (used + cw > avail && used > 0) {
        if (lines === maxLines) return { lines, cut: i, cutInUnit: k };
        lines++;
        avail = widthTwips - guard;
        used = 0;
      }
      used += cw;
      k++;
    }
  }
  return { lines, cut: units.length, cutInUnit: 0 };
}

/** A paragraph's text with its break units worked out once, measured at any size. */
export class MeasuredText {
  readonly units: BreakUnit[];
  private readonly memo = new Map<string, number>();

  constructor(readonly text: string) {
    this.units = breakUnits(text);
  }

  /** Lines at `sizePt` in `widthTwips` (first line `firstLineTwips`). */
  lines(sizePt: number, widthTwips: number, firstLineTwips: number = widthTwips): number {
    const key = `${sizePt}/${widthTwips}/${firstLineTwips}`;
    let n = this.memo.get(key);
    if (n === undefined) this.memo.set(key, (n = unitLines(this.units, sizePt, widthTwips, firstLineTwips)));
    return n;
  }

  /** The text cut after `maxLines` lines: what fits, and the rest ('' when all fits). */
  cut(sizePt: number, widthTwips: number, maxLines: number, firstLineTwips: number = widthTwips): [string, string] {
    if (maxLines <= 0) return ['', this.text];
    const { cut, cutInUnit } = wrapUnits(this.units, sizePt, widthTwips, firstLineTwips, maxLines);
    if (cut >= this.units.length) return [this.text, ''];
    const head = this.units.slice(0, cut).map((u) => u.text).join('') + [...this.units[cut].text].slice(0, cutInUnit).join('');
    const tail = [...this.units[cut].text].slice(cutInUnit).join('') + this.units.slice(cut + 1).map((u) => u.text).join('');
    return [head.trimEnd(), tail.trimStart()];
  }
}

/** Tall text blocks (简历, 奖惩情况, 任免理由 …): 小四 down to the legible floor of 7.5 pt, then tighter lines. */
export const TEXT_FLOOR_PT = 7.5;
export const TEXT_LADDER: readonly SizeStep[] = [
  { size: 12, line: 15 },
  { size: 11, line: 14 },
  { size: 10.5, line: 13 },
  { size: 10, line: 12.5 },
  { size: 9.5, line: 12 },
  { size: 9, line: 11.5 },
  { size: 8.5, line: 10.5 },
  { size: 8, line: 10 },
  { size: 7.5, line: 9.5 },
  { size: 7.5, line: 9 },
  { size: 7.5, line: 8.5 },
];

/** One- and two-line cells (姓名, dates, units, the family table): 小四 down to 小五 (9 pt), then tighter lines. */
export const CELL_FLOOR_PT = 9;
export const CELL_LADDER: readonly SizeStep[] = [
  { size: 12, line: 15 },
  { size: 11, line: 14 },
  { size: 10.5, line: 13 },
  { size: 10, line: 12.5 },
  { size: 9.5, line: 12 },
  { size: 9, line: 11.5 },
  { size: 9, line: 10.5 },
  { size: 9, line: 10 },
];
