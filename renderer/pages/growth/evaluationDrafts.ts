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
export const sheetInput = (evaluationId: number, rater: GrowthRater, d: SheetDraft): RaterSheetInput => ({
  evaluationId,
  rater,
  scores: d.scores,
  comments: Object.fromEntries(Object.entries(d.comments).filter(([, v]) => v.trim())),
  comment: d.comment,
  ratedBy: d.ratedBy,
  ratedOn: d.ratedOn,
});

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
    ...patch,
  };
}
