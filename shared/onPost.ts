import { ACTIVE_POSTING_STATUSES, type PostingStatus } from './codes/secondment';
import { isDay } from './validators/yearMonth';

/**
 * 在岗天数 (days actually on post), the check against “空挂”“虚挂”. Pure: the leave tab, the home screen's warning
 * and the tests all use these functions.
 *
 * Convention (stated once, used everywhere):
 * - Calendar days, both ends inclusive. Weekends and holidays count like any other day: the host unit's working
 *   calendar is not known here, and leave entries are entered in calendar days too.
 * - The counted span of a posting runs from its start to its actual end; a running posting (在岗/延期) is counted up
 *   to today (or its planned end, if that is earlier); a planned one (拟派) has no days yet.
 * - 在岗天数 of a month = the posting's days in that month − the leave days in that month. Leave days are the union
 *   of the leave entries clipped to the counted span, so overlapping entries count once, a leave crossing a month
 *   boundary is split between the months, and leave outside the posting is ignored.
 * - 在岗率 = 在岗天数 / 挂职天数 over the whole counted span; null while the span has no days.
 */

/** Days since 1970-01-01 of a `YYYY.MM.DD`. */
export function dayNumber(day: string): number {
  const [y, m, d] = day.split('.').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** `YYYY.MM.DD` of a day number. */
export function dayFromNumber(n: number): string {
  const t = new Date(n * 86_400_000);
  return `${t.getUTCFullYear()}.${String(t.getUTCMonth() + 1).padStart(2, '0')}.${String(t.getUTCDate()).padStart(2, '0')}`;
}

export interface DaySpan {
  /** First day, `YYYY.MM.DD`. */
  startDate: string;
  /** Last day (inclusive), `YYYY.MM.DD`. */
  endDate: string;
}

export interface OnPostMonth {
  /** `YYYY.MM` */
  month: string;
  postingDays: number;
  leaveDays: number;
  onPostDays: number;
  /** onPostDays / postingDays (0–1). */
  ratio: number;
}

export interface OnPostSummary {
  /** The counted span; null when the posting has no days to count yet. */
  span: DaySpan | null;
  months: OnPostMonth[];
  postingDays: number;
  leaveDays: number;
  onPostDays: number;
  /** onPostDays / postingDays (0–1), null when postingDays is 0. */
  ratio: number | null;
}

/**
 * The span counted for a posting (see the convention above): null for a planned posting, one not started by
 * `today`, or one whose dates are not complete.
 */
export function countedSpan(
  p: { startDate: string; plannedEndDate: string; actualEndDate: string; status: PostingStatus },
  today: string,
): DaySpan | null {
  if (p.status === '拟派' || !isDay(p.startDate)) return null;
  let end: string;
  if (p.actualEndDate) end = p.actualEndDate;
  else if ((ACTIVE_POSTING_STATUSES as readonly string[]).includes(p.status))
    end = p.plannedEndDate && p.plannedEndDate < today ? p.plannedEndDate : today;
  else end = p.plannedEndDate;
  if (!isDay(end) || end < p.startDate) return null;
  return { startDate: p.startDate, endDate: end };
}

/** Leave entries clipped to `span`, merged where they overlap or touch, as inclusive day-number ranges in order. */
export function mergedLeave(span: DaySpan, leave: readonly DaySpan[]): [number, number][] {
  const lo = dayNumber(span.startDate);
  const hi = dayNumber(span.endDate);
  const ranges = leave
    .filter((l) => isDay(l.startDate) && isDay(l.endDate) && l.endDate >= l.startDate)
    .map((l): [number, number] => [Math.max(lo, dayNumber(l.startDate)), Math.min(hi, dayNumber(l.endDate))])
    .filter(([a, b]) => a <= b)
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Days on post per month and in total for a span with its leave entries. */
export function onPostSummary(span: DaySpan | null, leave: readonly DaySpan[]): OnPostSummary {
  if (!span) return { span: null, months: [], postingDays: 0, leaveDays: 0, onPostDays: 0, ratio: null };
  const lo = dayNumber(span.startDate);
  const hi = dayNumber(span.endDate);
  const leaveRanges = mergedLeave(span, leave);
  const months: OnPostMonth[] = [];
  let [y, m] = span.startDate.split('.').map(Number);
  for (;;) {
    const first = Math.round(Date.UTC(y, m - 1, 1) / 86_400_000);
    if (first > hi) break;
    const last = Math.round(Date.UTC(y, m, 1) / 86_400_000) - 1;
    const a = Math.max(lo, first);
    const b = Math.min(hi, last);
    const postingDays = b - a + 1;
    let leaveDays = 0;
    for (const [la, lb] of leaveRanges) {
      const from = Math.max(a, la);
      const to = Math.min(b, lb);
      if (from <= to) leaveDays += to - from + 1;
    }
    const onPostDays = postingDays - leaveDays;
    months.push({ month: `${y}.${String(m).padStart(2, '0')}`, postingDays, leaveDays, onPostDays, ratio: onPostDays / postingDays });
    m++;
    if (m > 12) (m = 1), y++;
  }
  const postingDays = hi - lo + 1;
  const leaveDays = leaveRanges.reduce((n, [a, b]) => n + b - a + 1, 0);
  const onPostDays = postingDays - leaveDays;
  return { span, months, postingDays, leaveDays, onPostDays, ratio: onPostDays / postingDays };
}

/** `87.5%` as the screens show a ratio (one decimal); `—` when there is none. */
export function formatPercent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  return `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;
}
