/**
 * 年月 as the department writes it: `1985.03` (and `1985.03.24` where a day is kept).
 * Stored in this form too: it sorts correctly as text and needs no conversion for print.
 */
export const YEAR_MONTH_RE = /^(\d{4})\.(0[1-9]|1[0-2])$/;
export const YEAR_MONTH_DAY_RE = /^(\d{4})\.(0[1-9]|1[0-2])\.(0[1-9]|[12]\d|3[01])$/;

/**
 * Reads the variants seen in files and rosters: `198503`, `19850324`, `1985.03`, `1985.3`, `1985-03`,
 * `1985/3`, `1985年3月`, `1985年03月24日`, `1985.03.24`. Returns `YYYY.MM` or null when it is not a year-month.
 */
export function parseYearMonth(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const s = String(raw).trim().replace(/\s+/g, '');
  if (!s) return null;
  let m = /^(\d{4})(\d{2})(\d{2})?$/.exec(s);
  if (!m) m = /^(\d{4})[.\-/年](\d{1,2})(?:[.\-/月](\d{1,2})日?|月)?$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12) return null;
  if (m[3] !== undefined) {
    const d = Number(m[3]);
    const dt = new Date(Date.UTC(y, mo - 1, d));
    if (dt.getUTCDate() !== d) return null;
  }
  return `${m[1]}.${String(mo).padStart(2, '0')}`;
}

/** Like parseYearMonth but keeps the day: `YYYY.MM.DD`, or null. A year-month alone gets no day. */
export function parseYearMonthDay(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const s = String(raw).trim().replace(/\s+/g, '');
  // Either eight digits (20240815) or separated parts; `198512` and `1985.12` are year-months, not days.
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s) ?? /^(\d{4})[.\-/年](\d{1,2})[.\-/月](\d{1,2})日?$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || y > 2100 || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${m[1]}.${String(mo).padStart(2, '0')}.${String(d).padStart(2, '0')}`;
}

/** `YYYY.MM` of a Date (local time). */
export function yearMonthOf(date: Date): string {
  return `${date.getFullYear()}.${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** `YYYY.MM.DD` of a Date (local time). */
export function dayOf(date: Date): string {
  return `${yearMonthOf(date)}.${String(date.getDate()).padStart(2, '0')}`;
}

/**
 * Whole years between a birth year-month and a reference date (`YYYY.MM` or `YYYY.MM.DD`), the way forms
 * count age: the birthday month counts as reached.
 */
export function ageAt(birth: string, at: string): number | null {
  const b = YEAR_MONTH_RE.exec(birth.slice(0, 7));
  const a = YEAR_MONTH_RE.exec(at.slice(0, 7));
  if (!b || !a) return null;
  let age = Number(a[1]) - Number(b[1]);
  if (Number(a[2]) < Number(b[2])) age -= 1;
  return age;
}

/** `1985.03（39岁）` as printed on forms; just the date when the age cannot be computed. */
export function formatBirthWithAge(birth: string | null | undefined, at: string): string {
  if (!birth) return '';
  const age = ageAt(birth, at);
  return age == null ? birth : `${birth}（${age}岁）`;
}

/** Year-month to LRMX `yyyyMM`; `yyyyMMdd` for a full day. Empty string for empty input. */
export function toCompactDate(value: string | null | undefined): string {
  return value ? value.replace(/\./g, '') : '';
}

/** Whether `v` is a real calendar day written `YYYY.MM.DD` (2026.02.30 is not). */
export function isDay(v: string): boolean {
  return YEAR_MONTH_DAY_RE.test(v) && parseYearMonthDay(v) === v;
}

/** `YYYY.MM.DD` moved by `n` days (negative goes back); computed in UTC so no clock change shifts it. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('.').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${t.getUTCFullYear()}.${String(t.getUTCMonth() + 1).padStart(2, '0')}.${String(t.getUTCDate()).padStart(2, '0')}`;
}

/** Whole days from `a` to `b` (`YYYY.MM.DD` both): positive when `b` is later. */
export function daysBetween(a: string, b: string): number {
  const utc = (s: string) => {
    const [y, m, d] = s.split('.').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((utc(b) - utc(a)) / 86_400_000);
}
