import { z } from 'zod';
import { expectedVersionField } from './editVersion';
import type { QuarterTheme } from './batch';
import { ANNUAL_GRADES, QUARTER_GRADES, TERM_GRADES, type AnnualGrade, type QuarterGrade, type TermGrade } from './codes/assessment';
import type { PostingDirection, PostingStatus } from './codes/secondment';
import { VoteCountsSchema, type VoteRates } from './democraticVote';
import { YEAR_MONTH_RE } from './validators/yearMonth';
import { optionalDay, requiredDay } from './validators/daySchema';
import type { WorkflowInfo } from './workflow';

/**
 * 考核记录: what the host unit and the dispatching unit record about a posting while it runs and when it ends.
 * Each record belongs to a posting. Kinds:
 * - monthly  月度工作汇报      plain record (always editable: it is a working log, not a verdict)
 * - quarterly 季度小结/考核     workflow (草稿 → 已提交 → 已审核 → 已归档), shared/workflow.ts
 * - talk     谈心谈话          plain record
 * - annual   年度考核          workflow; once 已审核 it feeds the cadre file's 年度考核结果
 * - term     期满考核          workflow; one per posting, with the 民主测评 votes
 * - note     口碑评价/日常表现  plain record
 * Leave (请销假) and work results (工作实绩) have their own modules: shared/leave.ts, shared/ledger.ts.
 */
export const RECORD_KINDS = ['monthly', 'quarterly', 'talk', 'annual', 'term', 'note'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const RECORD_KIND_LABELS: Readonly<Record<RecordKind, string>> = {
  monthly: '月度工作汇报',
  quarterly: '季度小结/考核',
  talk: '谈心谈话',
  annual: '年度考核',
  term: '期满考核',
  note: '口碑评价/日常表现',
};

/** Kinds that go through the submit-and-lock workflow; the others stay editable. */
export const WORKFLOW_KINDS: readonly RecordKind[] = ['quarterly', 'annual', 'term'];
export const usesWorkflow = (kind: RecordKind) => WORKFLOW_KINDS.includes(kind);

/** A posting runs at most this many quarters (a year, extended at most once by a year). */
export const MAX_QUARTERS = 8;

const text = (max: number) => z.string().trim().max(max, `不能超过${max}个字`).default('');
const required = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过${max}个字`);
const postingId = z.number({ error: '请选择挂职记录' }).int().positive();
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `应为${values.join('、')}之一` });
const year = z.number({ error: '应为年份' }).int('应为年份').min(1990, '应为1990年以后').max(2100, '应为2100年以前');

export const MonthlyReportInputSchema = z.object({
  postingId,
  /** `YYYY.MM` */
  month: z.string({ error: '应为年月，格式如 2026.03' }).trim().regex(YEAR_MONTH_RE, '应为年月，格式如 2026.03'),
  content: required(5000),
  /** 挂职单位意见 */
  hostComment: text(2000),
  /** The version (updatedAt) the form was loaded with: shared/editVersion.ts. */
  expectedVersion: expectedVersionField,
});

export const QuarterlyReviewInputSchema = z.object({
  postingId,
  /** The posting's own quarter: 1 = its first three months (一季一主题 counts from the start of the term). */
  quarter: z.number({ error: '应为第几季度' }).int('应为整数').min(1, '应为1以上').max(MAX_QUARTERS, `不能超过${MAX_QUARTERS}`),
  /** The batch's theme for the quarter (融入/务实/见效/赓续); filled in from the batch when left empty. */
  theme: text(20),
  selfSummary: text(5000),
  hostEvaluation: text(2000),
  grade: z.union([z.literal(''), oneOf(QUARTER_GRADES)], { error: `应为${QUARTER_GRADES.join('、')}之一` }).default(''),
  score: z.number({ error: '应为分数' }).min(0, '不能为负数').max(100, '不能超过100分').nullable().default(null),
  /** The version (updatedAt) the form was loaded with: shared/editVersion.ts. */
  expectedVersion: expectedVersionField,
});

export const TalkInputSchema = z.object({
  postingId,
  date: requiredDay,
  /** 谈话人 (and their role), e.g. 周立群（政治辅导员） */
  talker: required(60),
  content: required(3000),
  followUp: text(1000),
  /** The version (updatedAt) the form was loaded with: shared/editVersion.ts. */
  expectedVersion: expectedVersionField,
});

export const AnnualAssessmentInputSchema = z
  .object({
    postingId,
    year,
    grade: oneOf(ANNUAL_GRADES),
    /** Required for 不确定等次. */
    gradeReason: text(500),
    comments: text(2000),
    /** The version (updatedAt) the form was loaded with: shared/editVersion.ts. */
    expectedVersion: expectedVersionField,
  })
  .superRefine((v, ctx) => {
    if (v.grade === '不确定等次' && !v.gradeReason)
      ctx.addIssue({ code: 'custom', path: ['gradeReason'], message: '“不确定等次”须填写原因' });
  });

export const TermAssessmentInputSchema = z.object({
  postingId,
  /** 考核日期 */
  assessmentDate: optionalDay,
  /** 本人总结 */
  selfSummary: text(5000),
  votes: VoteCountsSchema.prefault({}),
  /** 挂职单位鉴定意见 */
  hostOpinion: text(2000),
  /** 派出单位意见 */
  dispatchOpinion: text(2000),
  /** 组织部门意见 */
  orgOpinion: text(2000),
  finalGrade: z.union([z.literal(''), oneOf(TERM_GRADES)], { error: `应为${TERM_GRADES.join('、')}之一` }).default(''),
  /** The version (updatedAt) the form was loaded with: shared/editVersion.ts. */
  expectedVersion: expectedVersionField,
});

export const NoteInputSchema = z.object({
  postingId,
  date: requiredDay,
  /** 来源: who said it, e.g. 双河村村民 / 挂职单位同事 */
  source: required(60),
  content: required(1000),
  /** The version (updatedAt) the form was loaded with: shared/editVersion.ts. */
  expectedVersion: expectedVersionField,
});

export type MonthlyReportInput = z.input<typeof MonthlyReportInputSchema>;
export type QuarterlyReviewInput = z.input<typeof QuarterlyReviewInputSchema>;
export type TalkInput = z.input<typeof TalkInputSchema>;
export type AnnualAssessmentInput = z.input<typeof AnnualAssessmentInputSchema>;
export type TermAssessmentInput = z.input<typeof TermAssessmentInputSchema>;
export type NoteInput = z.input<typeof NoteInputSchema>;

/** Each kind's input schema, for the services and the forms. */
export const RECORD_INPUT_SCHEMAS = {
  monthly: MonthlyReportInputSchema,
  quarterly: QuarterlyReviewInputSchema,
  talk: TalkInputSchema,
  annual: AnnualAssessmentInputSchema,
  term: TermAssessmentInputSchema,
  note: NoteInputSchema,
} as const;
export type RecordInputOf<K extends RecordKind> = z.output<(typeof RECORD_INPUT_SCHEMAS)[K]>;

// ---- Stored records ---------------------------------------------------------------------------------------

interface RecordBase {
  id: number;
  postingId: number;
  createdAt: string;
  updatedAt: string;
}

export interface MonthlyReport extends RecordBase, Omit<RecordInputOf<'monthly'>, 'postingId'> {
  kind: 'monthly';
}
export interface Talk extends RecordBase, Omit<RecordInputOf<'talk'>, 'postingId'> {
  kind: 'talk';
}
export interface Note extends RecordBase, Omit<RecordInputOf<'note'>, 'postingId'> {
  kind: 'note';
}
export interface QuarterlyReview extends RecordBase, Omit<RecordInputOf<'quarterly'>, 'postingId' | 'grade'> {
  kind: 'quarterly';
  grade: QuarterGrade | '';
  /** The quarter's days, e.g. 2025.12.01–2026.02.28. */
  periodStart: string;
  periodEnd: string;
  workflow: WorkflowInfo;
}
export interface AnnualAssessment extends RecordBase, Omit<RecordInputOf<'annual'>, 'postingId' | 'grade'> {
  kind: 'annual';
  grade: AnnualGrade;
  workflow: WorkflowInfo;
}
export interface TermAssessment extends RecordBase, Omit<RecordInputOf<'term'>, 'postingId' | 'finalGrade'> {
  kind: 'term';
  finalGrade: TermGrade | '';
  /** 有效票, 优秀率, 称职以上率 derived from the votes (shared/democraticVote.ts). */
  rates: VoteRates;
  workflow: WorkflowInfo;
}

export type AssessmentRecord = MonthlyReport | QuarterlyReview | Talk | AnnualAssessment | TermAssessment | Note;
export type RecordOf<K extends RecordKind> = Extract<AssessmentRecord, { kind: K }>;
/** The records that go through the workflow (what `record:transition` returns). */
export type WorkflowRecord = QuarterlyReview | AnnualAssessment | TermAssessment;

/**
 * The cadre file's 年度考核结果 disagrees with the year's confirmed annual assessment, and the text is the clerk's
 * (typed or imported): the app does not overwrite it but proposes `proposed`, which the clerk may accept
 * (`record:acceptAnnualProposal`).
 */
export interface AnnualTextProposal {
  /** The annual assessment the proposal follows. */
  recordId: number;
  cadreId: number;
  cadreName: string;
  year: number;
  /** The year's confirmed grade, or null when none is confirmed any more (the statement is to be taken out). */
  grade: string | null;
  /** The file's text as it is. */
  current: string;
  proposed: string;
}

/** What `record:transition` answers besides the record. */
export interface TransitionOutcome {
  /** Said, not refused: e.g. a 期满考核 submitted while earlier quarterly or annual records are still drafts. */
  warnings: string[];
  /** The file's 年度考核结果 (the clerk's text) disagrees with the reviewed grade: a proposal to accept or not. */
  proposal: AnnualTextProposal | null;
  /** The file's 年度考核结果 was empty or written by the app, and was updated: what was done, in Chinese ('' if nothing). */
  annualTextNote: string;
}
export type TransitionResult = WorkflowRecord & TransitionOutcome;

/** Accepting a proposal: the text the clerk saw as current, so that a change made since is not overwritten. */
export const AcceptAnnualProposalSchema = z.object({
  recordId: z.number({ error: '应为记录编号' }).int().positive(),
  current: z.string({ error: '应为文字' }).max(5000, '不能超过5000个字'),
});
export type AcceptAnnualProposalInput = z.input<typeof AcceptAnnualProposalSchema>;

/** The posting a records page is about (its header). */
export interface PostingHeader {
  id: number;
  cadreId: number;
  cadreName: string;
  batchId: number | null;
  batchName: string | null;
  direction: PostingDirection;
  hostUnit: string;
  hostPost: string;
  startDate: string;
  plannedEndDate: string;
  actualEndDate: string;
  status: PostingStatus;
}

/** Everything the records tab of a posting shows, grouped by kind, in one call. */
export interface PostingRecords {
  posting: PostingHeader;
  /** The batch's 一季一主题, for the quarterly form (empty outside a batch). */
  themes: QuarterTheme[];
  /** Newest month first. */
  monthly: MonthlyReport[];
  /** By quarter. */
  quarterly: QuarterlyReview[];
  /** Newest first. */
  talks: Talk[];
  /** By year. */
  annual: AnnualAssessment[];
  term: TermAssessment | null;
  /** Newest first. */
  notes: Note[];
}

// ---- Batch overview ---------------------------------------------------------------------------------------

export const BatchCompletionQuerySchema = z.object({
  batchId: z.number({ error: '请选择批次' }).int().positive(),
  /** The year whose annual assessment is looked for; default: this year, or the batch's last year once it ended. */
  year: year.optional(),
  /** For tests and demos: the day taken as today. */
  today: optionalDay,
});

export interface CompletionEntry {
  recordId: number;
  grade: string;
  state: WorkflowInfo['state'];
}

export interface CompletionRow {
  postingId: number;
  cadreId: number;
  name: string;
  hostUnit: string;
  status: PostingStatus;
  startDate: string;
  plannedEndDate: string;
  actualEndDate: string;
  /** The year's annual assessment, or null when there is none yet. */
  annual: CompletionEntry | null;
  /** The posting ran during the year (an annual assessment is expected; counted in `counts`). */
  annualExpected: boolean;
  /** The 期满考核, or null when there is none yet. */
  term: (CompletionEntry & { rates: VoteRates }) | null;
  /** The posting has ended or its planned end has passed: its 期满考核 is due. */
  termDue: boolean;
  /** Quarterly reviews recorded / the quarters the posting has run so far. */
  quarterlyCount: number;
  quartersElapsed: number;
}

export interface CompletionCounts {
  members: number;
  /** Annual: no record / a record not yet 已审核 / 已审核 or 已归档. */
  annualMissing: number;
  annualPending: number;
  annualDone: number;
  /** 期满考核 of the members whose term is due. */
  termDue: number;
  termMissing: number;
  termPending: number;
  termDone: number;
}

export interface BatchCompletion {
  batchId: number;
  batchName: string;
  year: number;
  today: string;
  rows: CompletionRow[];
  counts: CompletionCounts;
}

// ---- Quarters of a posting ----------------------------------------------------------------------------------

/** `YYYY.MM.DD` moved by whole months; a day past the month's end becomes its last day (01.31 + 1 → 02.28). */
export function shiftMonths(day: string, n: number): string {
  const [y, m, d] = day.split('.').map(Number);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}.${String(nm).padStart(2, '0')}.${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The days of the posting's `quarter`-th quarter (1 = the first three months from its start). */
export function quarterSpan(startDate: string, quarter: number): { startDate: string; endDate: string } {
  const from = shiftMonths(startDate, 3 * (quarter - 1));
  const next = shiftMonths(startDate, 3 * quarter);
  const [y, m, d] = next.split('.').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d - 1));
  const to = `${t.getUTCFullYear()}.${String(t.getUTCMonth() + 1).padStart(2, '0')}.${String(t.getUTCDate()).padStart(2, '0')}`;
  return { startDate: from, endDate: to };
}

/** How many of the posting's quarters have begun by `lastDay` (at most MAX_QUARTERS). */
export function quartersBegun(startDate: string, lastDay: string): number {
  let n = 0;
  while (n < MAX_QUARTERS && quarterSpan(startDate, n + 1).startDate <= lastDay) n++;
  return n;
}

/** 第一季度 … 第八季度 */
export function quarterLabel(quarter: number): string {
  return `第${'一二三四五六七八'[quarter - 1] ?? quarter}季度`;
}
