import { GROWTH_RATERS, type GrowthEvaluation, type GrowthEvaluationInput, type GrowthRater, type RaterSheet, type RaterSheetInput } from '../../../shared/growth';

/** A rater's sheet as the form edits it (before saving): null for an indicator not scored yet. */
export interface SheetDraft {
  scores: Record<string, number | null>;
  comments: Record<string, string>;
  comment: string;
  ratedBy: string;
  ratedOn: string;
}
export type SheetDrafts = Record<GrowthRater, SheetDraft>;

export const draftOf = (s: RaterSheet | undefined): SheetDraft => ({
  scores: { ...(s?.scores ?? {}) },
  comments: { ...(s?.comments ?? {}) },
  comment: s?.comment ?? '',
  ratedBy: s?.ratedBy ?? '',
  ratedOn: s?.ratedOn ?? '',
});

export const draftsOf = (e: GrowthEvaluation): SheetDrafts =>
  Object.fromEntries(GROWTH_RATERS.map((r) => [r, draftOf(e.ratings.find((x) => x.rater === r))])) as SheetDrafts;

/** What `growth:saveRater` takes for a draft (blank comments dropped; null scores mean not scored). */
export const sheetInput = (evaluationId: number, rater: GrowthRater, d: SheetDraft, expectedVersion?: string): RaterSheetInput => ({
  evaluationId,
  expectedVersion,
  rater,
  scores: d.scores,
  comments: Object.fromEntries(Object.entries(d.comments).filter(([, v]) => v.trim())),
  comment: d.comment,
  ratedBy: d.ratedBy,
  ratedOn: d.ratedOn,
});

/** A sheet as lines a clerk can copy (版本冲突 keeps what was typed): 评分 by indicator name, the comments. */
export function sheetText(e: GrowthEvaluation, d: SheetDraft): Record<string, string> {
  const names = new Map(e.template.stages.flatMap((s) => s.indicators.map((i) => [i.code, i.indicatorName] as const)));
  const scored = Object.entries(d.scores).filter(([, v]) => typeof v === 'number');
  return {
    评分: scored.map(([c, v]) => `${names.get(c) ?? c} ${v}`).join('；'),
    指标意见: Object.entries(d.comments).filter(([, v]) => v.trim()).map(([c, v]) => `${names.get(c) ?? c}：${v}`).join('；'),
    总体意见: d.comment,
    评价人: d.ratedBy,
    评价日期: d.ratedOn,
  };
}

/** What `growth:save` takes to store the evaluation as it is, with some parts changed. */
export function evaluationInput(e: GrowthEvaluation, patch: Partial<Pick<GrowthEvaluationInput, 'narratives' | 'selfSummary' | 'evidence'>>): GrowthEvaluationInput {
  return {
    postingId: e.postingId,
    period: e.period,
    milestoneDate: e.milestoneDate,
    templateId: e.templateId,
    narratives: e.narratives,
    selfSummary: e.selfSummary,
    evidence: e.evidence.map((l) => ({ indicatorCode: l.indicatorCode, refKind: l.refKind, refId: l.refId, note: l.note })),
    // The version the page holds: a save by another clerk since is refused (shared/editVersion.ts).
    expectedVersion: e.updatedAt,
    ...patch,
  };
}
