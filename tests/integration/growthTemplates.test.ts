import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GrowthTemplate, GrowthTemplateInput } from '../../shared/growth';
import type { AppServices } from '../../electron/services/AppServices';
import { growthBatch, refusal, stageSheet } from '../helpers/growthFixtures';
import { tempServices, testCtx } from '../helpers/tempServices';

let s: AppServices;
let cleanup: () => Promise<void>;
let postings: number[];

beforeEach(async () => {
  ({ s, cleanup } = await tempServices());
  ({ postings } = await growthBatch(s, 2));
});
afterEach(() => cleanup());

/** A stored version as the input of a copy (what the screen sends after “复制为新版本”). */
function copyOf(t: GrowthTemplate): GrowthTemplateInput {
  return {
    templateName: t.templateName,
    threshold: t.threshold,
    raterWeights: { ...t.raterWeights },
    notes: t.notes,
    basedOnId: t.id,
    stages: t.stages.map((st) => ({
      stage: st.stage,
      stageDescription: st.stageDescription,
      indicators: st.indicators.map(({ code: _c, ...i }) => ({ ...i })),
    })),
  };
}

describe('template versions', () => {
  it('ships version 1, active, with the seed’s twelve indicators and rater weights 10/50/20/20', async () => {
    const list = await s.growthTemplates.list();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ version: 1, status: '启用', threshold: 60, indicatorCount: 12, usedBy: 0 });
    const v1 = await s.growthTemplates.active();
    expect(v1.raterWeights).toEqual({ 本人: 10, 挂职单位: 50, 派出单位: 20, 组织部门: 20 });
    expect(v1.stages.map((st) => st.indicators.map((i) => i.indicatorName))).toEqual([
      ['理论学习', '观摩调研', '融入集体'],
      ['参与重点工作', '承担日常事务', '协调配合'],
      ['独立承办', '解决问题', '工作实绩'],
      ['经验总结', '成果转化', '传帮带'],
    ]);
  });

  it('copy and edit makes a draft v2; activating it retires v1; evaluations keep rendering with the version they pinned', async () => {
    const v1 = await s.growthTemplates.active();
    const old = await s.growth.save(testCtx, { postingId: postings[0], period: '第一季度' });
    await s.growth.saveRater(testCtx, { evaluationId: old.id, rater: '挂职单位', scores: stageSheet(v1, [70, 70, 70, 70]) });

    const edit = copyOf(v1);
    edit.threshold = 75;
    edit.raterWeights = { 本人: 0, 挂职单位: 60, 派出单位: 20, 组织部门: 20 };
    edit.stages[3].indicators.push({ indicatorName: '带回项目', weight: 5, indicatorDescription: '', guidance: '' });
    edit.stages[2].indicators[2].weight = 5; // 工作实绩 10 → 5 keeps the sum at 100
    const v2 = await s.growthTemplates.save(testCtx, edit);
    expect(v2).toMatchObject({ version: 2, status: '草稿', basedOnId: v1.id, threshold: 75 });
    expect(v2.stages[3].indicators.map((i) => i.code)).toEqual(['4.1', '4.2', '4.3', '4.4']);

    // A draft is not usable yet, but can still be changed.
    expect((await refusal(s.growth.save(testCtx, { postingId: postings[1], period: '第一季度', templateId: v2.id }))).message).toBe(
      '模板版本：第2版还是草稿，启用后才能用于评价',
    );
    const renamed = await s.growthTemplates.save(testCtx, { ...edit, templateName: '成长评价（第2版）' }, v2.id);
    expect(renamed.templateName).toBe('成长评价（第2版）');

    await s.growthTemplates.activate(testCtx, v2.id);
    const statuses = (await s.growthTemplates.list()).map((t) => [t.version, t.status]);
    expect(statuses).toEqual([
      [2, '启用'],
      [1, '停用'],
    ]);

    const fresh = await s.growth.save(testCtx, { postingId: postings[1], period: '第一季度' });
    expect(fresh.templateVersion).toBe(2);
    expect(fresh.template.stages[3].indicators).toHaveLength(4);

    // The old evaluation still renders with v1: its 12 indicators, threshold 60, 70 everywhere reaches 传递者.
    const again = await s.growth.get(old.id);
    expect(again.templateVersion).toBe(1);
    expect(again.template.threshold).toBe(60);
    expect(again.template.stages.flatMap((x) => x.indicators)).toHaveLength(12);
    expect(again.result.reachedLabel).toBe('传递者');
    expect((await s.growthTemplates.get(v1.id)).usedBy).toBe(1);

    // Activated and retired versions are frozen; an old one can be brought back.
    expect((await refusal(s.growthTemplates.save(testCtx, edit, v2.id))).message).toContain('第2版已启用，不能修改或删除：请复制为新版本后修改');
    expect((await refusal(s.growthTemplates.save(testCtx, copyOf(v1), v1.id))).message).toContain('第1版已停用');
    expect((await refusal(s.growthTemplates.remove(testCtx, v1.id))).message).toContain('第1版已停用');
    await s.growthTemplates.activate(testCtx, v1.id);
    expect((await s.growthTemplates.active()).version).toBe(1);
    expect((await s.growthTemplates.history(v2.id)).map((a) => a.action)).toEqual(['停用', '启用', '修改', '新建']);
  });

  it('a scored evaluation cannot switch versions; an unscored draft can', async () => {
    const v1 = await s.growthTemplates.active();
    const v2 = await s.growthTemplates.save(testCtx, copyOf(v1));
    await s.growthTemplates.activate(testCtx, v2.id);
    const e = await s.growth.save(testCtx, { postingId: postings[0], period: '第一季度', templateId: v1.id });
    const moved = await s.growth.save(testCtx, { postingId: postings[0], period: '第一季度', templateId: v2.id }, e.id);
    expect(moved.templateVersion).toBe(2);
    await s.growth.saveRater(testCtx, { evaluationId: e.id, rater: '本人', scores: { '1.1': 80 } });
    const refused = await refusal(s.growth.save(testCtx, { postingId: postings[0], period: '第一季度', templateId: v1.id }, e.id));
    expect(refused.message).toBe('模板版本：已有评价主体按第2版评分，不能改用第1版（请先清空各评价主体的评分）');
  });

  it('refuses weights that do not sum to 100, showing the sum, and writes nothing', async () => {
    const v1 = await s.growthTemplates.active();
    const bad = copyOf(v1);
    bad.stages[0].indicators[0].weight = 2;
    expect((await refusal(s.growthTemplates.save(testCtx, bad))).message).toBe('指标权重：合计应为100，当前为95');
    const raters = copyOf(v1);
    raters.raterWeights = { 本人: 10, 挂职单位: 50, 派出单位: 20, 组织部门: 10 };
    expect((await refusal(s.growthTemplates.save(testCtx, raters))).message).toBe('评价主体权重：合计应为100，当前为90');
    expect(await s.growthTemplates.list()).toHaveLength(1);
  });

  it('a draft can be deleted; the active one cannot', async () => {
    const v1 = await s.growthTemplates.active();
    const v2 = await s.growthTemplates.save(testCtx, copyOf(v1));
    await s.growthTemplates.remove(testCtx, v2.id);
    expect((await s.growthTemplates.list()).map((t) => t.version)).toEqual([1]);
    expect((await refusal(s.growthTemplates.remove(testCtx, v1.id))).message).toContain('第1版已启用');
    expect((await refusal(s.growthTemplates.activate(testCtx, v1.id))).message).toBe('成长评价模板第1版已是启用状态');
  });
});
