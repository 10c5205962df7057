import { CadreInputSchema, type CadreInput } from '../../shared/cadre';
import type { BatchInput } from '../../shared/batch';
import type { VoteCounts } from '../../shared/democraticVote';
import type { WorkResultInput } from '../../shared/ledger';
import type { WorkflowAction } from '../../shared/workflow';
import type { AppServices } from '../../electron/services/AppServices';
import { testCtx } from './tempServices';

/**
 * Postings with what the 考核鉴定表, the 成长评价报告 and the 汇总表 print: a 期满考核 with its votes and opinions,
 * annual assessments, leave and work results. Written through the services, as the screens would.
 */

export const BATCH: BatchInput = {
  name: '安康市第7批赴常州挂职干部',
  type: '东西部协作/对口支援',
  direction: '派出',
  fromPlace: '安康市',
  toPlace: '常州市',
  dispatchingOrg: '中共安康市委组织部',
  receivingOrg: '中共常州市委组织部',
  startDate: '2025.12.01',
  endDate: '2026.11.30',
};

/** A self summary of the usual length (about 450 characters, five paragraphs). */
export const TYPICAL_SUMMARY = [
  '挂职一年来，我坚持把学习作为第一要务，认真学习常州市在招商引资、营商环境建设、产业协作等方面的先进理念和做法，主动融入挂职单位，积极参与重点工作，圆满完成了挂职任务。',
  '一是加强学习，转变角色。到岗后第一时间熟悉分管工作和单位规章制度，走访处室和重点企业二十余家，制定挂职期间个人工作计划，参加集中学习和专题培训十二次。',
  '二是主动作为，推动合作。围绕苏陕区域协作项目对接，牵头推进共建产业园纳入年度协作计划，协调两地发改部门完成项目前期对接，撰写调研报告一篇。',
  '三是严守纪律，树好形象。严格遵守工作组各项管理制度，按时参加临时党支部组织生活，以实际行动展现安康干部的良好形象。',
  '今后，我将把挂职期间学到的好经验好做法带回安康，在新的岗位上继续努力。',
].join('\n');

const LONG_PARTS = [
  '挂职期间，我始终把政治建设摆在首位，认真学习贯彻党的创新理论，坚持每周参加挂职单位的集中学习和工作组的联组学习，撰写学习心得十余篇，不断提高政治判断力、政治领悟力和政治执行力。',
  '在学习融入方面，我到岗后用一个月时间走遍了分管的处室和重点企业，逐一了解工作职责和运行机制，认真研读挂职单位近三年的工作总结和重点文件，向业务骨干请教招商引资、项目服务和要素保障的具体做法，做到边学边思边用。',
  '在参与重点工作方面，我主动承担了区域协作项目库的梳理工作，对两地八十余个合作意向逐一建档、分类跟踪，参与筹备产业合作对接会三场，协调解决企业在用地、用工和审批中的具体困难二十余件，得到企业和同事的认可。',
  '在独立承办工作方面，我牵头组织了“乐游安康”文旅推介和农特产品展销活动，从方案策划、场地协调到现场调度和总结反馈全程负责，活动期间签订消费帮扶协议十二份，带动农特产品销售九百余万元，推动两家企业在安康设立生产基地。',
  '在经验转化方面，我把挂职单位“一月一调度、一季一研判”的项目推进机制和“首问负责、限时办结”的企业服务做法整理成经验材料，向派出单位和下一批挂职干部作了专题分享，并结合安康实际提出了改进项目服务的三条建议，已被派出单位采纳。',
  '在作风纪律方面，我严格遵守工作组请销假、工作例会和信息报送等制度，按时参加临时党支部组织生活，主动接受挂职单位和派出单位的双重管理，没有发生任何违规违纪问题。',
  '回顾一年的挂职经历，我在开阔视野、增长才干、锤炼作风上都有了明显提高，但也存在对新兴产业了解不够深、统筹推进复杂项目的经验还不足等问题。今后我将继续加强学习，把挂职期间学到的理念、方法和资源带回家乡，在新的岗位上创造更好的业绩。',
];

/** A self summary of exactly `n` characters (seven paragraphs, repeated as needed and cut at `n`). */
export function longSummary(n = 2000): string {
  let text = '';
  for (let i = 0; [...text.replace(/\n/g, '')].length < n; i++) text += (text ? '\n' : '') + LONG_PARTS[i % LONG_PARTS.length];
  const out: string[] = [];
  let count = 0;
  for (const ch of text) {
    if (ch !== '\n') {
      if (count === n) break;
      count++;
    }
    out.push(ch);
  }
  return out.join('').replace(/\n$/, '');
}

export const VOTES: VoteCounts = { excellent: 26, competent: 9, basic: 1, incompetent: 0, abstain: 1 };

export const RESULTS: Omit<WorkResultInput, 'postingId'>[] = [
  { category: '招商引资', title: '促成常州某智能装备有限公司在安康设立生产基地', date: '2026.06.18', amount: 4000 },
  { category: '招商引资', title: '引进新材料配套项目', date: '2026.09.09', amount: 1500 },
  { category: '消费帮扶', title: '年货节安康富硒产品展销', date: '2026.01.20', amount: 260.5 },
  { category: '活动组织', title: '武进—安康产业合作对接会', date: '2026.05.22', quantity: 3, quantityUnit: '场' },
  { category: '调研报告', title: '《长三角产业转移与安康承接路径》调研报告', date: '2026.06.30', quantity: 1, quantityUnit: '篇' },
];

const STEPS: Record<string, WorkflowAction[]> = { 草稿: [], 已提交: ['submit'], 已审核: ['submit', 'review'], 已归档: ['submit', 'review', 'archive'] };

export interface PostingSetup {
  input: CadreInput;
  batchId?: number;
  hostUnit?: string;
  hostPost?: string;
  /** 原单位及职务 of the posting; the cadre file's 工作单位 and 现任职务 when left out. */
  original?: { unit: string; post: string };
  /** 期满考核: left out when null. */
  term?: { selfSummary: string; votes?: VoteCounts; state?: string } | null;
  annual?: { year: number; grade: '优秀' | '称职' | '基本称职'; state: string }[];
  results?: Omit<WorkResultInput, 'postingId'>[];
  leave?: { startDate: string; endDate: string }[];
}

/** Saves the cadre and a posting 2025.12.01–2026.11.30 (in the batch when given) with its records. */
export async function postingWithRecords(s: AppServices, setup: PostingSetup): Promise<{ cadreId: number; postingId: number; idNumber: string }> {
  const cadre = await s.cadres.save(testCtx, CadreInputSchema.parse(setup.input));
  const hostUnit = setup.hostUnit ?? '常州市武进区商务局';
  const hostPost = setup.hostPost ?? '副局长（挂职）';
  let postingId: number;
  if (setup.batchId && setup.original) {
    const { unit: originalUnit, post: originalPost } = setup.original;
    const batchId = setup.batchId;
    const added = await s.db.write((m) => s.batches.addMembersWith(m, testCtx, batchId, [{ cadreId: cadre.id, status: '在岗', hostUnit, hostPost, originalUnit, originalPost }]));
    postingId = added.added[0].postingId;
  } else if (setup.batchId) {
    const added = await s.batches.addMembers(testCtx, { batchId: setup.batchId, cadreIds: [cadre.id], defaults: { status: '在岗', hostUnit, hostPost } });
    postingId = added.added[0].postingId;
  } else {
    postingId = (
      await s.postings.save(testCtx, {
        cadreId: cadre.id,
        direction: '派出',
        hostUnit,
        hostPost,
        originalUnit: setup.original?.unit ?? setup.input.workUnit ?? '',
        originalPost: setup.original?.post ?? setup.input.currentPosition ?? '',
        startDate: '2025.12.01',
        plannedEndDate: '2026.11.30',
        status: '在岗',
      })
    ).id;
  }
  const run = async (id: number, state: string) => {
    for (const action of STEPS[state] ?? []) await s.assessments.transition(testCtx, { id, action });
  };
  for (const a of setup.annual ?? []) {
    const r = await s.assessments.save(testCtx, 'annual', { postingId, year: a.year, grade: a.grade, comments: '' });
    await run(r.id, a.state);
  }
  if (setup.term) {
    const r = await s.assessments.save(testCtx, 'term', {
      postingId,
      assessmentDate: '2026.11.20',
      selfSummary: setup.term.selfSummary,
      votes: setup.term.votes ?? VOTES,
      hostOpinion: '该同志政治立场坚定，工作认真负责，挂职期间表现优秀，同意鉴定为优秀。',
      dispatchOpinion: '同意挂职单位鉴定意见。',
      orgOpinion: '经研究，期满考核确定为优秀等次。',
      finalGrade: '优秀',
    });
    await run(r.id, setup.term.state ?? '已审核');
  }
  for (const r of setup.results ?? []) await s.ledger.save(testCtx, { ...r, postingId });
  for (const l of setup.leave ?? []) await s.leave.save(testCtx, { postingId, leaveType: '事假', ...l, approvedBy: '工作组组长' });
  return { cadreId: cadre.id, postingId, idNumber: CadreInputSchema.parse(setup.input).idNumber };
}
