import type { EntityManager } from 'typeorm';
import { RECORD_INPUT_SCHEMAS, quarterSpan, quartersBegun, shiftMonths, type RecordKind } from '../../shared/assessment';
import { LeaveInputSchema, type LeaveInput } from '../../shared/leave';
import { WorkResultInputSchema, type WorkResultInput } from '../../shared/ledger';
import { addDays } from '../../shared/validators/yearMonth';
import type { WorkflowAction, WorkflowState } from '../../shared/workflow';
import { AssessmentRecordEntity, BatchEntity, CadreEntity, LeaveEntryEntity, WorkResultEntity } from '../db/entities';
import type { AppServices } from '../services/AppServices';
import { readPostings } from '../services/postingReader';
import type { ServiceContext } from '../services/ServiceContext';
import { demoCadres, makeIdNumber } from './demoCadres';
import { demoState, type DemoOptions } from './demoOptions';

/**
 * A year of 考核记录, 请销假 and 工作实绩 for the demo postings (electron/demo/demoBatches.ts), written through the
 * services as the screens would: monthly reports, quarterly reviews under the batch's themes (融入/务实/见效/赓续)
 * in several workflow states, talks, colleagues' notes, leave (黄文博 falls below 80 % on post), annual assessments
 * in each state (刘思源's archived), one archived 期满考核 with its votes, and results such as 签约资金 4000 万元.
 * Invented people, firms and figures only. A posting that already has any record, leave or result is left alone,
 * so loading twice adds nothing.
 */
const ACTION = '载入示例数据';
/** The demo's “today”: records are written up to here (the demo batches are dated around it). */
const DEMO_TODAY = '2026.11.20';

type Who = number | 'guest';
type LeavePlan = Omit<LeaveInput, 'postingId' | 'approvedBy'> & { approvedBy?: string };
type ResultPlan = Omit<WorkResultInput, 'postingId'>;

interface RecordPlan {
  who: Who;
  /** What the monthly reports are about. */
  focus: string;
  leave?: LeavePlan[];
  results?: ResultPlan[];
  annual?: { year: number; grade: '优秀' | '称职' | '基本称职'; comments: string; state: WorkflowState }[];
  term?: { votes: { excellent: number; competent: number; basic: number; incompetent: number; abstain: number }; state: WorkflowState };
}

const PLANS: RecordPlan[] = [
  {
    who: 0,
    focus: '苏陕区域协作项目对接',
    leave: [{ leaveType: '探亲假', startDate: '2026.01.29', endDate: '2026.02.04', notes: '春节前返安康探亲，按期销假' }],
    results: [
      { category: '项目建设', title: '推动常安共建产业园纳入年度协作计划', date: '2026.04.18', amount: 6500, description: '协调两地发改部门，完成项目前期对接' },
      { category: '调研报告', title: '《长三角产业转移与安康承接路径》调研报告', date: '2026.06.30', quantity: 1, quantityUnit: '篇' },
      { category: '信息宣传', title: '在《工作简报》刊发协作动态', date: '2026.09.28', quantity: 6, quantityUnit: '篇' },
    ],
    annual: [{ year: 2026, grade: '优秀', comments: '协调推动协作项目成效明显，群众和同事评价好。', state: '已审核' }],
  },
  {
    who: 1,
    focus: '招商引资和项目洽谈',
    leave: [{ leaveType: '事假', startDate: '2026.04.03', endDate: '2026.04.05', notes: '处理家中事务' }],
    results: [
      { category: '招商引资', title: '促成常州某智能装备有限公司在安康设立生产基地', date: '2026.06.18', amount: 4000, description: '签约资金 4000 万元，计划年内开工' },
      { category: '招商引资', title: '引进新材料配套项目', date: '2026.09.09', amount: 1500 },
      { category: '活动组织', title: '武进—安康产业合作对接会', date: '2026.05.22', quantity: 3, quantityUnit: '场' },
    ],
    annual: [{ year: 2026, grade: '优秀', comments: '招商成效突出，签约项目落地快。', state: '已归档' }],
  },
  {
    who: 2,
    focus: '农产品产销对接和消费帮扶',
    leave: [{ leaveType: '病假', startDate: '2026.07.13', endDate: '2026.07.17', notes: '住院治疗' }],
    results: [
      { category: '消费帮扶', title: '金坛区农贸市场设立安康农特产品专柜', date: '2026.05.16', amount: 680, quantity: 1, quantityUnit: '家' },
      { category: '消费帮扶', title: '年货节安康富硒产品展销', date: '2026.01.20', amount: 260.5 },
    ],
    annual: [{ year: 2026, grade: '称职', comments: '', state: '已提交' }],
  },
  {
    who: 3,
    focus: '工作组管理和消费帮扶',
    results: [
      { category: '消费帮扶', title: '推动开设安康消费帮扶馆', date: '2026.11.04', amount: 1260, quantity: 7, quantityUnit: '家', description: '今年推动开设的第7家消费帮扶馆在武进开馆' },
      { category: '其他', title: '协助办理挂职干部及随迁人员转接党员组织关系', date: '2026.03.15', quantity: 120, quantityUnit: '人次' },
      { category: '调研报告', title: '工作组深度调研报道', date: '2026.10.20', quantity: 2, quantityUnit: '篇' },
    ],
    annual: [{ year: 2026, grade: '优秀', comments: '带领工作组严格管理，团队工作成效好。', state: '草稿' }],
  },
  {
    who: 4,
    focus: '文旅推介和两地旅游合作',
    leave: [{ leaveType: '年休假', startDate: '2026.08.24', endDate: '2026.08.28' }],
    results: [
      { category: '活动组织', title: '“乐游安康”文旅推介活动', date: '2026.09.12', quantity: 5, quantityUnit: '场' },
      { category: '活动组织', title: '组织常州游客赴安康旅游', date: '2026.10.11', quantity: 1200, quantityUnit: '人次' },
    ],
  },
  {
    who: 5,
    focus: '园区招商和企业服务',
    results: [
      { category: '招商引资', title: '签约生物医药中间体项目', date: '2026.08.06', amount: 2800 },
      { category: '项目建设', title: '协调企业用工和人才公寓', date: '2026.05.08', quantity: 100, quantityUnit: '人' },
    ],
  },
  {
    who: 6,
    focus: '社会事业和公共卫生服务',
    results: [{ category: '活动组织', title: '组织园区企业职工义诊', date: '2026.04.25', quantity: 6, quantityUnit: '场' }],
  },
  {
    who: 7,
    focus: '重点招商项目推进',
    results: [
      { category: '招商引资', title: '新型建材项目签约', date: '2026.05.30', amount: 3200 },
      { category: '招商引资', title: '富硒食品加工项目签约', date: '2026.10.16', amount: 5000 },
    ],
    annual: [{ year: 2026, grade: '称职', comments: '', state: '已提交' }],
  },
  {
    who: 8,
    focus: '驻村帮扶和村级事务',
    // 85 days away (two of them overlapping) out of the year so far: below the 80 % line.
    leave: [
      { leaveType: '病假', startDate: '2026.03.02', endDate: '2026.04.15', notes: '骨折住院及康复' },
      { leaveType: '事假', startDate: '2026.06.08', endDate: '2026.06.21', notes: '家中老人住院陪护' },
      { leaveType: '年休假', startDate: '2026.06.15', endDate: '2026.06.26' },
      { leaveType: '探亲假', startDate: '2026.08.17', endDate: '2026.08.30' },
      { leaveType: '返回派出单位', startDate: '2026.10.12', endDate: '2026.10.18', notes: '原单位年度重点工作' },
    ],
    results: [
      { category: '民生实事', title: '双河村组道路维修', date: '2026.07.20', amount: 35, description: '协调施工队抢抓晴好天气维修路面' },
      { category: '民生实事', title: '协调解决村民饮水问题', date: '2026.09.03', quantity: 86, quantityUnit: '户' },
    ],
  },
  {
    who: 10,
    focus: '园区项目建设',
    results: [{ category: '项目建设', title: '园区标准化厂房二期开工', date: '2026.07.08', amount: 8000 }],
  },
  {
    who: 12,
    focus: '信访接待和矛盾化解',
    results: [
      { category: '调研报告', title: '《基层信访积案化解机制》调研报告', date: '2024.12.10', quantity: 1, quantityUnit: '篇' },
      { category: '其他', title: '参与接待来访群众', date: '2025.02.20', quantity: 360, quantityUnit: '人次' },
    ],
    annual: [{ year: 2024, grade: '优秀', comments: '跟班学习期间表现优秀。', state: '已归档' }],
    term: { votes: { excellent: 26, competent: 9, basic: 1, incompetent: 0, abstain: 1 }, state: '已归档' },
  },
  {
    who: 'guest',
    focus: '两地产业合作和消费帮扶对接',
    leave: [{ leaveType: '年休假', startDate: '2026.05.01', endDate: '2026.05.05' }],
    results: [
      { category: '消费帮扶', title: '安康农特产品进常州商超', date: '2026.08.28', amount: 420 },
      { category: '招商引资', title: '常州某纺织企业来安康考察并签约', date: '2026.10.22', amount: 1000 },
    ],
  },
];

const MONTHLY = [
  '到岗报到，熟悉分管工作和单位规章制度，走访处室和重点企业，制定挂职期间个人工作计划。',
  '参加单位例会和专题学习，随同分管领导开展调研，梳理两地合作需求清单。',
  '围绕{focus}开展走访，建立联系台账，参与起草相关工作方案。',
  '牵头推进一项具体任务，按周调度进展，及时向工作组报告。',
  '参加业务培训，撰写学习心得，协调解决推进中的具体问题。',
  '围绕{focus}组织对接活动，推动合作事项落实。',
  '参与年中工作总结，梳理上半年工作成效和不足。',
  '跟踪已签约事项的落地进度，协调要素保障。',
  '围绕{focus}撰写调研报道，总结可复制的经验做法。',
  '参加工作组季度研判，汇报挂职工作进展。',
  '总结挂职工作，整理经验材料，做好交接准备。',
  '完成期满总结和工作交接。',
];
const HOST_COMMENTS = ['工作认真，融入较快。', '积极主动，能独立承担工作。', '工作扎实，成效明显。', '作风务实，群众评价好。'];
const QUARTER_GRADES = ['好', '好', '较好', '好'] as const;

const STEPS: Record<WorkflowState, WorkflowAction[]> = {
  草稿: [],
  已提交: ['submit'],
  已审核: ['submit', 'review'],
  已归档: ['submit', 'review', 'archive'],
};

/** Loads the records inside the demo's transaction; returns how many were added. */
export async function loadDemoRecords(
  s: AppServices,
  ctx: ServiceContext,
  m: EntityManager,
  options: DemoOptions = {},
): Promise<{ records: number; leave: number; results: number }> {
  const counts = { records: 0, leave: 0, results: 0 };
  const cadres = demoCadres();
  const idNumberOf = (who: Who) => (who === 'guest' ? makeIdNumber('320402', '19880615', 31, '男') : String(cadres[who].idNumber));

  const save = async (kind: RecordKind, input: Record<string, unknown>, state?: WorkflowState) => {
    const record = await s.assessments.saveWith(m, ctx, kind, RECORD_INPUT_SCHEMAS[kind].parse(input) as never, undefined, ACTION);
    let proposal = null;
    for (const action of STEPS[demoState(state ?? '草稿', options)])
      proposal = (await s.assessments.transitionWith(m, ctx, { id: record.id, action, reason: '' })).proposal ?? proposal;
    // The file's typed 年度考核结果 follows an archived year once the proposal is accepted; a merely reviewed one stays proposed.
    if (proposal && state === '已归档') await s.assessments.acceptAnnualProposalWith(m, ctx, { recordId: record.id, current: proposal.current });
    counts.records++;
  };

  for (const plan of PLANS) {
    const cadre = await s.cadres.findByIdNumber(idNumberOf(plan.who), m);
    if (!cadre) continue;
    const postings = (await readPostings(m, { cadreId: cadre.id, order: 'start' })).map((v) => v.posting).filter((p) => p.status !== '拟派');
    for (const p of postings) {
      const postingId = p.id;
      const has = await Promise.all([AssessmentRecordEntity, LeaveEntryEntity, WorkResultEntity].map((e) => m.existsBy<{ postingId: number }>(e, { postingId })));
      if (has.some(Boolean)) continue;
      const start = p.startDate;
      const ended = p.status === '期满' || p.status === '提前结束（召回）';
      const planned = p.plannedEndDate;
      const last = [ended ? p.actualEndDate : planned, DEMO_TODAY].sort()[0];
      const leaderName = await leaderOf(m, p.batchId);
      const mentor = p.politicalMentor.name ? `${p.politicalMentor.name}（政治辅导员）` : leaderName ? `${leaderName}（工作组组长）` : '干部科（组织部）';
      const leader = leaderName && leaderName !== cadre.name ? `${leaderName}（工作组组长）` : '干部科（组织部）';

      // Monthly reports: every month begun by the last day; a running posting's current month is not reported yet.
      const months: string[] = [];
      for (let ym = start.slice(0, 7); ym <= last.slice(0, 7); ym = shiftMonths(`${ym}.01`, 1).slice(0, 7)) months.push(ym);
      if (!ended && months.at(-1) === DEMO_TODAY.slice(0, 7)) months.pop();
      for (const [i, month] of months.entries()) {
        const content = MONTHLY[Math.min(i, MONTHLY.length - 1)].replace('{focus}', plan.focus);
        await save('monthly', { postingId, month, content, hostComment: HOST_COMMENTS[i % HOST_COMMENTS.length] });
      }

      // Quarterly reviews under the batch's themes: older quarters archived, the last reviewed one 已审核, the running one a draft.
      const quarters = quartersBegun(start, last);
      for (let q = 1; q <= quarters; q++) {
        const span = quarterSpan(start, q);
        const complete = span.endDate <= last || ended;
        const state: WorkflowState = p.status === '期满' ? '已归档' : !complete ? '草稿' : q <= quarters - 2 ? '已归档' : '已审核';
        await save(
          'quarterly',
          {
            postingId,
            quarter: q,
            selfSummary: `本季度（${span.startDate}—${span.endDate}）围绕${plan.focus}开展工作，按计划完成各项任务，认真参加工作组组织生活。`,
            hostEvaluation: complete ? `该同志${HOST_COMMENTS[(q + 1) % HOST_COMMENTS.length]}` : '',
            grade: complete ? QUARTER_GRADES[(q - 1) % QUARTER_GRADES.length] : '',
            score: complete ? 88 + ((q * 3) % 8) : null,
          },
          state,
        );
      }

      // Talks and colleagues' notes at a few points of the term.
      const talks: [string, string, string, string][] = [
        [addDays(start, 12), mentor, '了解到岗后的生活和工作安排，提出尽快融入的要求。', '协调解决住宿和通勤问题'],
        [addDays(shiftMonths(start, 4), 10), leader, '谈思想、谈工作，交流挂职以来的收获和困难。', '帮助对接相关部门'],
        [shiftMonths(start, 9), mentor, '围绕期满总结和经验转化开展谈话。', '督促做好工作交接'],
      ];
      for (const [date, talker, content, followUp] of talks) if (date <= last) await save('talk', { postingId, date, talker, content, followUp });
      const notes: [string, string, string][] = [
        [addDays(shiftMonths(start, 2), 5), plan.who === 8 ? '双河村村民' : '挂职单位同事', '工作踏实，遇到问题主动想办法。'],
        [addDays(shiftMonths(start, 7), 3), plan.who === 8 ? '双河村党支部' : '服务企业负责人', '办事热心，对接及时，口碑好。'],
      ];
      for (const [date, source, content] of notes) if (date <= last) await save('note', { postingId, date, source, content });

      for (const a of plan.annual ?? []) await save('annual', { postingId, year: a.year, grade: a.grade, comments: a.comments }, a.state);
      if (plan.term) {
        await save(
          'term',
          {
            postingId,
            assessmentDate: last,
            selfSummary: `挂职期间围绕${plan.focus}扎实工作，圆满完成挂职任务。`,
            votes: plan.term.votes,
            hostOpinion: '该同志政治立场坚定，工作认真负责，挂职期间表现优秀，同意鉴定为优秀。',
            dispatchOpinion: '同意挂职单位鉴定意见。',
            orgOpinion: '经研究，期满考核确定为优秀等次。',
            finalGrade: '优秀',
          },
          plan.term.state,
        );
      }

      for (const l of plan.leave ?? []) {
        if (l.startDate < start || l.endDate > last) continue;
        await s.leave.saveWith(m, ctx, LeaveInputSchema.parse({ approvedBy: leader, ...l, postingId }), undefined, ACTION);
        counts.leave++;
      }
      for (const r of plan.results ?? []) {
        if (r.date < start || r.date > last) continue;
        await s.ledger.saveWith(m, ctx, WorkResultInputSchema.parse({ ...r, postingId }), undefined, ACTION);
        counts.results++;
      }
    }
  }
  return counts;
}

/** The name of the batch's 工作组组长, or '' (no batch, no leader). */
async function leaderOf(m: EntityManager, batchId: number | null): Promise<string> {
  const batch = batchId === null ? null : await m.findOne(BatchEntity, { select: { id: true, leaderId: true }, where: { id: batchId } });
  const leader = batch?.leaderId == null ? null : await m.findOne(CadreEntity, { select: { id: true, name: true }, where: { id: batch.leaderId } });
  return leader?.name ?? '';
}
