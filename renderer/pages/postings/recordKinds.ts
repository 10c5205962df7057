import { quarterLabel, RECORD_KIND_LABELS, type AssessmentRecord, type RecordKind } from '../../../shared/assessment';
import { effectiveEnd } from '../../../shared/posting';
import type { rulesFor } from '../../lib/zodFormRule';

/** The save channel of each record kind. */
export const SAVE_CHANNELS = {
  monthly: 'record:saveMonthly',
  quarterly: 'record:saveQuarterly',
  talk: 'record:saveTalk',
  annual: 'record:saveAnnual',
  term: 'record:saveTerm',
  note: 'record:saveNote',
} as const satisfies Record<RecordKind, string>;

/** How a record is named in messages and titles: 年度考核（2025年）, 月度工作汇报（2026.03）… */
export function recordTitle(r: AssessmentRecord): string {
  const label = RECORD_KIND_LABELS[r.kind];
  switch (r.kind) {
    case 'monthly':
      return `${label}（${r.month}）`;
    case 'quarterly':
      return `${label}（${quarterLabel(r.quarter)}）`;
    case 'annual':
      return `${label}（${r.year}年）`;
    case 'term':
      return label;
    default:
      return `${label}（${r.date}）`;
  }
}

/** `day` moved into the posting's span (a default date for a new record that the service will accept). */
export function clampToPosting(day: string, p: { startDate: string; plannedEndDate: string; actualEndDate: string }): string {
  const end = effectiveEnd(p);
  if (p.startDate && day < p.startDate) return p.startDate;
  if (end && day > end) return end;
  return day;
}

/** The years a posting touches (for the annual assessment's year), oldest first. */
export function postingYears(p: { startDate: string; plannedEndDate: string; actualEndDate: string }): number[] {
  const from = Number(p.startDate.slice(0, 4));
  const to = Number(effectiveEnd(p).slice(0, 4));
  if (!from || !to || to < from) return [];
  return Array.from({ length: Math.min(to - from + 1, 10) }, (_, i) => from + i);
}

/** The `rules(name, required?)` helper a record form's fields get (rulesFor over the kind's input schema). */
export type FieldRules = ReturnType<typeof rulesFor>;
