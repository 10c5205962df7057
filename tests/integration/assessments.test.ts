import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchInput } from '../../shared/batch';
import { createHandlers } from '../../electron/api/handlers';
import { dispatch } from '../../electron/api/dispatch';
import { demoCadres } from '../../electron/demo/demoCadres';
import type { AppServices } from '../../electron/services/AppServices';
import { refusal, saveDemoCadres } from '../helpers/refusal';
import { tempServices, testCtx } from '../helpers/tempServices';

let s: AppServices;
let cleanup: () => Promise<void>;
/** Cadre ids in demoCadres() order; each file's 年度考核结果 reads “2023年、2024年年度考核均为称职，2025年年度考核优秀”. */
let ids: number[];
let batchId: number;
/** Postings in the batch (2025.12.01–2026.11.30, 在岗) of ids[0..2]. */
let postings: number[];

const batch: BatchInput = {
  name: '安康市第7批赴常州挂职干部',
  type: '东西部协作/对口支援',
  direction: '派出',
  startDate: '2025.12.01',
  endDate: '2026.11.30',
};

beforeEach(async () => {
  ({ s, cleanup } = await tempServices());
  ids = await saveDemoCadres(s, 4);
  batchId = (await s.batches.save(testCtx, batch)).id;
  const added = await s.batches.addMembers(testCtx, { batchId, cadreIds: ids.slice(0, 3), defaults: { status: '在岗', hostUnit: '常州市武进区商务局' } });
  postings = ids.slice(0, 3).map((id) => added.added.find((a) => a.cadreId === id)!.postingId);
  await s.batches.saveThemes(testCtx, {
    batchId,
    themes: [
      { period: '第一季度', theme: '融入' },
      { period: '第二季度', theme: '务实' },
      { period: '第三季度', theme: '见效' },
      { period: '第四季度', theme: '赓续' },
    ],
  });
});
afterEach(() => cleanup());

describe('records of a posting', () => {
  it('saves every kind and returns them grouped in one call, quarterly themes from the batch', async () => {
    const p = postings[0];
    await s.assessments.save(testCtx, 'monthly', { postingId: p, month: '2025.12', content: '熟悉岗位，走访企业12家', hostComment: '融入快' });
    await s.assessments.save(testCtx, 'monthly', { postingId: p, month: '2026.01', content: '牵头筹备招商推介会' });
    await s.assessments.save(testCtx, 'quarterly', { postingId: p, quarter: 2, selfSummary: '务实推进', grade: '好', score: 92 });
    await s.assessments.save(testCtx, 'talk', { postingId: p, date: '2026.02.10', talker: '周立群（政治辅导员）', content: '谈思想和工作', followUp: '协调住宿' });
    await s.assessments.save(testCtx, 'annual', { postingId: p, year: 2026, grade: '优秀', comments: '表现突出' });
    await s.assessments.save(testCtx, 'term', {
      postingId: p,
      votes: { excellent: 30, competent: 12, basic: 2, incompetent: 0, abstain: 1 },
      hostOpinion: '同意鉴定为优秀',
      finalGrade: '优秀',
    });
    await s.assessments.save(testCtx, 'note', { postingId: p, date: '2026.03.02', source: '挂职单位同事', content: '工作扎实' });

    const page = await s.assessments.listByPosting(p);
    expect(page.posting).toMatchObject({ id: p, cadreId: ids[0], cadreName: '李明远', batchName: batch.name, status: '在岗' });
    expect(page.themes.map((t) => t.theme)).toEqual(['融入', '务实', '见效', '赓续']);
    expect(page.monthly.map((r) => r.month)).toEqual(['2026.01', '2025.12']);
    expect(page.quarterly).toHaveLength(1);
    expect(page.quarterly[0]).toMatchObject({ quarter: 2, theme: '务实', grade: '好', score: 92, periodStart: '2026.03.01', periodEnd: '2026.05.31' });
    expect(page.quarterly[0].workflow).toMatchObject({ state: '草稿', editable: true, actions: ['submit'] });
    expect(page.talks[0]).toMatchObject({ talker: '周立群（政治辅导员）', followUp: '协调住宿' });
    expect(page.annual[0]).toMatchObject({ year: 2026, grade: '优秀', comments: '表现突出' });
    expect(page.term!.rates.total).toBe(45);
    expect(page.term!.rates.excellentRate).toBeCloseTo(30 / 45, 12);
    expect(page.term!.rates.competentOrBetterRate).toBeCloseTo(42 / 45, 12);
    expect(page.notes[0]).toMatchObject({ source: '挂职单位同事' });
    // Another posting's page is empty.
    expect((await s.assessments.listByPosting(postings[1])).monthly).toEqual([]);
  });

  it('refuses a second record for the same month, quarter, year or term, and records outside the posting', async () => {
    const p = postings[0];
    await s.assessments.save(testCtx, 'monthly', { postingId: p, month: '2026.03', content: 'x' });
    expect((await refusal(s.assessments.save(testCtx, 'monthly', { postingId: p, month: '2026.03', content: 'y' }))).message).toBe(
      '月份：2026.03 已有月度工作汇报，请在原记录上修改',
    );
    expect((await refusal(s.assessments.save(testCtx, 'monthly', { postingId: p, month: '2026.12', content: 'y' }))).message).toContain(
      '月份：2026.12 不在挂职期间（挂职期间为 2025.12.01—2026.11.30）',
    );
    expect((await refusal(s.assessments.save(testCtx, 'quarterly', { postingId: p, quarter: 5 }))).message).toContain('季度：第五季度（自 2026.12.01 起）不在挂职期间');
    expect((await refusal(s.assessments.save(testCtx, 'annual', { postingId: p, year: 2024, grade: '称职' }))).message).toContain('年度：2024年不在挂职期间');
    expect((await refusal(s.assessments.save(testCtx, 'talk', { postingId: p, date: '2025.11.30', talker: 'a', content: 'b' }))).message).toContain(
      '日期：2025.11.30 不在挂职期间',
    );
    await s.assessments.save(testCtx, 'term', { postingId: p });
    expect((await refusal(s.assessments.save(testCtx, 'term', { postingId: p }))).message).toBe('期满考核已有记录，请在原记录上修改');
    expect((await refusal(s.assessments.save(testCtx, 'annual', { postingId: p, year: 2026, grade: '不确定等次' }))).message).toBe(
      '不确定等次原因：“不确定等次”须填写原因',
    );
    expect((await refusal(s.assessments.save(testCtx, 'quarterly', { postingId: p, quarter: 1, grade: '优秀' }))).message).toContain('等次：应为好、较好、一般、较差之一');
    const page = await s.assessments.listByPosting(p);
    expect(page.monthly).toHaveLength(1);
    expect(page.annual).toEqual([]);
  });

  it('refuses records for a planned posting', async () => {
    const planned = await s.postings.save(testCtx, { cadreId: ids[3], direction: '派出', hostUnit: '宁陕县信访局', startDate: '2026.12.01', plannedEndDate: '2027.11.30' });
    const err = await refusal(s.assessments.save(testCtx, 'monthly', { postingId: planned.id, month: '2026.12', content: 'x' }));
    expect(err).toMatchObject({ code: 'CONFLICT' });
    expect(err.message).toContain('尚未开始（状态“拟派”），不能登记月度工作汇报');
  });

  it('keeps plain records editable and deletable, with an audit trail', async () => {
    const talk = await s.assessments.save(testCtx, 'talk', { postingId: postings[0], date: '2026.02.10', talker: '王组长', content: '谈心' });
    const edited = await s.assessments.save(testCtx, 'talk', { postingId: postings[0], date: '2026.02.10', talker: '王组长', content: '谈心，提醒注意身体' }, talk.id);
    expect(edited).toMatchObject({ id: talk.id, content: '谈心，提醒注意身体' });
    const { audit, steps } = await s.assessments.history(talk.id);
    expect(steps).toEqual([]);
    expect(audit.map((a) => a.action)).toEqual(['修改', '新建']);
    expect(audit[0].changes.content).toEqual(['谈心', '谈心，提醒注意身体']);
    await s.assessments.remove(testCtx, talk.id);
    expect((await s.assessments.listByPosting(postings[0])).talks).toEqual([]);
  });
});

describe('the submit-and-lock workflow', () => {
  it('refuses edits after submit, needs a reason to reopen, and keeps the state history', async () => {
    const a = await s.assessments.save(testCtx, 'annual', { postingId: postings[0], year: 2026, grade: '称职' });
    expect(a.workflow.steps.map((x) => [x.action, x.from, x.to])).toEqual([['create', null, '草稿']]);
    const submitted = await s.assessments.transition(testCtx, { id: a.id, action: 'submit' });
    expect(submitted.workflow).toMatchObject({ state: '已提交', editable: false, actions: ['review', 'reopen'] });

    const edit = await refusal(s.assessments.save(testCtx, 'annual', { postingId: postings[0], year: 2026, grade: '优秀' }, a.id));
    expect(edit).toEqual({ code: 'CONFLICT', message: '已提交的记录不能修改：请先退回为草稿（需填写原因）' });
    expect((await refusal(s.assessments.remove(testCtx, a.id))).message).toBe('已提交的记录不能修改：请先退回为草稿（需填写原因）');
    expect((await refusal(s.assessments.transition(testCtx, { id: a.id, action: 'archive' }))).message).toBe(
      '不能从“已提交”改为“已归档”：“已提交”的记录只能审核（改为“已审核”）或退回为草稿（改为“草稿”）',
    );
    expect(await refusal(s.assessments.transition(testCtx, { id: a.id, action: 'reopen' }))).toEqual({
      code: 'VALIDATION',
      message: '原因：从“已提交”退回为“草稿”须填写原因',
    });
    expect(await s.assessments.get(a.id)).toMatchObject({ grade: '称职', workflow: { state: '已提交' } });

    await s.assessments.transition(testCtx, { id: a.id, action: 'reopen', reason: '等次录入有误' });
    const fixed = await s.assessments.save(testCtx, 'annual', { postingId: postings[0], year: 2026, grade: '优秀' }, a.id);
    expect(fixed).toMatchObject({ grade: '优秀', workflow: { state: '草稿', editable: true } });
    const { steps, audit } = await s.assessments.history(a.id);
    expect(steps.map((x) => [x.action, x.from, x.to, x.reason, x.actor])).toEqual([
      ['create', null, '草稿', '', '测试员'],
      ['submit', '草稿', '已提交', '', '测试员'],
      ['reopen', '已提交', '草稿', '等次录入有误', '测试员'],
    ]);
    expect(audit.map((x) => x.action)).toEqual(['修改', '退回为草稿', '提交', '新建']);
    expect(audit[1]).toMatchObject({ changes: { state: ['已提交', '草稿'] }, note: '年度考核（2026年）：等次录入有误' });
  });

  it('never changes an archived record: no edit, no delete, no reopen', async () => {
    const q = await s.assessments.save(testCtx, 'quarterly', { postingId: postings[1], quarter: 1, selfSummary: '融入', grade: '较好' });
    for (const action of ['submit', 'review', 'archive'] as const) await s.assessments.transition(testCtx, { id: q.id, action });
    expect((await s.assessments.get(q.id)).kind === 'quarterly' && (await s.assessments.get(q.id))).toMatchObject({ workflow: { state: '已归档', actions: [] } });
    expect(await refusal(s.assessments.save(testCtx, 'quarterly', { postingId: postings[1], quarter: 1, selfSummary: '改', grade: '好' }, q.id))).toEqual({
      code: 'CONFLICT',
      message: '已归档的记录不能修改',
    });
    expect((await refusal(s.assessments.remove(testCtx, q.id))).message).toBe('已归档的记录不能修改');
    expect((await refusal(s.assessments.transition(testCtx, { id: q.id, action: 'reopen', reason: '更正' }))).message).toBe(
      '不能从“已归档”改为“草稿”：已归档的记录不能再改变',
    );
    const after = await s.assessments.get(q.id);
    expect(after).toMatchObject({ selfSummary: '融入', grade: '较好' });
    // A posting with records cannot be deleted (the archived record would go with it).
    const del = await refusal(s.postings.remove(testCtx, postings[1]));
    expect(del.message).toContain('这段挂职已有考核记录 1 条');
    expect((await s.postings.get(postings[1])).id).toBe(postings[1]);
  });

  it('refuses the workflow on plain records', async () => {
    const m = await s.assessments.save(testCtx, 'monthly', { postingId: postings[0], month: '2026.01', content: 'x' });
    expect((await refusal(s.assessments.transition(testCtx, { id: m.id, action: 'submit' }))).message).toBe('月度工作汇报不需要提交审核，可直接修改');
  });

  it('never rewrites the 年度考核结果 the clerk typed: a reviewed grade becomes a proposal, accepted with an audit entry', async () => {
    const before = (await s.cadres.get(ids[0])).annualAssessment;
    expect(before).toBe('2023年、2024年年度考核均为称职，2025年年度考核优秀');
    const a = await s.assessments.save(testCtx, 'annual', { postingId: postings[0], year: 2026, grade: '优秀' });
    const submitted = await s.assessments.transition(testCtx, { id: a.id, action: 'submit' });
    expect(submitted).toMatchObject({ proposal: null, annualTextNote: '', warnings: [] });
    const reviewed = await s.assessments.transition(testCtx, { id: a.id, action: 'review' });
    // The typed text is left as it is; the proposal keeps its wording and adds the year.
    const proposed = '2023年、2024年年度考核均为称职，2025年年度考核优秀；2026年年度考核优秀';
    expect(reviewed.proposal).toEqual({ recordId: a.id, cadreId: ids[0], cadreName: '李明远', year: 2026, grade: '优秀', current: before, proposed });
    expect(reviewed.annualTextNote).toBe('');
    expect((await s.cadres.get(ids[0])).annualAssessment).toBe(before);
    expect((await s.cadres.history(ids[0])).filter((h) => h.changes.annualAssessment).map((h) => h.action)).toEqual(['新建']);
    // Readable on the records tab until it is accepted.
    expect(await s.assessments.annualProposals(postings[0])).toEqual([reviewed.proposal]);
    // Archiving does not write it either: the proposal left open is offered again.
    expect((await s.assessments.transition(testCtx, { id: a.id, action: 'archive' })).proposal).toEqual(reviewed.proposal);
    expect((await s.cadres.get(ids[0])).annualAssessment).toBe(before);

    // Accepting writes it, audited on the file and on the record; a text changed since is not overwritten.
    expect(await refusal(s.assessments.acceptAnnualProposal(testCtx, { recordId: a.id, current: '2025年年度考核优秀' }))).toEqual({
      code: 'CONFLICT',
      message: '档案中的年度考核结果刚被修改过：请关闭后重新查看建议',
    });
    const accepted = await s.assessments.acceptAnnualProposal(testCtx, { recordId: a.id, current: before });
    expect(accepted.proposed).toBe(proposed);
    expect((await s.cadres.get(ids[0])).annualAssessment).toBe(proposed);
    const cadreHistory = await s.cadres.history(ids[0]);
    expect(cadreHistory[0]).toMatchObject({ action: '采用2026年度考核结果建议', actor: '测试员' });
    expect(cadreHistory[0].changes.annualAssessment).toEqual([before, proposed]);
    expect((await s.assessments.history(a.id)).audit[0]).toMatchObject({
      action: '采用年度考核结果建议',
      note: '年度考核（2026年）：李明远档案中的年度考核结果按建议更新',
      changes: { annualAssessment: [before, proposed] },
    });
    expect(await s.assessments.annualProposals(postings[0])).toEqual([]);
    expect((await refusal(s.assessments.acceptAnnualProposal(testCtx, { recordId: a.id, current: proposed }))).message).toContain('无需更新');
    // Another cadre's file is untouched.
    expect((await s.cadres.get(ids[1])).annualAssessment).toBe(before);
  });

  it('fills an empty 年度考核结果 and keeps the text it wrote itself in step, saying so; the clerk’s edit stops that', async () => {
    const cadre = await s.cadres.get(ids[1]);
    const { id: _id, createdAt: _c, updatedAt: _u, deletedAt: _d, hasPhoto: _h, nameInitials: _i, namePinyin: _p, sortKey: _s, ...data } = cadre as never as Record<string, unknown>;
    await s.cadres.save(testCtx, { ...data, annualAssessment: '' } as never, ids[1]);
    const b = await s.assessments.save(testCtx, 'annual', { postingId: postings[1], year: 2026, grade: '基本称职' });
    await s.assessments.transition(testCtx, { id: b.id, action: 'submit' });
    const reviewed = await s.assessments.transition(testCtx, { id: b.id, action: 'review' });
    expect(reviewed.proposal).toBeNull();
    expect(reviewed.annualTextNote).toBe('已更新刘思源档案中的年度考核结果（原为空），现为“2026年年度考核基本称职”');
    expect((await s.cadres.get(ids[1])).annualAssessment).toBe('2026年年度考核基本称职');
    expect((await s.cadres.history(ids[1]))[0]).toMatchObject({ action: '按2026年度考核更新年度考核结果' });
    expect((await s.assessments.history(b.id)).audit[0].note).toBe(`年度考核（2026年）：${reviewed.annualTextNote}`);

    // Reopened: the text the app wrote is taken back, and it says so.
    const reopened = await s.assessments.transition(testCtx, { id: b.id, action: 'reopen', reason: '测评结果待复核' });
    expect(reopened.annualTextNote).toBe('已更新刘思源档案中的年度考核结果（原内容由系统按考核记录生成），现为“（空）”');
    expect((await s.cadres.get(ids[1])).annualAssessment).toBe('');

    // Reviewed again after the clerk typed her own text: a proposal, nothing written.
    await s.assessments.transition(testCtx, { id: b.id, action: 'submit' });
    await s.assessments.transition(testCtx, { id: b.id, action: 'review' });
    const typed = '2026年度考核结果待定';
    await s.cadres.save(testCtx, { ...data, annualAssessment: typed } as never, ids[1]);
    await s.assessments.transition(testCtx, { id: b.id, action: 'reopen', reason: '再次复核' });
    expect((await s.cadres.get(ids[1])).annualAssessment).toBe(typed);
    await s.assessments.transition(testCtx, { id: b.id, action: 'submit' });
    const again = await s.assessments.transition(testCtx, { id: b.id, action: 'review' });
    expect(again.proposal).toMatchObject({ current: typed, proposed: `${typed}；2026年年度考核基本称职` });
    expect((await s.cadres.get(ids[1])).annualAssessment).toBe(typed);
  });

  it('answers refusals through the channels as CONFLICT with the Chinese message (as the screens see them)', async () => {
    const h = createHandlers(s);
    const ctx = { ...testCtx, mode: 'browser' as const };
    const saved = await dispatch(h, 'record:saveAnnual', { data: { postingId: postings[2], year: 2026, grade: '称职' } }, ctx);
    expect(saved.ok).toBe(true);
    const id = (saved as { ok: true; result: { id: number } }).result.id;
    expect((await dispatch(h, 'record:transition', { id, action: 'submit' }, ctx)).ok).toBe(true);
    expect(await dispatch(h, 'record:saveAnnual', { id, data: { postingId: postings[2], year: 2026, grade: '优秀' } }, ctx)).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '已提交的记录不能修改：请先退回为草稿（需填写原因）' },
    });
    expect(await dispatch(h, 'record:saveAnnual', { data: { postingId: postings[2], year: 2026, grade: '特等' } }, ctx)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: '等次：应为优秀、称职、基本称职、不称职、不确定等次之一' },
    });
    expect(await dispatch(h, 'record:transition', { id, action: 'publish' }, ctx)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const history = await dispatch(h, 'record:history', { id }, ctx);
    expect(history).toMatchObject({ ok: true, result: { steps: [{ to: '草稿' }, { to: '已提交' }] } });
  });
});

describe('the batch overview of assessment completion', () => {
  it('lists who lacks an annual or end-of-term assessment, with the states and rates of the others', async () => {
    const [p0, p1, p2] = postings;
    const a0 = await s.assessments.save(testCtx, 'annual', { postingId: p0, year: 2026, grade: '优秀' });
    await s.assessments.transition(testCtx, { id: a0.id, action: 'submit' });
    await s.assessments.transition(testCtx, { id: a0.id, action: 'review' });
    await s.assessments.save(testCtx, 'annual', { postingId: p1, year: 2026, grade: '称职' });
    await s.assessments.save(testCtx, 'annual', { postingId: p2, year: 2025, grade: '称职' });
    const t0 = await s.assessments.save(testCtx, 'term', { postingId: p0, votes: { excellent: 8, competent: 2 }, finalGrade: '优秀' });
    await s.assessments.transition(testCtx, { id: t0.id, action: 'submit' });
    await s.assessments.save(testCtx, 'quarterly', { postingId: p0, quarter: 1 });
    await s.assessments.save(testCtx, 'quarterly', { postingId: p0, quarter: 2 });

    // Before the end of the term: nobody's 期满考核 is due yet.
    const during = await s.assessments.batchCompletion({ batchId, today: '2026.10.15' });
    expect(during.year).toBe(2026);
    expect(during.counts).toMatchObject({ members: 3, annualMissing: 1, annualPending: 1, annualDone: 1, termDue: 0 });
    const byName = new Map(during.rows.map((r) => [r.name, r]));
    expect(byName.get('李明远')).toMatchObject({ annual: { grade: '优秀', state: '已审核' }, term: { grade: '优秀', state: '已提交' }, quarterlyCount: 2, quartersElapsed: 4 });
    expect(byName.get('李明远')!.term!.rates.excellentRate).toBeCloseTo(0.8, 12);
    expect(byName.get('刘思源')).toMatchObject({ annual: { grade: '称职', state: '草稿' }, term: null });
    expect(byName.get('卢佳宁')).toMatchObject({ annual: null, annualExpected: true });

    // After the planned end the term is due for everyone; the year defaults to the batch's last year.
    const after = await s.assessments.batchCompletion({ batchId, today: '2027.01.10' });
    expect(after.year).toBe(2026);
    expect(after.counts).toMatchObject({ termDue: 3, termMissing: 2, termPending: 1, termDone: 0 });
    const y2025 = await s.assessments.batchCompletion({ batchId, year: 2025, today: '2027.01.10' });
    expect(y2025.counts).toMatchObject({ annualMissing: 2, annualPending: 1, annualDone: 0 });
  });
});

describe('erasing a cadre file for good', () => {
  it('takes the posting’s records and their history along', async () => {
    const a = await s.assessments.save(testCtx, 'annual', { postingId: postings[2], year: 2026, grade: '称职' });
    await s.assessments.transition(testCtx, { id: a.id, action: 'submit' });
    await s.cadres.remove(testCtx, ids[2]);
    await s.cadres.purge(testCtx, ids[2]);
    const [{ n }] = await s.db.manager.query(`SELECT COUNT(*) AS n FROM assessment_record`);
    const [{ steps }] = await s.db.manager.query(`SELECT COUNT(*) AS steps FROM workflow_step`);
    expect([Number(n), Number(steps)]).toEqual([0, 0]);
  });
});
