import type { EntityManager } from 'typeorm';
import {
  GROWTH_RATERS,
  GROWTH_STAGES,
  GrowthEvaluationInputSchema,
  RaterSheetInputSchema,
  quarterDays,
  quarterNumber,
  type GrowthRater,
  type GrowthStage,
  type GrowthTemplate,
} from '../../shared/growth';
import { TransitionInputSchema, type WorkflowAction, type WorkflowState } from '../../shared/workflow';
import { AssessmentRecordEntity, BatchEntity, GrowthEvaluationEntity, WorkResultEntity } from '../db/entities';
import type { AppServices } from '../services/AppServices';
import { readPostings } from '../services/postingReader';
import type { ServiceContext } from '../services/ServiceContext';
import { demoCadres } from './demoCadres';
import { demoState, type DemoOptions } from './demoOptions';

/**
 * 成长评价 for the demo batch 安康市第7批赴常州挂职干部 (electron/demo/demoBatches.ts): quarterly evaluations with
 * varied trajectories — 刘思源 reaches 传递者 and her 期满 evaluation is archived, 卢佳宁 stalls at 参与者, 张雅琴 starts
 * below 学习者, 王晓峰's fourth quarter lacks two raters (partial), 陈志刚 has no fourth-quarter evaluation yet.
 * Evidence links point at the demo's ledger entries and quarterly reviews when they exist (electron/demo/demoRecords.ts).
 * Written through the services; a posting and period that already has an evaluation is left alone.
 */
const ACTION = '载入示例数据';
const BATCH = '安康市第7批赴常州挂职干部';

/** The host unit's score per stage in a period; the other raters differ by RATER_OFFSET. */
type Plan = { period: string; host: [number, number, number, number]; state: WorkflowState; without?: GrowthRater[] };

const TRAJECTORIES: { who: number; plans: Plan[] }[] = [
  {
    who: 1, // 刘思源: 学习者 → 参与者 → 践行者 → 传递者, 期满 archived
    plans: [
      { period: '第一季度', host: [72, 50, 40, 30], state: '已审核' },
      { period: '第二季度', host: [80, 68, 55, 40], state: '已审核' },
      { period: '第三季度', host: [86, 78, 72, 55], state: '已审核' },
      { period: '第四季度', host: [90, 86, 84, 72], state: '已审核' },
      { period: '期满', host: [92, 88, 86, 80], state: '已归档' },
    ],
  },
  {
    who: 2, // 卢佳宁: stalls at 参与者
    plans: [
      { period: '第一季度', host: [66, 52, 38, 30], state: '已审核' },
      { period: '第二季度', host: [72, 63, 48, 35], state: '已审核' },
      { period: '第三季度', host: [74, 66, 54, 40], state: '已审核' },
      { period: '第四季度', host: [75, 68, 56, 44], state: '已提交' },
    ],
  },
  {
    who: 0, // 李明远: 践行者 from the third quarter
    plans: [
      { period: '第一季度', host: [76, 58, 45, 32], state: '已审核' },
      { period: '第二季度', host: [82, 70, 57, 40], state: '已审核' },
      { period: '第三季度', host: [84, 77, 68, 50], state: '已审核' },
      { period: '第四季度', host: [86, 80, 74, 56], state: '草稿' },
    ],
  },
  {
    who: 3, // 王晓峰: the fourth quarter scored by himself and the host unit only
    plans: [
      { period: '第一季度', host: [74, 55, 42, 35], state: '已审核' },
      { period: '第二季度', host: [80, 66, 52, 42], state: '已审核' },
      { period: '第三季度', host: [84, 74, 66, 50], state: '已审核' },
      { period: '第四季度', host: [86, 80, 72, 54], state: '已提交', without: ['派出单位', '组织部门'] },
    ],
  },
  {
    who: 4, // 张雅琴: below 学习者 at first, 践行者 by the end
    plans: [
      { period: '第一季度', host: [56, 45, 35, 30], state: '已审核' },
      { period: '第二季度', host: [68, 56, 45, 35], state: '已审核' },
      { period: '第三季度', host: [74, 65, 55, 42], state: '已审核', without: ['本人'] },
      { period: '第四季度', host: [78, 70, 64, 50], state: '草稿' },
    ],
  },
  {
    who: 5, // 陈志刚: no fourth-quarter evaluation yet
    plans: [
      { period: '第一季度', host: [70, 62, 45, 30], state: '已审核' },
      { period: '第二季度', host: [76, 66, 56, 40], state: '已审核' },
      { period: '第三季度', host: [80, 72, 64, 48], state: '已审核' },
    ],
  },
];

/** Self-assessments run a little high, the dispatching unit a little low; the weights (10/50/20/20) mostly cancel. */
const RATER_OFFSET: Record<GrowthRater, number> = { 本人: 4, 挂职单位: 0, 派出单位: -2, 组织部门: 0 };
/** Spread within a stage, so the indicators are not all alike (it nets out over a stage's weights). */
const SPREAD = [1, -1, 0];

const NARRATIVES: Record<GrowthStage, string[]> = {
  学习者: [
    '到岗后及时转变角色，参加集中学习和联组学习，随同分管领导走访企业和社区，较快融入了新集体。',
    '学习挂职单位的先进理念和工作方法，观摩调研面广，形成了学习心得。',
  ],
  参与者: [
    '参与单位重点工作的筹备，细心做好分工范围内的日常事务，与同事配合默契。',
    '主动揽活，不做旁观者，在专项工作中承担具体环节并按时完成。',
  ],
  践行者: [
    '独立承办对接活动，从策划筹备到现场调度和总结反馈全程负责，推动合作事项落地。',
    '针对推进中的具体问题提出解决办法并抓好落实，取得了可计量的工作实绩。',
  ],
  传递者: [
    '总结挂职地的好经验好做法，形成经验材料，向派出单位和下一批挂职干部分享交流。',
    '把学到的理念和资源带回家乡，推动项目和产品在两地之间落地见效。',
  ],
};

const STEPS: Record<WorkflowState, WorkflowAction[]> = {
  草稿: [],
  已提交: ['submit'],
  已审核: ['submit', 'review'],
  已归档: ['submit', 'review', 'archive'],
};

const clamp = (x: number) => Math.max(0, Math.min(100, Math.round(x)));

function sheetScores(t: GrowthTemplate, host: number[], rater: GrowthRater): Record<string, number> {
  const scores: Record<string, number> = {};
  t.stages.forEach((s, k) => s.indicators.forEach((ind, j) => (scores[ind.code] = clamp(host[k] + RATER_OFFSET[rater] + SPREAD[j % SPREAD.length]))));
  return scores;
}

/** Loads the evaluations inside the demo's transaction; returns how many were added. */
export async function loadDemoGrowth(s: AppServices, ctx: ServiceContext, m: EntityManager, options: DemoOptions = {}): Promise<number> {
  const cadres = demoCadres();
  const batch = await m.findOne(BatchEntity, { select: { id: true }, where: { name: BATCH } });
  if (!batch) return 0;
  const members = await readPostings(m, { batchId: batch.id });
  const template = await s.growthTemplates.active(m);
  let added = 0;

  for (const { who, plans } of TRAJECTORIES) {
    const cadre = await s.cadres.findByIdNumber(String(cadres[who].idNumber), m);
    const posting = cadre && members.find((v) => v.posting.cadreId === cadre.id)?.posting;
    if (!posting) continue;
    const postingId = posting.id;
    const start = posting.startDate;
    const [unsorted, records] = await Promise.all([
      m.find(WorkResultEntity, { select: { id: true, amount: true, date: true }, where: { postingId } }),
      m.find(AssessmentRecordEntity, { select: { id: true, period: true }, where: { postingId, kind: 'quarterly' } }),
    ]);
    // The largest amounts first, results without an amount last.
    const results = unsorted.sort((a, b) => (a.amount === null ? 1 : 0) - (b.amount === null ? 1 : 0) || (b.amount ?? 0) - (a.amount ?? 0) || a.date.localeCompare(b.date));

    for (const [i, plan] of plans.entries()) {
      if (await m.existsBy(GrowthEvaluationEntity, { postingId, period: plan.period })) continue;
      const q = quarterNumber(plan.period);
      const ratedOn = q ? quarterDays(start, q).end : '2026.11.18';
      const late = i >= 2;
      const evidence = [
        ...records.filter((r) => r.period === `Q${q}`).map((r) => ({ indicatorCode: '1.3', refKind: 'record' as const, refId: r.id, note: '季度小结' })),
        ...(late && results[0] ? [{ indicatorCode: '3.3', refKind: 'result' as const, refId: results[0].id, note: '' }] : []),
        ...(plan.period === '期满' && results[1] ? [{ indicatorCode: '4.2', refKind: 'result' as const, refId: results[1].id, note: '' }] : []),
      ];
      const narratives = Object.fromEntries(
        GROWTH_STAGES.map((st, k) => [st, plan.host[k] >= 60 || (late && k <= 2) ? NARRATIVES[st][(i + k) % 2] : '']),
      );
      const e = await s.growth.saveWith(
        m,
        ctx,
        GrowthEvaluationInputSchema.parse({
          postingId,
          period: plan.period,
          templateId: template.id,
          narratives,
          selfSummary: late ? '按照工作组“一季一主题”的安排，边学边干，把挂职地的经验做法记下来、带回去。' : '以学习和融入为主，熟悉岗位，参与单位工作。',
          evidence,
        }),
        undefined,
        ACTION,
      );
      for (const rater of GROWTH_RATERS) {
        if (plan.without?.includes(rater)) continue;
        await s.growth.saveRaterWith(
          m,
          ctx,
          RaterSheetInputSchema.parse({
            evaluationId: e.id,
            rater,
            scores: sheetScores(template, plan.host, rater),
            comment: rater === '挂职单位' ? '工作认真负责，进步明显。' : '',
            ratedBy: rater === '挂职单位' ? posting.businessMentor.name : rater === '组织部门' ? '市委组织部干部科' : '',
            ratedOn,
          }),
          ACTION,
        );
      }
      for (const action of STEPS[demoState(plan.state, options)]) await s.growth.transitionWith(m, ctx, TransitionInputSchema.parse({ id: e.id, action }));
      added++;
    }
  }
  return added;
}
