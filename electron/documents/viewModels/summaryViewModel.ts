import type { AnnualAssessment, TermAssessment } from '../../../shared/assessment';
import type { Batch } from '../../../shared/batch';
import type { ResultCategory } from '../../../shared/codes/assessment';
import { conflict } from '../../../shared/errors';
import type { GrowthEvaluationSummary } from '../../../shared/growth';
import type { PostingOnPost } from '../../../shared/leave';
import type { CategoryTotal, ResultTotals } from '../../../shared/ledger';
import { formatPercent } from '../../../shared/onPost';
import { dayOf } from '../../../shared/validators/yearMonth';
import type { WorkflowInfo } from '../../../shared/workflow';
import type { AppServices } from '../../services/AppServices';
import { isDraftState } from '../draftMark';
import { breakBeforeNumbers, chineseDate, formatWan, formatWanFixed, gradeAsPrinted, wanDecimals, withUnit } from '../formatting';
import { noFigures, onPostOf, readBatchFigures, readPrintedMembers, type PrintedMember } from './batchDocumentData';
import { batchUnit, rosterTitle, unitAndPost } from './rosterViewModel';

/** The result categories with a column of their own (their amounts in 万元); the rest go together in 其他工作实绩. */
export const AMOUNT_COLUMNS: readonly { category: ResultCategory; header: string }[] = [
  { category: '招商引资', header: '签约资金\n（万元）' },
  { category: '消费帮扶', header: '消费帮扶\n（万元）' },
  { category: '项目建设', header: '项目投资\n（万元）' },
];

/** One member's line of the 工作实绩及考核汇总表, formatted as printed. */
export interface SummaryRowVm {
  index: number;
  name: string;
  /** 挂职单位及职务 */
  host: string;
  /** One line per year: `2026年度优秀` (a submitted grade marked 待审核). */
  annual: string[];
  termGrade: string;
  /** `352/365` and `96.4%` ('' while the posting has no days). */
  onPostDays: string;
  onPostRatio: string;
  /** The AMOUNT_COLUMNS' amounts in 万元 ('' when none), all at the table's one precision (`5500.0`, `260.5`). */
  amounts: string[];
  /** The other categories: `调研报告3篇`, `活动组织4场、1200人次` … */
  others: string[];
  /** `践行者（第四季度）`, `未评价`. */
  stage: string;
}

export interface SummaryViewModel {
  title: string;
  subtitle: string;
  madeOn: string;
  rows: SummaryRowVm[];
  /** 合计 of the amount columns, at the same precision as the rows. */
  totals: string[];
  /** 填报单位: the organisation department of the batch's side ('' when the batch does not name it). */
  unit: string;
  /**
   * Some grade or growth stage printed comes from a record not archived yet (a submitted grade, a reviewed one, the
   * latest evaluation still open): the table carries the 草稿 mark. Drafts' grades are not printed, so do not count.
   */
  draft: boolean;
}

/** A grade is printed by its workflow state (待审核 …), not its history. */
type Stated = { workflow: Pick<WorkflowInfo, 'state'> };

/** What is printed of each member (the services' full records fit too). */
export interface SummaryMemberSources {
  member: Pick<PrintedMember, 'name' | 'hostUnit' | 'hostPost' | 'isLeader'>;
  annual: readonly (Pick<AnnualAssessment, 'year' | 'grade'> & Stated)[];
  term: (Pick<TermAssessment, 'finalGrade'> & Stated) | null;
  onPost: Pick<PostingOnPost, 'onPostDays' | 'postingDays' | 'ratio'>;
  totals: ResultTotals;
  growth: readonly Pick<GrowthEvaluationSummary, 'period' | 'result' | 'state'>[];
}

/** `调研报告3篇`, `活动组织4场、1200人次`, `民生实事2项，投入资金35万元`: each number joined to its measure word. */
export function otherResultText(t: CategoryTotal): string {
  const counted = t.quantities.length ? t.quantities.map((q) => withUnit(formatWan(q.quantity), q.unit)).join('、') : withUnit(t.count, '项');
  return breakBeforeNumbers(`${t.category === '其他' ? '其他：' : t.category}${counted}${t.amount !== null ? `，${t.amountLabel}${withUnit(formatWan(t.amount), '万元')}` : ''}`);
}

/** The member's latest scored evaluation: the one whose stage the table prints. */
const latestScored = <E extends Pick<GrowthEvaluationSummary, 'result'>>(evaluations: readonly E[]): E | undefined =>
  [...evaluations].reverse().find((e) => e.result.scored);

/** The stage reached at the member's latest scored evaluation. */
export function stageText(evaluations: readonly Pick<GrowthEvaluationSummary, 'period' | 'result'>[]): string {
  const latest = latestScored(evaluations);
  return latest ? `${latest.result.reachedLabel}（${latest.period}）` : '未评价';
}

/** Whether a member's line prints a grade or stage from a record not archived yet (see SummaryViewModel.draft). */
function printsOpenRecords(src: SummaryMemberSources): boolean {
  const printed = (r: { grade: string; workflow: { state: string } }) => gradeAsPrinted(r.grade, r.workflow.state) !== '';
  if (src.annual.some((a) => printed(a) && isDraftState(a.workflow.state))) return true;
  if (src.term && printed({ grade: src.term.finalGrade, workflow: src.term.workflow }) && isDraftState(src.term.workflow.state)) return true;
  return isDraftState(latestScored(src.growth)?.state);
}


const sum = (xs: (number | null)[]) => xs.reduce<number | null>((a, x) => (x === null ? a : (a ?? 0) + x), null);

export function summaryViewModelOf(b: Batch, members: readonly SummaryMemberSources[], today: Date = new Date()): SummaryViewModel {
  const ordered = [...members].sort((x, y) => Number(y.member.isLeader) - Number(x.member.isLeader));
  const amountsOf = (t: ResultTotals) => AMOUNT_COLUMNS.map((c) => t.byCategory.find((x) => x.category === c.category)?.amount ?? null);
  const amounts = ordered.map((src) => amountsOf(src.totals));
  const totals = AMOUNT_COLUMNS.map((_, k) => sum(amounts.map((a) => a[k])));
  // One precision for all the money of the table: the fewest decimals that print every amount to the 元.
  const decimals = wanDecimals([...amounts.flat(), ...totals]);
  const money = (a: number | null) => (a === null ? '' : formatWanFixed(a, decimals));
  const rows: SummaryRowVm[] = ordered.map((src, i) => {
    const m = src.member;
    const annual = [...src.annual]
      .sort((a, c) => a.year - c.year)
      .map((a) => ({ year: a.year, grade: gradeAsPrinted(a.grade, a.workflow.state) }))
      .filter((a) => a.grade)
      .map((a) => `${a.year}年度${a.grade}`);
    return {
      index: i + 1,
      name: m.name,
      host: unitAndPost(m.hostUnit, m.hostPost),
      annual,
      termGrade: src.term ? gradeAsPrinted(src.term.finalGrade, src.term.workflow.state) : '',
      onPostDays: src.onPost.ratio === null ? '' : `${src.onPost.onPostDays}/${src.onPost.postingDays}`,
      onPostRatio: src.onPost.ratio === null ? '' : formatPercent(src.onPost.ratio),
      amounts: amounts[i].map(money),
      others: src.totals.byCategory.filter((t) => !AMOUNT_COLUMNS.some((c) => c.category === t.category)).map(otherResultText),
      stage: stageText(src.growth),
    };
  });
  const period = b.startDate || b.endDate ? `${b.startDate.slice(0, 7)}—${b.endDate.slice(0, 7)}` : '';
  const parts = [
    b.dispatchingOrg && `派出单位：${b.dispatchingOrg}`,
    b.receivingOrg && `接收单位：${b.receivingOrg}`,
    period && `挂职时间：${period}`,
    `共${rows.length}人`,
  ].filter(Boolean);
  const base = rosterTitle(b.name).replace(/花名册$/, '');
  return {
    title: `${base}工作实绩及考核汇总表`,
    subtitle: parts.join('　　'),
    madeOn: chineseDate(dayOf(today)),
    rows,
    totals: totals.map(money),
    unit: batchUnit(b),
    draft: ordered.some(printsOpenRecords),
  };
}

/**
 * Reads the batch (by id or name), its members and their records, leave, result totals and growth evaluations:
 * a handful of queries over the whole batch, whatever its size.
 */
export async function buildSummaryViewModel(s: AppServices, batchRef: string | number, today: Date = new Date()): Promise<SummaryViewModel> {
  const batch = await s.batches.resolve(batchRef);
  // One snapshot: a write landing between the queries cannot mix members and figures from two states.
  const [members, figures] = await s.db.read(async (m) => [await readPrintedMembers(m, batch), await readBatchFigures(s, m, batch.id)] as const);
  const live = members.filter((m) => !m.cadreDeleted);
  if (live.length === 0) throw conflict(`批次“${batch.name}”还没有成员，没有可打印的汇总表`);
  const day = dayOf(today);
  const sources = live.map((member): SummaryMemberSources => {
    const f = figures.get(member.postingId) ?? noFigures();
    return { member, annual: f.annual, term: f.term, onPost: onPostOf(member, f.leave, day), totals: f.totals, growth: f.growth };
  });
  return summaryViewModelOf(batch, sources, today);
}
