import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadDemo } from '../../electron/demo/loadDemo';
import type { AppServices } from '../../electron/services/AppServices';
import { GROWTH_RATERS, type GrowthTemplate } from '../../shared/growth';
import { termEndOpensOn, termEndRefusal } from '../../shared/termRules';
import { stageSheet } from '../helpers/growthFixtures';
import { refusal, saveDemoCadres } from '../helpers/refusal';
import { tempServices, testCtx } from '../helpers/tempServices';

/**
 * The rules of the term (shared/termRules.ts) as both services apply them, on the computer's clock (faked here):
 * nothing for a period not yet begun, term-end records only at the end of the term, a warning when a term-end
 * record is submitted while earlier records are still drafts.
 */
let s: AppServices;
let cleanup: () => Promise<void>;
/** 2026.03.01–2027.02.28, 在岗: on 2026.11.29 its fourth quarter (from 2026.12.01) has not begun, its term ends in three months. */
let running: number;
/** 2025.06.01–2026.05.31, recalled on 2026.04.30. */
let recalled: number;
let v1: GrowthTemplate;

const setToday = (day: string) => vi.setSystemTime(new Date(`${day.replace(/\./g, '-')}T10:00:00`));

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  setToday('2026.11.29');
  ({ s, cleanup } = await tempServices());
  const [a, b] = await saveDemoCadres(s, 2);
  const posting = (cadreId: number, startDate: string, plannedEndDate: string) =>
    s.postings.save(testCtx, { cadreId, direction: '派出', hostUnit: '汉阴县招商服务中心', hostPost: '副主任（挂职）', startDate, plannedEndDate, status: '在岗' });
  running = (await posting(a, '2026.03.01', '2027.02.28')).id;
  recalled = (await posting(b, '2025.06.01', '2026.05.31')).id;
  await s.postings.changeStatus(testCtx, { id: recalled, to: '提前结束（召回）', date: '2026.04.30', reason: '原单位工作需要，经研究提前召回' });
  v1 = await s.growthTemplates.active();
});
afterEach(async () => {
  await cleanup();
  vi.useRealTimers();
});

describe('考核记录 on the computer’s date', () => {
  it('refuses a month, year, quarter or day that has not begun, naming the field and today', async () => {
    const save = (kind: 'monthly' | 'quarterly' | 'annual' | 'talk' | 'note', data: Record<string, unknown>) =>
      s.assessments.save(testCtx, kind, { postingId: running, ...data } as never);
    expect(await refusal(save('monthly', { month: '2027.01', content: '提前写好的汇报' }))).toEqual({
      code: 'VALIDATION',
      message: '月份：2027.01 尚未开始（今天是 2026.11.29），不能提前登记',
    });
    expect((await refusal(save('monthly', { month: '2026.12', content: '下个月' }))).message).toBe('月份：2026.12 尚未开始（今天是 2026.11.29），不能提前登记');
    expect((await save('monthly', { month: '2026.11', content: '本月走访企业8家' })).kind).toBe('monthly');

    expect((await refusal(save('annual', { year: 2027, grade: '优秀' }))).message).toBe('年度：2027年尚未开始（今天是 2026.11.29），不能提前登记');
    expect((await save('annual', { year: 2026, grade: '称职' })).kind).toBe('annual');

    expect((await refusal(save('quarterly', { quarter: 4 }))).message).toBe('季度：第四季度自 2026.12.01 起，尚未开始（今天是 2026.11.29），不能提前登记');
    expect((await save('quarterly', { quarter: 3 })).kind).toBe('quarterly');

    expect((await refusal(save('talk', { date: '2026.11.30', talker: '周立群（政治辅导员）', content: '谈心' }))).message).toBe(
      '日期：2026.11.30 晚于今天（2026.11.29），不能预先登记',
    );
    expect((await refusal(save('note', { date: '2026.12.01', source: '挂职单位同事', content: '好' }))).message).toBe('日期：2026.12.01 晚于今天（2026.11.29），不能预先登记');
    expect((await save('talk', { date: '2026.11.29', talker: '周立群（政治辅导员）', content: '谈心' })).kind).toBe('talk');

    // The next day the month has begun.
    setToday('2026.12.01');
    expect((await save('monthly', { month: '2026.12', content: '月初报到' })).kind).toBe('monthly');
    expect((await save('quarterly', { quarter: 4 })).kind).toBe('quarterly');
  });

  it('takes a 期满考核 only within 30 days of the end of the term or once the posting has ended', async () => {
    const term = (postingId: number, extra: Record<string, unknown> = {}) => s.assessments.save(testCtx, 'term', { postingId, votes: { excellent: 20, competent: 5 }, finalGrade: '优秀', ...extra });
    expect(await refusal(term(running))).toEqual({
      code: 'CONFLICT',
      message: '期满考核：挂职计划于 2027.02.28 结束，自 2027.01.29 起（期满前30天内）或挂职结束后才能登记',
    });
    // A recalled posting has ended: its 期满考核 may be made, but not dated after today.
    expect((await refusal(term(recalled, { assessmentDate: '2026.12.10' }))).message).toBe('考核日期：2026.12.10 晚于今天（2026.11.29），不能预先登记');
    expect((await term(recalled, { assessmentDate: '2026.05.20' })).kind).toBe('term');

    setToday('2027.01.28');
    expect((await refusal(term(running))).message).toContain('自 2027.01.29 起');
    setToday('2027.01.29');
    const t = await term(running, { assessmentDate: '2027.01.29' });
    expect(t).toMatchObject({ kind: 'term', assessmentDate: '2027.01.29' });
  });

  it('warns, without refusing, when a 期满考核 is submitted while quarterly or annual records are still drafts', async () => {
    setToday('2027.02.10');
    const q3 = await s.assessments.save(testCtx, 'quarterly', { postingId: running, quarter: 3 });
    await s.assessments.save(testCtx, 'quarterly', { postingId: running, quarter: 4 });
    await s.assessments.save(testCtx, 'annual', { postingId: running, year: 2026, grade: '优秀' });
    for (const action of ['submit', 'review'] as const) await s.assessments.transition(testCtx, { id: q3.id, action });
    const t = await s.assessments.save(testCtx, 'term', { postingId: running, finalGrade: '优秀' });
    const submitted = await s.assessments.transition(testCtx, { id: t.id, action: 'submit' });
    expect(submitted.workflow.state).toBe('已提交');
    expect(submitted.warnings).toEqual(['季度小结/考核（第四季度）仍为草稿，请尽快提交审核', '年度考核（2026年）仍为草稿，请尽快提交审核']);
    // Other steps carry no warning.
    expect((await s.assessments.transition(testCtx, { id: t.id, action: 'review' })).warnings).toEqual([]);
  });

  it('refuses to move a 期满考核 made too early (an earlier version allowed it) until the end of the term', async () => {
    setToday('2027.02.01');
    const t = await s.assessments.save(testCtx, 'term', { postingId: running, finalGrade: '称职' });
    setToday('2026.12.20');
    expect(await refusal(s.assessments.transition(testCtx, { id: t.id, action: 'submit' }))).toEqual({
      code: 'CONFLICT',
      message: '期满考核：挂职计划于 2027.02.28 结束，自 2027.01.29 起（期满前30天内）或挂职结束后才能提交',
    });
    expect((await s.assessments.get(t.id)).kind === 'term' && (await s.assessments.history(t.id)).steps.map((x) => x.action)).toEqual(['create']);
  });
});

describe('成长评价 on the computer’s date', () => {
  const create = (period: string, extra: Record<string, unknown> = {}) => s.growth.save(testCtx, { postingId: running, period, ...extra });
  const scoreAll = async (id: number) => {
    for (const rater of GROWTH_RATERS) await s.growth.saveRater(testCtx, { evaluationId: id, rater, scores: stageSheet(v1, [80, 70, 60, 50]) });
  };

  it('refuses a quarter not yet begun, a milestone after today and 期满 before the end of the term', async () => {
    expect(await refusal(create('第四季度'))).toEqual({ code: 'VALIDATION', message: '时段：第四季度自 2026.12.01 起，尚未开始（今天是 2026.11.29），不能提前评价' });
    expect((await create('第三季度')).period).toBe('第三季度');
    expect((await refusal(create('挂职满九个月', { milestoneDate: '2026.12.05' }))).message).toBe('节点日期：2026.12.05 晚于今天（2026.11.29），不能预先登记');
    expect((await create('挂职满八个月', { milestoneDate: '2026.11.01' })).periodKind).toBe('milestone');
    expect(await refusal(create('期满'))).toEqual({
      code: 'CONFLICT',
      message: '期满成长评价：挂职计划于 2027.02.28 结束，自 2027.01.29 起（期满前30天内）或挂职结束后才能登记',
    });
    // A posting that has ended takes its 期满 evaluation at once.
    expect((await s.growth.save(testCtx, { postingId: recalled, period: '期满' })).periodKind).toBe('term');
  });

  it('submitting 期满 warns about quarterly evaluations still in draft; one made too early cannot move before its time', async () => {
    setToday('2027.02.01');
    const q1 = await create('第一季度');
    const q2 = await create('第二季度');
    await scoreAll(q2.id);
    await s.growth.transition(testCtx, { id: q2.id, action: 'submit' });
    const term = await create('期满');
    await scoreAll(term.id);
    const submitted = await s.growth.transition(testCtx, { id: term.id, action: 'submit' });
    expect(submitted.state).toBe('已提交');
    expect(submitted.warnings).toEqual([`成长评价（${q1.period}）仍为草稿，请尽快提交审核`]);

    setToday('2026.12.15');
    expect((await refusal(s.growth.transition(testCtx, { id: term.id, action: 'review' }))).message).toBe(
      '期满成长评价：挂职计划于 2027.02.28 结束，自 2027.01.29 起（期满前30天内）或挂职结束后才能审核',
    );
    // 退回 stays possible.
    expect((await s.growth.transition(testCtx, { id: term.id, action: 'reopen', reason: '评价时间过早' })).state).toBe('草稿');
  });
});

describe('the shared rules', () => {
  it('names the end of the term and the first allowed day; an ended posting or one without an end date', () => {
    const p = { startDate: '2026.03.01', plannedEndDate: '2027.02.28', actualEndDate: '', status: '延期' as const };
    expect(termEndOpensOn(p)).toBe('2027.01.29');
    expect(termEndRefusal(p, '2027.01.29', '期满考核')).toBeNull();
    expect(termEndRefusal({ ...p, status: '期满' }, '2026.04.01', '期满考核')).toBeNull();
    expect(termEndRefusal({ ...p, plannedEndDate: '' }, '2026.04.01', '期满考核')).toBe('期满考核：这段挂职尚未确定结束日期，挂职结束（期满或提前结束）后才能登记');
  });
});

describe('the demo data under the rules', () => {
  for (const day of ['2026.11.29', '2027.03.15']) {
    it(`loads on ${day}: its 期满 records belong to postings at the end of their term`, async () => {
      setToday(day);
      await cleanup();
      ({ s, cleanup } = await tempServices());
      await loadDemo(s, testCtx);
      const terms: { posting_id: number }[] = await s.db.manager.query(`SELECT posting_id FROM growth_evaluation WHERE period = '期满' UNION SELECT posting_id FROM assessment_record WHERE kind = 'term'`);
      expect(terms.length).toBeGreaterThanOrEqual(2);
      for (const { posting_id } of terms) expect(termEndRefusal(await s.postings.get(Number(posting_id)), day, '期满')).toBeNull();
    });
  }
});
