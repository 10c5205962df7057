import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GrowthTemplate } from '../../shared/growth';
import { createHandlers } from '../../electron/api/handlers';
import { dispatch } from '../../electron/api/dispatch';
import type { AppServices } from '../../electron/services/AppServices';
import { growthBatch, refusal, stageSheet } from '../helpers/growthFixtures';
import { tempServices, testCtx } from '../helpers/tempServices';
import { rawQuery } from '../helpers/testDb';

let s: AppServices;
let cleanup: () => Promise<void>;
let batchId: number;
let postings: number[];
let v1: GrowthTemplate;

beforeEach(async () => {
  ({ s, cleanup } = await tempServices());
  ({ batchId, postings } = await growthBatch(s, 3));
  v1 = await s.growthTemplates.active();
});
afterEach(() => cleanup());

const create = (postingId: number, period = '第一季度', extra: Record<string, unknown> = {}) =>
  s.growth.save(testCtx, { postingId, period, ...extra });
const rate = (evaluationId: number, rater: string, perStage: number[], extra: Record<string, unknown> = {}) =>
  s.growth.saveRater(testCtx, { evaluationId, rater, scores: stageSheet(v1, perStage), ...extra });

describe('an evaluation filled in by several raters', () => {
  it('pins the active template, scores two raters with renormalised weights, marks the missing ones', async () => {
    const e = await create(postings[0], '第一季度', { narratives: { 学习者: '主动学习，很快融入集体' }, selfSummary: '一季度以学习为主' });
    expect(e).toMatchObject({ period: '第一季度', periodKind: 'quarter', templateId: v1.id, templateVersion: 1, state: '草稿' });
    expect(e.result).toMatchObject({ scored: false, reachedLabel: '尚无完整评分' });
    expect(e.ratings.map((r) => [r.rater, r.status])).toEqual([
      ['本人', 'missing'],
      ['挂职单位', 'missing'],
      ['派出单位', 'missing'],
      ['组织部门', 'missing'],
    ]);

    await rate(e.id, '本人', [90, 80, 70, 60]);
    const two = await rate(e.id, '挂职单位', [84, 66, 54, 30], { comment: '工作积极', ratedBy: '蒋文涛', ratedOn: '2026.02.28' });
    // Weights 10 and 50 over 60: 学习者 (900 + 4200)/60 = 85; 参与者 4100/60 = 68.33; 践行者 3400/60 = 56.67; 传递者 2100/60 = 35
    expect(two.result.stageScores.map((x) => x.score)).toEqual([85, 68.33, 56.67, 35]);
    // (20·85 + 25·68.333 + 30·56.667 + 25·35)/100 = 59.83
    expect(two.result.total).toBe(59.83);
    expect(two.result).toMatchObject({ reached: '参与者', partial: true, missingRaters: ['派出单位', '组织部门'] });
    expect(two.ratings[1]).toMatchObject({ rater: '挂职单位', status: 'complete', comment: '工作积极', ratedBy: '蒋文涛', ratedOn: '2026.02.28' });
    expect(two.narratives.学习者).toBe('主动学习，很快融入集体');

    await rate(e.id, '派出单位', [60, 60, 60, 60]);
    const all = await rate(e.id, '组织部门', [60, 60, 60, 60]);
    // (10·s + 50·h + 20·60 + 20·60)/100: 75, 65, 58, 45; total (1500 + 1625 + 1740 + 1125)/100 = 59.9
    expect(all.result.stageScores.map((x) => x.score)).toEqual([75, 65, 58, 45]);
    expect(all.result).toMatchObject({ total: 59.9, reached: '参与者', partial: false, missingRaters: [] });

    const list = await s.growth.listByPosting(postings[0]);
    expect(list.map((x) => [x.period, x.result.total])).toEqual([['第一季度', 59.9]]);
  });

  it('an empty sheet takes the rater out; scores outside 0–100 or for unknown indicators are refused and change nothing', async () => {
    const e = await create(postings[0]);
    await rate(e.id, '挂职单位', [70, 70, 70, 70]);
    const tooHigh = await refusal(s.growth.saveRater(testCtx, { evaluationId: e.id, rater: '挂职单位', scores: { ...stageSheet(v1, [70, 70, 70, 70]), '1.1': 120 } }));
    expect(tooHigh.message).toBe('挂职单位评分：“理论学习”应为0到100分（当前为120）');
    const unknown = await refusal(s.growth.saveRater(testCtx, { evaluationId: e.id, rater: '本人', scores: { '9.9': 50 } }));
    expect(unknown.message).toBe('本人评分：模板第1版没有编号为“9.9”的指标');
    expect((await s.growth.get(e.id)).result.stageScores[0].score).toBe(70);

    const cleared = await s.growth.saveRater(testCtx, { evaluationId: e.id, rater: '挂职单位', scores: {} });
    expect(cleared.ratings[1].status).toBe('missing');
    expect(cleared.result.scored).toBe(false);
  });

  it('submit is refused while a rater is half done (naming the indicators), then walks the workflow', async () => {
    const e = await create(postings[0]);
    await rate(e.id, '挂职单位', [80, 70, 60, 50]);
    const some = stageSheet(v1, [80, 70, 60, 50]);
    delete some['3.3'];
    delete some['4.3'];
    await s.growth.saveRater(testCtx, { evaluationId: e.id, rater: '本人', scores: some });
    const half = await refusal(s.growth.transition(testCtx, { id: e.id, action: 'submit' }));
    expect(half.message).toBe('本人尚未评完（还差：工作实绩、传帮带）。可先保存草稿，评完后再提交');
    expect((await s.growth.get(e.id)).state).toBe('草稿');

    await rate(e.id, '本人', [80, 70, 60, 50]);
    const submitted = await s.growth.transition(testCtx, { id: e.id, action: 'submit' });
    expect(submitted.state).toBe('已提交');
    expect((await refusal(rate(e.id, '组织部门', [60, 60, 60, 60]))).message).toContain('已提交的记录不能修改');
    expect((await refusal(s.growth.transition(testCtx, { id: e.id, action: 'reopen' }))).message).toContain('须填写原因');
    const reopened = await s.growth.transition(testCtx, { id: e.id, action: 'reopen', reason: '组织部门补充评分' });
    expect(reopened.workflow.steps.map((x) => [x.action, x.to])).toEqual([
      ['create', '草稿'],
      ['submit', '已提交'],
      ['reopen', '草稿'],
    ]);
    expect(reopened.workflow.steps[2]).toMatchObject({ reason: '组织部门补充评分', actor: '测试员' });
    const history = await s.growth.history(e.id);
    expect(history.audit.map((a) => a.action)).toEqual(expect.arrayContaining(['新建', '评分', '提交', '退回为草稿']));
  });

  it('refuses submitting when nobody has scored everything', async () => {
    const e = await create(postings[0]);
    expect((await refusal(s.growth.transition(testCtx, { id: e.id, action: 'submit' }))).message).toBe('还没有评价主体完成全部指标的评分，不能提交');
  });
});

describe('periods', () => {
  it('one evaluation per posting and period; quarters within the posting; milestones need a day inside it', async () => {
    await create(postings[0], '第二季度');
    const twin = await refusal(create(postings[0], '第二季度'));
    expect(twin).toMatchObject({ code: 'CONFLICT' });
    expect(twin.message).toBe('时段：李明远的第二季度成长评价已有记录，请在原评价上修改');
    // The posting runs 2025.12.01–2026.11.30: four quarters.
    expect((await refusal(create(postings[0], '第五季度'))).message).toBe('时段：第五季度（自 2026.12.01 起）不在挂职期间（挂职期间为 2025.12.01—2026.11.30）');
    expect((await refusal(create(postings[0], '半年评价'))).message).toContain('节点日期：自定义节点“半年评价”须填写日期');
    expect((await refusal(create(postings[0], '半年评价', { milestoneDate: '2027.01.10' }))).message).toContain('节点日期：2027.01.10 不在挂职期间');
    const mid = await create(postings[0], '半年评价', { milestoneDate: '2026.05.31' });
    expect(mid).toMatchObject({ periodKind: 'milestone', milestoneDate: '2026.05.31' });
    await create(postings[0], '期满');
    await create(postings[0], '第一季度');
    // In period order: quarters by their last day, milestones by theirs, 期满 last.
    expect((await s.growth.listByPosting(postings[0])).map((x) => x.period)).toEqual(['第一季度', '第二季度', '半年评价', '期满']);
  });

  it('refuses a posting that has not started, and keeps the posting from being deleted', async () => {
    const planned = await s.postings.save(testCtx, {
      cadreId: (await s.postings.get(postings[0])).cadreId, direction: '派出', hostUnit: '某单位', hostPost: '副职', startDate: '2027.01.01', plannedEndDate: '2027.12.31',
    });
    expect((await refusal(create(planned.id))).message).toContain('尚未开始（状态“拟派”）');
    await create(postings[1]);
    expect((await refusal(s.postings.remove(testCtx, postings[1]))).message).toContain('成长评价 1 份');
  });

  it('a draft can be deleted with its history; a submitted one cannot', async () => {
    const e = await create(postings[0]);
    await s.growth.remove(testCtx, e.id);
    expect(await s.growth.listByPosting(postings[0])).toEqual([]);
    const [{ n }] = await rawQuery(s.db.manager, `SELECT COUNT(*) AS n FROM workflow_step WHERE record_type = 'growth_evaluation' AND record_id = ?`, [e.id]);
    expect(n).toBe(0);
    const sent = await create(postings[0]);
    await rate(sent.id, '挂职单位', [70, 70, 70, 70]);
    await s.growth.transition(testCtx, { id: sent.id, action: 'submit' });
    expect((await refusal(s.growth.remove(testCtx, sent.id))).message).toContain('已提交的记录不能修改');
  });
});

describe('evidence', () => {
  it('links ledger entries and assessment records of the posting to indicators, with their labels', async () => {
    const resultId = (await s.ledger.save(testCtx, { postingId: postings[0], category: '招商引资', title: '引进智能装备项目', date: '2026.06.18', amount: 4000 })).id;
    const record = await s.assessments.save(testCtx, 'quarterly', { postingId: postings[0], quarter: 1, selfSummary: '融入' });
    const otherResult = (await s.ledger.save(testCtx, { postingId: postings[1], category: '消费帮扶', title: '茶叶展销', date: '2026.05.01', amount: 80 })).id;

    const candidates = await s.growth.evidenceCandidates(postings[0]);
    expect(candidates.results).toEqual([{ refKind: 'result', refId: resultId, label: '招商引资：引进智能装备项目（签约资金4000万元）', date: '2026.06.18' }]);
    expect(candidates.records.map((r) => r.label)).toEqual(['季度小结/考核（第一季度）']);

    const e = await create(postings[0], '第三季度', {
      evidence: [
        { indicatorCode: '3.3', refKind: 'result', refId: resultId, note: '签约资金' },
        { indicatorCode: '1.3', refKind: 'record', refId: record.id },
      ],
    });
    expect(e.evidence.map((l) => [l.indicatorName, l.label, l.exists])).toEqual([
      ['工作实绩', '招商引资：引进智能装备项目（签约资金4000万元）', true],
      ['融入集体', '季度小结/考核（第一季度）', true],
    ]);
    const foreign = await refusal(create(postings[0], '第四季度', { evidence: [{ indicatorCode: '3.3', refKind: 'result', refId: otherResult }] }));
    expect(foreign.message).toBe(`佐证材料第1条：这段挂职没有编号为 ${otherResult} 的工作实绩`);
    const badCode = await refusal(create(postings[0], '第四季度', { evidence: [{ indicatorCode: '5.1', refKind: 'result', refId: resultId }] }));
    expect(badCode.message).toBe('佐证材料第1条：模板第1版没有编号为“5.1”的指标');
  });
});

describe('charts', () => {
  it('trajectory: four stage lines across the periods, the stage reached per period, a radar of the latest', async () => {
    const plan: [string, number[]][] = [
      ['第一季度', [70, 50, 40, 30]],
      ['第二季度', [80, 65, 50, 40]],
      ['第三季度', [85, 75, 68, 55]],
    ];
    for (const [period, perStage] of plan) {
      const e = await create(postings[0], period);
      await rate(e.id, '挂职单位', perStage);
    }
    await create(postings[0], '第四季度'); // not scored yet
    const t = await s.growthOverview.trajectory(postings[0]);
    expect(t.periods).toEqual(['第一季度', '第二季度', '第三季度', '第四季度']);
    expect(t.series.map((x) => x.stage)).toEqual(['学习者', '参与者', '践行者', '传递者']);
    expect(t.series[1].scores).toEqual([50, 65, 75, null]);
    expect(t.reached.map((r) => r.label)).toEqual(['学习者', '参与者', '践行者', '尚无完整评分']);
    expect(t.reached.map((r) => r.level)).toEqual([1, 2, 3, 0]);
    expect(t.partial).toEqual([true, true, true, false]);
    expect(t.thresholds).toEqual([60, 60, 60, 60]);
    expect(t.radar!.period).toBe('第三季度');
    expect(t.radar!.byStage).toEqual({ indicator: ['学习者', '参与者', '践行者', '传递者'].map((name) => ({ name, max: 100 })), value: [85, 75, 68, 55] });
    expect(t.radar!.byIndicator.indicator).toHaveLength(12);
    expect(t.radar!.byIndicator.value.slice(0, 4)).toEqual([85, 85, 85, 75]);
  });

  it('batch overview: distribution of stages reached, averages per stage, who is not evaluated this period', async () => {
    const q1 = async (p: number, perStage: number[]) => rate((await create(p, '第一季度')).id, '挂职单位', perStage);
    await q1(postings[0], [90, 80, 70, 65]); // 传递者
    await q1(postings[1], [70, 55, 40, 30]); // 学习者
    await create(postings[2], '第一季度'); // a draft without scores: not evaluated
    await rate((await create(postings[0], '第二季度')).id, '挂职单位', [90, 90, 90, 90]);

    const o = await s.growthOverview.batchOverview({ batchId, period: '第一季度' });
    expect(o.periods).toEqual(['第一季度', '第二季度']);
    expect(o).toMatchObject({ period: '第一季度', members: 3, evaluated: 2 });
    expect(o.distribution).toEqual([
      { label: '未达到学习者', level: 0, count: 0 },
      { label: '学习者', level: 1, count: 1 },
      { label: '参与者', level: 2, count: 0 },
      { label: '践行者', level: 3, count: 0 },
      { label: '传递者', level: 4, count: 1 },
    ]);
    expect(o.averagePerStage).toEqual([
      { stage: '学习者', average: 80 },
      { stage: '参与者', average: 67.5 },
      { stage: '践行者', average: 55 },
      { stage: '传递者', average: 47.5 },
    ]);
    expect(o.notEvaluated.map((x) => x.postingId)).toEqual([postings[2]]);
    expect(o.notEvaluated[0].evaluationId).not.toBeNull();
    expect(o.byPeriod).toEqual([
      { period: '第一季度', evaluated: 2, counts: [0, 1, 0, 0, 1] },
      { period: '第二季度', evaluated: 1, counts: [0, 0, 0, 0, 1] },
    ]);
    // Without a period: the latest period at least half the members were scored for.
    expect((await s.growthOverview.batchOverview({ batchId })).period).toBe('第一季度');
    await rate((await create(postings[1], '第二季度')).id, '挂职单位', [60, 60, 60, 60]);
    const latest = await s.growthOverview.batchOverview({ batchId });
    expect(latest.period).toBe('第二季度');
    expect(latest.notEvaluated.map((x) => x.postingId)).toEqual([postings[2]]);
  });
});

describe('channels', () => {
  it('growth:* answers through dispatch; bad input names the field in Chinese', async () => {
    const h = createHandlers(s);
    const ctx = { ...testCtx, mode: 'browser' as const };
    const saved = await dispatch(h, 'growth:save', { data: { postingId: postings[0], period: '第一季度' } }, ctx);
    expect(saved.ok).toBe(true);
    const id = (saved as { result: { id: number } }).result.id;
    const bad = await dispatch(h, 'growth:saveRater', { evaluationId: id, rater: '同事', scores: {} }, ctx);
    expect(bad).toEqual({ ok: false, error: { code: 'VALIDATION', message: '评价主体：应为本人、挂职单位、派出单位、组织部门之一' } });
    const preview = await dispatch(h, 'growth:preview', { ratings: { 挂职单位: { scores: stageSheet(v1, [61, 61, 61, 59]) } } }, ctx);
    expect(preview).toMatchObject({ ok: true, result: { reachedLabel: '践行者', partial: true } });
    const traj = await dispatch(h, 'growth:trajectory', { postingId: postings[0] }, ctx);
    expect(traj).toMatchObject({ ok: true, result: { periods: ['第一季度'] } });
    const overview = await dispatch(h, 'growth:batchOverview', { batchId, period: '第一季度' }, ctx);
    expect(overview).toMatchObject({ ok: true, result: { members: 3, evaluated: 0 } });
  });
});
