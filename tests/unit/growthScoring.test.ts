import { describe, expect, it } from 'vitest';
import { formatZodError } from '../../shared/errors';
import { GrowthTemplateInputSchema, stageDefs, type GrowthTemplateInput } from '../../shared/growth';
import { DEFAULT_GROWTH_TEMPLATE } from '../../shared/growthDefaultTemplate';
import { levelLabel, reachedLevel, round2, scoreEvaluation, type RatingScores, type ScoringTemplate } from '../../shared/growthScoring';
import { canonicalJson } from '../../shared/canonicalJson';

/**
 * A small template whose numbers are easy to follow by hand:
 *   学习者 1.1 (10), 1.2 (10) · 参与者 2.1 (30) · 践行者 3.1 (20), 3.2 (10) · 传递者 4.1 (20) — sum 100.
 *   Raters 本人 10, 挂职单位 50, 派出单位 20, 组织部门 20; threshold 60.
 */
const T: ScoringTemplate = {
  threshold: 60,
  raterWeights: { 本人: 10, 挂职单位: 50, 派出单位: 20, 组织部门: 20 },
  stages: [
    { stage: '学习者', indicators: [{ code: '1.1', weight: 10 }, { code: '1.2', weight: 10 }] },
    { stage: '参与者', indicators: [{ code: '2.1', weight: 30 }] },
    { stage: '践行者', indicators: [{ code: '3.1', weight: 20 }, { code: '3.2', weight: 10 }] },
    { stage: '传递者', indicators: [{ code: '4.1', weight: 20 }] },
  ],
};
const CODES = ['1.1', '1.2', '2.1', '3.1', '3.2', '4.1'];
const sheet = (...xs: number[]) => ({ scores: Object.fromEntries(CODES.map((c, i) => [c, xs[i]])) });

const SELF = sheet(90, 80, 70, 60, 50, 40);
const HOST = sheet(80, 70, 60, 70, 40, 50);
const HOME = sheet(70, 90, 80, 50, 60, 30);
const ORG = sheet(60, 60, 50, 60, 70, 40);

const stageScores = (r: ReturnType<typeof scoreEvaluation>) => r.stageScores.map((s) => s.score);

describe('growth scoring: weights', () => {
  it('all four raters: indicator = Σ rater weight × score, stage = indicator-weighted mean, total over all', () => {
    const r = scoreEvaluation(T, { 本人: SELF, 挂职单位: HOST, 派出单位: HOME, 组织部门: ORG });
    // 1.1 = .1·90 + .5·80 + .2·70 + .2·60 = 9 + 40 + 14 + 12 = 75; likewise 1.2 = 73, 2.1 = 63, 3.1 = 63, 3.2 = 51, 4.1 = 43
    expect(r.indicatorScores).toEqual({ '1.1': 75, '1.2': 73, '2.1': 63, '3.1': 63, '3.2': 51, '4.1': 43 });
    // 学习者 (75+73)/2 = 74; 参与者 63; 践行者 (20·63 + 10·51)/30 = 59; 传递者 43
    expect(stageScores(r)).toEqual([74, 63, 59, 43]);
    // (750 + 730 + 1890 + 1260 + 510 + 860) / 100 = 60
    expect(r.total).toBe(60);
    expect(r.scored).toBe(true);
    expect(r.partial).toBe(false);
    expect(r.missingRaters).toEqual([]);
    expect(r.raters.map((x) => x.appliedWeight)).toEqual([10, 50, 20, 20]);
  });

  it('stage reached: 践行者 at 59 stops the path at 参与者', () => {
    const r = scoreEvaluation(T, { 本人: SELF, 挂职单位: HOST, 派出单位: HOME, 组织部门: ORG });
    expect(r.stageScores.map((s) => s.meetsThreshold)).toEqual([true, true, false, false]);
    expect(r).toMatchObject({ reached: '参与者', reachedLevel: 2, reachedLabel: '参与者' });
  });
});

describe('growth scoring: missing raters and renormalisation', () => {
  it('two raters present: their weights 10 and 50 become 1/6 and 5/6, and the result is partial', () => {
    const r = scoreEvaluation(T, { 本人: SELF, 挂职单位: HOST });
    // 1.1 = (10·90 + 50·80)/60 = 81.67; 1.2 = 71.67; 2.1 = 61.67; 3.1 = 68.33; 3.2 = 41.67; 4.1 = 48.33
    expect(r.indicatorScores).toEqual({ '1.1': 81.67, '1.2': 71.67, '2.1': 61.67, '3.1': 68.33, '3.2': 41.67, '4.1': 48.33 });
    // 学习者 920/12 = 76.67; 践行者 (20·410/6 + 10·250/6)/30 = 10700/180 = 59.44
    expect(stageScores(r)).toEqual([76.67, 61.67, 59.44, 48.33]);
    // (4900 + 4300 + 11100 + 8200 + 2500 + 5800) / 600 = 61.33
    expect(r.total).toBe(61.33);
    expect(r.partial).toBe(true);
    expect(r.presentRaters).toEqual(['本人', '挂职单位']);
    expect(r.missingRaters).toEqual(['派出单位', '组织部门']);
    expect(r.raters.map((x) => [x.rater, x.status, x.appliedWeight])).toEqual([
      ['本人', 'complete', 16.67],
      ['挂职单位', 'complete', 83.33],
      ['派出单位', 'missing', 0],
      ['组织部门', 'missing', 0],
    ]);
    expect(r.reachedLabel).toBe('参与者');
  });

  it('a rater who scored only some indicators is left out like a missing one, with the indicators still to score', () => {
    const half = { scores: { '1.1': 100, '1.2': 100 } };
    const r = scoreEvaluation(T, { 本人: SELF, 挂职单位: HOST, 派出单位: half });
    expect(stageScores(r)).toEqual([76.67, 61.67, 59.44, 48.33]);
    const home = r.raters.find((x) => x.rater === '派出单位')!;
    expect(home).toMatchObject({ status: 'incomplete', appliedWeight: 0, missingIndicators: ['2.1', '3.1', '3.2', '4.1'] });
    expect(r.missingRaters).toEqual(['派出单位', '组织部门']);
  });

  it('a null score is not a score', () => {
    const r = scoreEvaluation(T, { 挂职单位: { scores: { ...HOST.scores, '4.1': null } } });
    expect(r.scored).toBe(false);
    expect(r.raters[1]).toMatchObject({ status: 'incomplete', missingIndicators: ['4.1'] });
  });

  it('nobody has scored everything: no result, 尚无完整评分', () => {
    const r = scoreEvaluation(T, {});
    expect(r).toMatchObject({ scored: false, total: null, reached: null, reachedLevel: 0, reachedLabel: '尚无完整评分', partial: false });
    expect(stageScores(r)).toEqual([null, null, null, null]);
  });

  it('a rater weighing 0 neither counts as missing nor makes a result on their own', () => {
    const t = { ...T, raterWeights: { 本人: 0, 挂职单位: 60, 派出单位: 20, 组织部门: 20 } };
    expect(scoreEvaluation(t, { 本人: SELF }).scored).toBe(false);
    const r = scoreEvaluation(t, { 本人: SELF, 挂职单位: HOST, 派出单位: HOME, 组织部门: ORG });
    expect(r.partial).toBe(false);
    // 1.1 = (60·80 + 20·70 + 20·60)/100 = 74
    expect(r.indicatorScores['1.1']).toBe(74);
  });

  it('a single rater present carries the whole weight', () => {
    const r = scoreEvaluation(T, { 组织部门: ORG });
    expect(r.indicatorScores).toEqual(ORG.scores);
    // 学习者 60 meets, 参与者 50 does not
    expect(r).toMatchObject({ reachedLabel: '学习者', reachedLevel: 1, partial: true });
  });
});

describe('growth scoring: thresholds and the stage-reached rule', () => {
  it('counts the leading stages at or above the threshold; a later high stage does not count after a gap', () => {
    expect(reachedLevel([55, 80, 90, 95], 60)).toBe(0);
    expect(reachedLevel([60, 59.99, 90, 90], 60)).toBe(1);
    expect(reachedLevel([60, 60, 60, 60], 60)).toBe(4);
    expect(reachedLevel([90, 90, 90, 59], 60)).toBe(3);
    expect(reachedLevel([90, null, 90, 90], 60)).toBe(1);
    expect(reachedLevel([75, 75, 75, 75], 80)).toBe(0);
    expect([0, 1, 2, 3, 4].map(levelLabel)).toEqual(['未达到学习者', '学习者', '参与者', '践行者', '传递者']);
  });

  it('every stage met: 传递者; none: 未达到学习者', () => {
    const all = (x: number) => ({ 挂职单位: sheet(x, x, x, x, x, x) }) as RatingScores;
    expect(scoreEvaluation(T, all(85))).toMatchObject({ reached: '传递者', reachedLevel: 4, total: 85 });
    expect(scoreEvaluation(T, all(59))).toMatchObject({ reached: null, reachedLevel: 0, reachedLabel: '未达到学习者' });
    expect(scoreEvaluation({ ...T, threshold: 85 }, all(85)).reachedLevel).toBe(4);
    expect(scoreEvaluation({ ...T, threshold: 85.01 }, all(85)).reachedLevel).toBe(0);
  });

  it('compares the rounded stage score: 59.995 shows and counts as 60', () => {
    const r = scoreEvaluation(T, { 挂职单位: sheet(59.99, 60, 0, 0, 0, 0) });
    expect(r.stageScores[0]).toEqual({ stage: '学习者', score: 60, meetsThreshold: true });
    expect(r.reachedLabel).toBe('学习者');
    expect(round2(59.994)).toBe(59.99);
    expect(round2(61.3333333)).toBe(61.33);
  });
});

describe('growth template validation', () => {
  const parse = (over: Partial<GrowthTemplateInput>) => GrowthTemplateInputSchema.safeParse({ ...DEFAULT_GROWTH_TEMPLATE, ...over });

  it('the default template is valid: 12 indicators summing to 100, stages 20/25/30/25', () => {
    const t = GrowthTemplateInputSchema.parse(DEFAULT_GROWTH_TEMPLATE);
    const defs = stageDefs(t.stages);
    expect(defs.map((s) => s.weight)).toEqual([20, 25, 30, 25]);
    expect(defs.flatMap((s) => s.indicators.map((i) => `${i.code} ${i.indicatorName}`))).toContain('3.3 工作实绩');
    expect(defs.flatMap((s) => s.indicators).length).toBe(12);
  });

  it('refuses indicator weights that do not sum to 100, showing the current sum', () => {
    const stages = structuredClone(DEFAULT_GROWTH_TEMPLATE.stages);
    stages[0].indicators[0].weight = 2; // 7 → 2: the sum drops to 95
    const r = parse({ stages });
    expect(r.success).toBe(false);
    expect(formatZodError(r.error!)).toBe('指标权重：合计应为100，当前为95');
  });

  it('refuses rater weights that do not sum to 100, a stage without indicators, an empty name, stages out of order', () => {
    expect(formatZodError(parse({ raterWeights: { 本人: 10, 挂职单位: 40, 派出单位: 20, 组织部门: 20 } }).error!)).toBe('评价主体权重：合计应为100，当前为90');
    const empty = structuredClone(DEFAULT_GROWTH_TEMPLATE.stages);
    empty[3].indicators = [];
    expect(formatZodError(parse({ stages: empty }).error!)).toContain('阶段第4条的指标：每个阶段至少应有一项指标');
    const unnamed = structuredClone(DEFAULT_GROWTH_TEMPLATE.stages);
    unnamed[1].indicators[2].indicatorName = '  ';
    expect(formatZodError(parse({ stages: unnamed }).error!)).toBe('阶段第2条的指标第3条的指标名称：不能为空');
    const swapped = structuredClone(DEFAULT_GROWTH_TEMPLATE.stages);
    [swapped[0], swapped[1]] = [swapped[1], swapped[0]];
    expect(formatZodError(parse({ stages: swapped }).error!)).toContain('阶段第1条的阶段：应为“学习者”');
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ x: '挂职', y: 1.5 })).toBe(canonicalJson({ y: 1.5, x: '挂职' }));
    expect(canonicalJson({ x: 1 })).not.toBe(canonicalJson({ x: 2 }));
  });
});
