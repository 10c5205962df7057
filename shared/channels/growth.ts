import { z } from 'zod';
import type { AuditEntry } from '../audit';
import {
  BatchGrowthQuerySchema,
  GROWTH_RATERS,
  GrowthEvaluationInputSchema,
  GrowthTemplateInputSchema,
  RaterSheetInputSchema,
  type BatchGrowthOverview,
  type EvidenceCandidates,
  type GrowthEvaluation,
  type GrowthEvaluationSummary,
  type GrowthResult,
  type GrowthTemplate,
  type GrowthTemplateSummary,
  type GrowthTrajectory,
  type GrowthTransitionResult,
} from '../growth';
import { TransitionInputSchema, type WorkflowStep } from '../workflow';
import { channel } from './channel';
import { byId, none } from './common';

const id = z.number({ error: '应为记录编号' }).int().positive();
const postingId = z.object({ postingId: z.number({ error: '请选择挂职记录' }).int().positive() });

/** Unsaved sheets scored for the form's live figures: rater → indicator code → score. */
const PreviewInputSchema = z.object({
  templateId: id.nullable().default(null),
  ratings: z
    .partialRecord(z.enum(GROWTH_RATERS), z.object({ scores: z.record(z.string(), z.number({ error: '应为分数' }).nullable()).default({}) }))
    .default({}),
});

/**
 * 成长评价 “从学习者到传递者”: template versions, evaluations with one sheet per rater, the workflow, and chart-ready
 * views (a posting's trajectory, a batch's distribution). Every figure is computed by the services.
 */
export const growthChannels = {
  'growth:templateList': channel<GrowthTemplateSummary[]>()(none),
  'growth:templateGet': channel<GrowthTemplate>()(byId),
  /** The version new evaluations pin. */
  'growth:templateActive': channel<GrowthTemplate>()(none),
  /** No id: a new draft version (copy an existing one, edit, send with basedOnId). An id: changes that draft. */
  'growth:templateSave': channel<GrowthTemplate>()(z.object({ id: id.optional(), data: GrowthTemplateInputSchema })),
  'growth:templateActivate': channel<GrowthTemplate>()(byId),
  'growth:templateDelete': channel<{ ok: true }>()(byId),
  'growth:templateHistory': channel<AuditEntry[]>()(byId),

  'growth:listByPosting': channel<GrowthEvaluationSummary[]>()(postingId),
  'growth:get': channel<GrowthEvaluation>()(byId),
  /** Period, template version, stage narratives, self summary and evidence links; a draft only. */
  'growth:save': channel<GrowthEvaluation>()(z.object({ id: id.optional(), data: GrowthEvaluationInputSchema })),
  /** One rater's scores and comments; a draft only. An empty sheet removes the rater. */
  'growth:saveRater': channel<GrowthEvaluation>()(RaterSheetInputSchema),
  'growth:delete': channel<{ ok: true }>()(byId),
  /** Answers the evaluation with `warnings` (a 期满 evaluation submitted while earlier ones are still drafts). */
  'growth:transition': channel<GrowthTransitionResult>()(TransitionInputSchema),
  'growth:history': channel<{ steps: WorkflowStep[]; audit: AuditEntry[] }>()(byId),
  'growth:evidenceCandidates': channel<EvidenceCandidates>()(postingId),
  'growth:preview': channel<GrowthResult>()(PreviewInputSchema),

  'growth:trajectory': channel<GrowthTrajectory>()(postingId),
  'growth:batchOverview': channel<BatchGrowthOverview>()(BatchGrowthQuerySchema),
};
