import { YEAR_MONTH_DAY_RE, YEAR_MONTH_RE } from '../../shared/validators/yearMonth';

/** `2025.06.30` → `2025年6月30日`, `2025.06` → `2025年6月`; anything else unchanged (forms print what was kept). */
export function chineseDate(value: string | null | undefined): string {
  const v = (value ?? '').trim();
  let m = YEAR_MONTH_DAY_RE.exec(v);
  if (m) return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
  m = YEAR_MONTH_RE.exec(v);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  return v;
}

/** `安康市商务局` + `安康市商务局投资促进科科长` reads once; different texts are joined. */
export function unitAndPost(unit: string, post: string): string {
  if (!unit) return post;
  if (!post || unit.endsWith(post)) return unit;
  return post.startsWith(unit) ? post : `${unit}${post}`;
}

/** Pixel size of a JPEG from its SOF header, or null when it cannot be read. */
export function jpegSize(jpeg: Uint8Array): { width: number; height: number } | null {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < jpeg.length) {
    if (jpeg[i] !== 0xff) {
      i++;
      continue;
    }
    const marker = jpeg[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    const len = (jpeg[i + 2] << 8) | jpeg[i + 3];
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = (jpeg[i + 5] << 8) | jpeg[i + 6];
      const width = (jpeg[i + 7] << 8) | jpeg[i + 8];
      return width > 0 && height > 0 ? { width, height } : null;
    }
    if (marker === 0xda || len < 2) return null;
    i += 2 + len;
  }
  return null;
}

/** 万元 as printed: up to four decimals (元), no trailing zeros, never an exponent (5500, 260.5, 0.0125). */
export function formatWan(amount: number): string {
  const fixed = (Math.round(amount * 10_000) / 10_000).toFixed(4);
  return fixed.replace(/\.?0+$/, '');
}

/** Decimals (0–4) that print every amount of a column in 万元 exactly to the 元: 5500 and 260.5 → 1. */
export function wanDecimals(amounts: readonly (number | null)[]): number {
  let most = 0;
  for (const a of amounts) {
    if (a === null) continue;
    const text = formatWan(a);
    const dot = text.indexOf('.');
    if (dot >= 0) most = Math.max(most, text.length - dot - 1);
  }
  return most;
}

/** 万元 at a column's one precision (`wanDecimals`): 5500.0 and 260.5 line up when right-aligned. */
export function formatWanFixed(amount: number, decimals: number): string {
  return (Math.round(amount * 10_000) / 10_000).toFixed(decimals);
}

/**
 * U+2060 WORD JOINER: no line break on either side, no width. Word, WPS and LibreOffice break CJK text between
 * any two characters, a number and its measure word included (“35” at the end of a line, “万元” on the next);
 * joined, they move to the next line together.
 */
export const WORD_JOINER = '\u2060';

/** A number with its measure word, never broken apart: `5场`, `35万元`, `1200人次`. */
export function withUnit(value: string | number, unit: string): string {
  if (!unit) return String(value);
  return `${value}${WORD_JOINER}${[...unit].join(WORD_JOINER)}`;
}

/** U+200B ZERO WIDTH SPACE: an invisible place where a line may break. */
export const BREAK_OPPORTUNITY = '\u200b';

/**
 * Lets a line break after a Chinese comma or colon that a number follows (`4场、1200人次`, `2项，3场`): LibreOffice
 * keeps `、1200` together like the digits of `1,200`, and with the number joined to its unit the whole
 * `场、1200人次` then moves to the next line — breaking, for want of a better place, between `4` and `场`.
 */
export function breakBeforeNumbers(text: string): string {
  return text.replace(/([、，；：])(?=\d)/g, `$1${BREAK_OPPORTUNITY}`);
}

/** Text without the word joiners and break opportunities (for comparing with what a reader sees). */
export const withoutJoiners = (text: string): string => text.replace(/[\u2060\u200b]/g, '');

/** A score as printed, to at most two decimals and without trailing zeros: 76, 76.5, 76.25 (never 76.00). */
export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const fixed = (Math.round(value * 100) / 100).toFixed(2);
  return fixed.replace(/\.?0+$/, '');
}

/** A score with its 分, kept together: `76分`, `76.5分` ('' when there is no score). */
export function scoreText(value: number | null | undefined): string {
  const s = formatScore(value);
  return s ? withUnit(s, '分') : '';
}

/** `2025.12.01—2026.11.30`; either end may be unknown. */
export function dayRange(from: string, to: string): string {
  if (!from && !to) return '';
  return `${from || '　　'}—${to || '　　'}`;
}

/**
 * A grade as a printed form shows it: confirmed grades (已审核/已归档) as they are, a submitted one marked 待审核, a
 * draft not at all ('') — a draft is nobody's verdict yet.
 */
export function gradeAsPrinted(grade: string, state: string): string {
  if (!grade || state === '草稿') return '';
  return state === '已提交' ? `${grade}（待审核）` : grade;
}
