import { z } from 'zod';
import {
  AcceptAnnualProposalSchema,
  AnnualAssessmentInputSchema,
  BatchCompletionQuerySchema,
  MonthlyReportInputSchema,
  NoteInputSchema,
  QuarterlyReviewInputSchema,
  TalkInputSchema,
  TermAssessmentInputSchema,
  type AnnualAssessment,
  type AnnualTextProposal,
  type AssessmentRecord,
  type BatchCompletion,
  type MonthlyReport,
  type Note,
  type PostingRecords,
  type QuarterlyReview,
  type Talk,
  type TermAssessment,
  type TransitionResult,
} from '../assessment';
import type { AuditEntry } from '../audit';
import { TransitionInputSchema, type WorkflowStep } from '../workflow';
import { channel } from './channel';
import { byId } from './common';

const id = z.number({ error: '应为记录编号' }).int().positive();
/** `{ id?, data }`: no id creates, an id updates (a workflow record only while it is a 草稿). */
const save = <S extends z.ZodType>(data: S) => z.object({ id: id.optional(), data });

/**
 * 考核记录 of a posting: the records tab (one call, grouped by kind), a save per kind, the submit-and-lock workflow
 * (草稿 → 已提交 → 已审核 → 已归档; refusals come back as CONFLICT with the Chinese reason), and the batch's
 * overview of who still lacks an annual or end-of-term assessment.
 */
export const assessmentChannels = {
  'record:listByPosting': channel<PostingRecords>()(z.object({ postingId: id })),
  'record:get': channel<AssessmentRecord>()(byId),
  'record:saveMonthly': channel<MonthlyReport>()(save(MonthlyReportInputSchema)),
  'record:saveQuarterly': channel<QuarterlyReview>()(save(QuarterlyReviewInputSchema)),
  'record:saveTalk': channel<Talk>()(save(TalkInputSchema)),
  'record:saveAnnual': channel<AnnualAssessment>()(save(AnnualAssessmentInputSchema)),
  'record:saveTerm': channel<TermAssessment>()(save(TermAssessmentInputSchema)),
  'record:saveNote': channel<Note>()(save(NoteInputSchema)),
  /** Plain records always; workflow records only as a 草稿. */
  'record:delete': channel<{ ok: true }>()(byId),
  /**
   * submit | review | archive | reopen (reopen needs `reason`). Answers the record with `warnings` (e.g. earlier
   * records still drafts when a 期满考核 is submitted) and, for an annual assessment, what became of the cadre file's
   * 年度考核结果: updated (`annualTextNote`) or, the text being the clerk's, a `proposal`.
   */
  'record:transition': channel<TransitionResult>()(TransitionInputSchema),
  /** The open proposals for the 年度考核结果 of the posting's cadre file (its reviewed annual assessments). */
  'record:annualProposals': channel<AnnualTextProposal[]>()(z.object({ postingId: id })),
  /** Writes the proposed 年度考核结果 into the cadre file (refused when the text changed since `current` was read). */
  'record:acceptAnnualProposal': channel<AnnualTextProposal>()(AcceptAnnualProposalSchema),
  /** The state history (oldest first) and the audit entries (newest first). */
  'record:history': channel<{ steps: WorkflowStep[]; audit: AuditEntry[] }>()(byId),
  'assessment:batchCompletion': channel<BatchCompletion>()(BatchCompletionQuerySchema),
};
