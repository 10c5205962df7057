import { z } from 'zod';
import { expectedVersionField } from './editVersion';
import { optionalDay } from './validators/daySchema';
import type { WorkflowInfo, WorkflowState } from './workflow';

/**
 * 成长评价 “从学习者到传递者” (seed 000): a seconded cadre moves through four stages during the posting, and is
 * evaluated on them several times (each quarter or at custom milestones, and at the end: 期满). The scoring is in
 * shared/growthScoring.ts; the shipped template in shared/growthDefaultTemplate.ts.
 */
export const GROWTH_STAGES = ['学习者', '参与者', '践行者', '传递者'] as const;
export type GrowthStage = (typeof GROWTH_STAGES)[number];

/** What the result says when not even the first stage meets the threshold. */
export const NOT_REACHED_LABEL = '未达到学习者';
/** What it says while no rater has scored every indicator. */
export const NOT_SCORED_LABEL = '尚无完整评分';

/** Who scores an evaluation, in the order the form shows them. */
export const GROWTH_RATERS = ['本人', '挂职单位', '派出单位', '组织部门'] as const;
export type GrowthRater = (typeof GROWTH_RATERS)[number];
export type RaterWeights = Record<GrowthRater, number>;
export const DEFAULT_RATER_WEIGHTS: Readonly<RaterWeights> = { 本人: 10, 挂职单位: 50, 派出单位: 20, 组织部门: 20 };

export const DEFAULT_THRESHOLD = 60;

// ---- Periods ------------------------------------------------------------------------------------------------

/** 第一季度 … 第八季度 (a posting extended once runs two years), counted from the start of the posting. */
export const QUARTER_PERIODS = ['第一季度', '第二季度', '第三季度', '第四季度', '第五季度', '第六季度', '第七季度', '第八季度'] as const;
/** The final one-year evaluation. */
export const TERM_PERIOD = '期满';
export type PeriodKind = 'quarter' | 'milestone' | 'term';

/** A period's kind from its label: a quarter, 期满, or else a custom milestone (which needs a date). */
export function periodKindOf(period: string): PeriodKind {
  if ((QUARTER_PERIODS as readonly string[]).includes(period)) return 'quarter';
  if (period === TERM_PERIOD) return 'term';
  return 'milestone';
}

/** 1 for 第一季度 …; 0 for other periods. */
export const quarterNumber = (period: string) => (QUARTER_PERIODS as readonly string[]).indexOf(period) + 1;

/** `YYYY.MM.DD` moved by whole months; a day past the month's end becomes its last day. */
function plusMonths(day: string, n: number): string {
  const [y, m, d] = day.split('.').map(Number);
  const total = y * 12 + (m - 1) + n;
  const last = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate();
  return `${Math.floor(total / 12)}.${String((total % 12) + 1).padStart(2, '0')}.${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The first and last day of the posting's n-th quarter (1 = the first three months from its start). */
export function quarterDays(postingStart: string, n: number): { start: string; end: string } {
  const start = plusMonths(postingStart, 3 * (n - 1));
  const [y, m, d] = plusMonths(postingStart, 3 * n).split('.').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d - 1));
  const end = `${t.getUTCFullYear()}.${String(t.getUTCMonth() + 1).padStart(2, '0')}.${String(t.getUTCDate()).padStart(2, '0')}`;
  return { start, end };
}

/** Orders a posting's evaluations: a quarter by its last day, a milestone by its day, 期满 after everything. */
export function periodSortKey(period: string, milestoneDate: string, postingStart: string): string {
  const kind = periodKindOf(period);
  if (kind === 'term') return '9999.99.99';
  if (kind === 'milestone') return milestoneDate;
  return quarterDays(postingStart, quarterNumber(period)).end;
}

// ---- Template -----------------------------------------------------------------------------------------------

export const TEMPLATE_STATUSES = ['草稿', '启用', '停用'] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

const text = (max: number) => z.string().trim().max(max, `不能超过${max}个字`).default('');
const required = (max: number) => z.string({ error: '不能为空' }).trim().min(1, '不能为空').max(max, `不能超过${max}个字`);
const id = z.number({ error: '应为记录编号' }).int().positive();
/** Weights and thresholds: numbers with at most two decimals. */
const twoDecimals = (v: number) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6;

const IndicatorInputSchema = z.object({
  indicatorName: required(30),
  indicatorDescription: text(500),
  weight: z
    .number({ error: '应为权重（数字）' })
    .gt(0, '应大于0')
    .max(100, '不能超过100')
    .refine(twoDecimals, '最多保留2位小数'),
  /** 评分说明: what earns a high or a low score. */
  guidance: text(1000),
});

const StageInputSchema = z.object({
  stage: z.enum(GROWTH_STAGES, { error: `应为${GROWTH_STAGES.join('、')}之一` }),
  stageDescription: text(500),
  indicators: z.array(IndicatorInputSchema, { error: '应为指标列表' }).min(1, '每个阶段至少应有一项指标').max(12, '每个阶段最多12项指标'),
});

const raterWeight = z.number({ error: '应为权重（数字）' }).min(0, '不能为负数').max(100, '不能超过100').refine(twoDecimals, '最多保留2位小数');

export const RaterWeightsSchema = z.object({
  本人: raterWeight,
  挂职单位: raterWeight,
  派出单位: raterWeight,
  组织部门: raterWeight,
});

const sumOf = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;

/**
 * A template version as staff edit it. A new version is made by copying one (`basedOnId`) and editing; only a
 * draft (草稿) can be changed, and once activated it is frozen, so evaluations that pinned it never move.
 */
export const GrowthTemplateInputSchema = z
  .object({
    templateName: required(50),
    /** 达标分数线: a stage counts as reached when its score (0–100) is at least this. */
    threshold: z.number({ error: '应为分数' }).min(0, '不能低于0分').max(100, '不能超过100分').refine(twoDecimals, '最多保留2位小数').default(DEFAULT_THRESHOLD),
    raterWeights: RaterWeightsSchema.prefault({ ...DEFAULT_RATER_WEIGHTS }),
    stages: z.array(StageInputSchema, { error: '应为四个阶段' }).length(GROWTH_STAGES.length, `应为${GROWTH_STAGES.length}个阶段：${GROWTH_STAGES.join('、')}`),
    notes: text(1000),
    /** The version this one was copied from (null for a template written from scratch). */
    basedOnId: id.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    v.stages.forEach((s, i) => {
      if (s.stage !== GROWTH_STAGES[i])
        ctx.addIssue({ code: 'custom', path: ['stages', i, 'stage'], message: `应为“${GROWTH_STAGES[i]}”（四个阶段依次为${GROWTH_STAGES.join('、')}）` });
    });
    const indicatorSum = sumOf(v.stages.flatMap((s) => s.indicators.map((x) => x.weight)));
    if (Math.abs(indicatorSum - 100) > 1e-6)
      ctx.addIssue({ code: 'custom', path: ['indicatorWeights'], message: `合计应为100，当前为${indicatorSum}` });
    const raterSum = sumOf(Object.values(v.raterWeights));
    if (Math.abs(raterSum - 100) > 1e-6) ctx.addIssue({ code: 'custom', path: ['raterWeights'], message: `合计应为100，当前为${raterSum}` });
    const seen = new Set<string>();
    v.stages.forEach((s, i) =>
      s.indicators.forEach((x, j) => {
        if (seen.has(x.indicatorName))
          ctx.addIssue({ code: 'custom', path: ['stages', i, 'indicators', j, 'indicatorName'], message: `“${x.indicatorName}”与其他指标重名` });
        seen.add(x.indicatorName);
      }),
    );
  });
export type GrowthTemplateInput = z.input<typeof GrowthTemplateInputSchema>;
export type GrowthTemplateData = z.output<typeof GrowthTemplateInputSchema>;

export interface GrowthIndicator {
  /** `阶段序号.指标序号`, e.g. 3.2: how scores and evidence refer to the indicator within its template version. */
  code: string;
  indicatorName: string;
  indicatorDescription: string;
  weight: number;
  guidance: string;
}

export interface GrowthStageDef {
  stage: GrowthStage;
  stageDescription: string;
  /** The stage's share of the total (the sum of its indicators' weights). */
  weight: number;
  indicators: GrowthIndicator[];
}

/** The stored stages of a template: the input's stages with codes and stage weights filled in. */
export function stageDefs(stages: GrowthTemplateData['stages']): GrowthStageDef[] {
  return stages.map((s, i) => ({
    stage: s.stage,
    stageDescription: s.stageDescription,
    weight: sumOf(s.indicators.map((x) => x.weight)),
    indicators: s.indicators.map((x, j) => ({ code: `${i + 1}.${j + 1}`, ...x })),
  }));
}

export interface GrowthTemplate {
  id: number;
  /** 第N版: one numbering over all versions. */
  version: number;
  templateName: string;
  status: TemplateStatus;
  threshold: number;
  raterWeights: RaterWeights;
  stages: GrowthStageDef[];
  notes: string;
  basedOnId: number | null;
  /** How many evaluations pinned this version. */
  usedBy: number;
  createdAt: string;
  updatedAt: string;
  activatedAt: string;
}

export type GrowthTemplateSummary = Omit<GrowthTemplate, 'stages'> & { indicatorCount: number };

/** Every indicator of a template with its stage, in order. */
export function indicatorsOf(t: { stages: GrowthStageDef[] }): (GrowthIndicator & { stage: GrowthStage })[] {
  return t.stages.flatMap((s) => s.indicators.map((x) => ({ ...x, stage: s.stage })));
}

// ---- Evaluation ---------------------------------------------------------------------------------------------

export const EVIDENCE_KINDS = ['record', 'result'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EVIDENCE_KIND_LABELS: Readonly<Record<EvidenceKind, string>> = { record: '考核记录', result: '工作实绩' };

const EvidenceLinkInputSchema = z.object({
  indicatorCode: required(10),
  refKind: z.enum(EVIDENCE_KINDS, { error: '应为 record（考核记录）或 result（工作实绩）' }),
  refId: id,
  /** Why this record supports the indicator (optional). */
  note: text(200),
});

const narrative = text(3000);

export const GrowthEvaluationInputSchema = z
  .object({
    postingId: z.number({ error: '请选择挂职记录' }).int().positive(),
    /** 第一季度 … 第八季度, 期满, or a custom milestone's name (with its date). */
    period: required(20),
    /** The custom milestone's day; '' for quarters and 期满. */
    milestoneDate: optionalDay,
    /** The template version to pin; null: the active one. Fixed once any rater has scored. */
    templateId: id.nullable().default(null),
    /** 阶段评语: the evaluator's text per stage. */
    narratives: z
      .object({ 学习者: narrative, 参与者: narrative, 践行者: narrative, 传递者: narrative })
      .prefault({}),
    /** 本人总结 */
    selfSummary: text(5000),
    /** 佐证材料: assessment records and ledger entries of the posting, per indicator. */
    evidence: z.array(EvidenceLinkInputSchema).max(200, '最多200条').default([]),
    /** The version (updatedAt) the form was loaded with: shared/editVersion.ts. */
    expectedVersion: expectedVersionField,
  })
  .superRefine((v, ctx) => {
    if (periodKindOf(v.period) === 'milestone' && !v.milestoneDate)
      ctx.addIssue({ code: 'custom', path: ['milestoneDate'], message: `自定义节点“${v.period}”须填写日期（或选择第一季度…第八季度、期满）` });
  });
export type GrowthEvaluationInput = z.input<typeof GrowthEvaluationInputSchema>;
export type GrowthEvaluationData = z.output<typeof GrowthEvaluationInputSchema>;

/** A rater's score of an indicator: 0–100, at most two decimals. */
export const GROWTH_SCORE_RANGE = { min: 0, max: 100 } as const;

/** Why a typed score is refused (“应为0到100分（当前为120）”), or null when it stands. Never clamped: refused. */
export function growthScoreRefusal(score: number): string | null {
  if (typeof score !== 'number' || !Number.isFinite(score)) return '应为分数';
  if (score < GROWTH_SCORE_RANGE.min || score > GROWTH_SCORE_RANGE.max) return `应为${GROWTH_SCORE_RANGE.min}到${GROWTH_SCORE_RANGE.max}分（当前为${score}）`;
  if (!twoDecimals(score)) return `最多保留2位小数（当前为${score}）`;
  return null;
}

/** One rater's sheet: a score (0–100) per indicator code, an optional comment per indicator. */
export const RaterSheetInputSchema = z.object({
  evaluationId: id,
  rater: z.enum(GROWTH_RATERS, { error: `应为${GROWTH_RATERS.join('、')}之一` }),
  /** Indicator code → score; null or absent: not scored yet. */
  scores: z.record(z.string(), z.number({ error: '应为分数' }).nullable()).default({}),
  comments: z.record(z.string(), z.string().trim().max(500, '不能超过500个字')).default({}),
  /** 总体意见 */
  comment: text(2000),
  /** 评价人 (who filled it in for the rater, e.g. the host unit's contact). */
  ratedBy: text(30),
  ratedOn: optionalDay,
  /** The evaluation's version (updatedAt) the sheet was loaded with: shared/editVersion.ts. */
  expectedVersion: expectedVersionField,
});
export type RaterSheetInput = z.input<typeof RaterSheetInputSchema>;

/** A rater's sheet as stored: only scored indicators carry a score. */
export interface StoredRaterSheet {
  scores: Record<string, number>;
  comments: Record<string, string>;
  comment: string;
  ratedBy: string;
  ratedOn: string;
}
export type StoredRatings = Partial<Record<GrowthRater, StoredRaterSheet>>;

export type RaterStatus = 'complete' | 'incomplete' | 'missing';
export const RATER_STATUS_LABELS: Readonly<Record<RaterStatus, string>> = { complete: '已评分', incomplete: '未评完', missing: '缺评' };

export interface StageScore {
  stage: GrowthStage;
  /** 0–100, two decimals; null while no rater has scored every indicator. */
  score: number | null;
  meetsThreshold: boolean;
}

export interface RaterPresence {
  rater: GrowthRater;
  /** The template's weight. */
  weight: number;
  /** The weight actually applied (renormalised over the raters present), two decimals; 0 when absent. */
  appliedWeight: number;
  status: RaterStatus;
  /** Codes of the indicators this rater has not scored. */
  missingIndicators: string[];
}

/** What an evaluation's scores add up to (shared/growthScoring.ts `scoreEvaluation`). */
export interface GrowthResult {
  /** At least one rater scored every indicator. */
  scored: boolean;
  threshold: number;
  stageScores: StageScore[];
  /** Indicator code → rater-weighted score (two decimals), null when unscored. */
  indicatorScores: Record<string, number | null>;
  total: number | null;
  /** The highest stage met together with every stage before it; null when none (or not scored). */
  reached: GrowthStage | null;
  /** 0 (none) … 4 (传递者), for charts. */
  reachedLevel: number;
  reachedLabel: string;
  /** Some rater with a weight is missing or unfinished: weights were renormalised over those present. */
  partial: boolean;
  presentRaters: GrowthRater[];
  missingRaters: GrowthRater[];
  raters: RaterPresence[];
}

export interface EvidenceLink {
  indicatorCode: string;
  indicatorName: string;
  refKind: EvidenceKind;
  refId: number;
  /** What it was when linked (kept, so an archived evaluation still reads right), e.g. 招商引资：…（签约资金4000万元）. */
  label: string;
  note: string;
  /** The record is still there. */
  exists: boolean;
}

export interface RaterSheet extends StoredRaterSheet {
  rater: GrowthRater;
  status: RaterStatus;
  missingIndicators: string[];
}

export interface GrowthPostingHeader {
  postingId: number;
  cadreId: number;
  cadreName: string;
  batchId: number | null;
  hostUnit: string;
  hostPost: string;
  startDate: string;
  plannedEndDate: string;
  actualEndDate: string;
}

export interface GrowthEvaluationSummary {
  id: number;
  postingId: number;
  period: string;
  periodKind: PeriodKind;
  milestoneDate: string;
  templateId: number;
  templateVersion: number;
  state: WorkflowState;
  result: GrowthResult;
  archived: boolean;
  updatedAt: string;
}

export interface GrowthEvaluation extends GrowthEvaluationSummary {
  posting: GrowthPostingHeader;
  /** The pinned template version: the evaluation always renders with it. */
  template: GrowthTemplate;
  /** One per rater, in GROWTH_RATERS order (missing ones with empty scores). */
  ratings: RaterSheet[];
  narratives: Record<GrowthStage, string>;
  selfSummary: string;
  evidence: EvidenceLink[];
  workflow: WorkflowInfo;
  archive: { sha256: string; archivedAt: string } | null;
  createdAt: string;
}

/** What `growth:transition` answers: the evaluation, and warnings (e.g. earlier evaluations still drafts when 期满 is submitted). */
export type GrowthTransitionResult = GrowthEvaluation & { warnings: string[] };

export interface EvidenceCandidate {
  refKind: EvidenceKind;
  refId: number;
  label: string;
  date: string;
}

export interface EvidenceCandidates {
  records: EvidenceCandidate[];
  results: EvidenceCandidate[];
}

// ---- Charts -------------------------------------------------------------------------------------------------

/** The posting page's charts: a line per stage across the periods, and a radar of the latest evaluation. */
export interface GrowthTrajectory {
  postingId: number;
  cadreName: string;
  stages: GrowthStage[];
  /** x axis, in period order. */
  periods: string[];
  evaluationIds: number[];
  states: WorkflowState[];
  /** One line per stage: its score in each period (null: not scored). */
  series: { stage: GrowthStage; scores: (number | null)[] }[];
  totals: (number | null)[];
  /** Per period (each evaluation pins its own template version). */
  thresholds: number[];
  /** Stage reached per period, for markers: level 0–4 and its label. */
  reached: { stage: GrowthStage | null; level: number; label: string }[];
  partial: boolean[];
  /** The latest scored evaluation, by stage and by indicator (ECharts radar `indicator` + `value`). */
  radar: {
    evaluationId: number;
    period: string;
    threshold: number;
    byStage: { indicator: { name: string; max: number }[]; value: number[] };
    byIndicator: { indicator: { name: string; max: number }[]; value: number[] };
  } | null;
}

export const BatchGrowthQuerySchema = z.object({
  batchId: z.number({ error: '请选择批次' }).int().positive(),
  /** The period looked at; '' for the latest period at least half the members were scored for (else the latest with any). */
  period: z.string().trim().max(20, '不能超过20个字').default(''),
});
export type BatchGrowthQuery = z.input<typeof BatchGrowthQuerySchema>;

export interface BatchGrowthRow {
  postingId: number;
  cadreId: number;
  name: string;
  hostUnit: string;
  evaluationId: number | null;
  state: WorkflowState | null;
  /** Four stage scores (null: not scored). */
  stageScores: (number | null)[];
  total: number | null;
  reachedLevel: number;
  reachedLabel: string;
  partial: boolean;
}

/** A batch's growth for one period, chart-ready, and the same counts for every period. */
export interface BatchGrowthOverview {
  batchId: number;
  batchName: string;
  period: string;
  /** Every period anyone in the batch has an evaluation for, in order. */
  periods: string[];
  members: number;
  evaluated: number;
  /** How many reached each level, from 未达到学习者 to 传递者 (bar or pie). */
  distribution: { label: string; level: number; count: number }[];
  /** The average score of each stage over the scored evaluations (null when none). */
  averagePerStage: { stage: GrowthStage; average: number | null }[];
  averageTotal: number | null;
  /** Members with no scored evaluation for the period (a draft without a complete rater counts as none). */
  notEvaluated: { postingId: number; cadreId: number; name: string; hostUnit: string; evaluationId: number | null }[];
  rows: BatchGrowthRow[];
  /** Per period: counts per level 0–4 (a stacked chart of the batch across the year). */
  byPeriod: { period: string; evaluated: number; counts: number[] }[];
}
