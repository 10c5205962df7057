import { FINAL_POSTING_STATUSES, type PostingStatus } from './codes/secondment';
import { effectiveEnd } from './posting';
import { addDays, dayOf } from './validators/yearMonth';

/**
 * Rules of the term, one place for the 考核记录 (electron/services/AssessmentService.ts), the 成长评价
 * (electron/services/GrowthEvaluationService.ts) and the screens that offer them:
 *
 * - Nothing is recorded for a period that has not begun: a monthly report for a later month, an annual assessment
 *   for a later year, a quarterly review or growth evaluation of a quarter that starts after today, a talk, note,
 *   milestone or 考核日期 after today.
 * - Term-end records (期满考核, the 期满 growth evaluation) wait for the end of the term: the posting has ended
 *   (期满 / 提前结束) or its end is at most TERM_END_WINDOW_DAYS days away.
 * - Submitting a term-end record while earlier periods are still drafts is allowed, with a warning.
 *
 * Every function is pure and takes “today” (`YYYY.MM.DD`); the services pass the computer's date (`today()`).
 * Refusals start with the field they concern (“月份：…”), as the forms expect (renderer/lib/fieldErrors.ts).
 */

/** How many days before the end of the term its term-end records may be made. */
export const TERM_END_WINDOW_DAYS = 30;

/** The computer's date as `YYYY.MM.DD`. */
export const today = (): string => dayOf(new Date());

/** The posting fields the term rules look at. */
export interface TermOfPosting {
  startDate: string;
  plannedEndDate: string;
  actualEndDate: string;
  status: PostingStatus;
}

const NO_END = '9999.12.31';

/** The posting has ended (期满 or 提前结束（召回）). */
export const termEnded = (p: Pick<TermOfPosting, 'status'>): boolean => (FINAL_POSTING_STATUSES as readonly string[]).includes(p.status);

/** The first day term-end records may be made (the end less the window), or null when the posting has no end date. */
export function termEndOpensOn(p: Pick<TermOfPosting, 'plannedEndDate' | 'actualEndDate'>): string | null {
  const end = effectiveEnd(p);
  return end === NO_END ? null : addDays(end, -TERM_END_WINDOW_DAYS);
}

/**
 * Why a term-end record (`what`: 期满考核, 期满成长评价) may not be `verb`-ed (登记, 提交 …) today, or null when it may:
 * names the end of the term and the day from which it is allowed.
 */
export function termEndRefusal(p: TermOfPosting, day: string, what: string, verb = '登记'): string | null {
  if (termEnded(p)) return null;
  const opens = termEndOpensOn(p);
  if (opens === null) return `${what}：这段挂职尚未确定结束日期，挂职结束（期满或提前结束）后才能${verb}`;
  if (day >= opens) return null;
  const end = effectiveEnd(p);
  return `${what}：挂职${p.actualEndDate ? '' : '计划'}于 ${end} 结束，自 ${opens} 起（期满前${TERM_END_WINDOW_DAYS}天内）或挂职结束后才能${verb}`;
}

/** A month (`YYYY.MM`) after this month. */
export function futureMonthRefusal(month: string, day: string): string | null {
  return month > day.slice(0, 7) ? `月份：${month} 尚未开始（今天是 ${day}），不能提前登记` : null;
}

/** A year after this year. */
export function futureYearRefusal(year: number, day: string): string | null {
  return String(year) > day.slice(0, 4) ? `年度：${year}年尚未开始（今天是 ${day}），不能提前登记` : null;
}

/** A quarter (`label`: 第五季度) whose first day is after today; `field` names the form's field (季度 / 时段). */
export function futureQuarterRefusal(field: string, label: string, quarterStart: string, day: string, verb = '登记'): string | null {
  return quarterStart > day ? `${field}：${label}自 ${quarterStart} 起，尚未开始（今天是 ${day}），不能提前${verb}` : null;
}

/** A day after today (`field`: 日期, 考核日期, 节点日期). */
export function futureDayRefusal(field: string, date: string, day: string): string | null {
  return date && date > day ? `${field}：${date} 晚于今天（${day}），不能预先登记` : null;
}

/** The warnings given when a term-end record is submitted while some earlier records (`drafts`, named) are still drafts. */
export function draftsWarnings(drafts: string[]): string[] {
  return drafts.map((d) => `${d}仍为草稿，请尽快提交审核`);
}
