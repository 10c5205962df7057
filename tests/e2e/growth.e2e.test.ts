import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { loadDemo } from '../../electron/demo/loadDemo';
import { indicatorsOf } from '../../shared/growth';
import { addDays, dayOf } from '../../shared/validators/yearMonth';
import type { Page } from 'playwright-core';
import { screenshot, startApp, visible, type RunningApp } from './harness';

const ctx = { actor: 'e2e' };

/** Host-unit and 组织部门 scores per stage (every indicator of a stage gets the same score). */
const HOST = [80, 70, 55, 40];
const ORG = [76, 64, 58, 50];

/** The whole page in one picture: the content scrolls inside the layout, so the window is made as tall as it. */
async function fullScreenshot(page: Page, name: string) {
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => (document.querySelector('.ant-layout-content')?.scrollHeight ?? 800) + 64);
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height, size.height), 4000) });
  await page.waitForTimeout(900); // charts resize and animate
  await screenshot(page, name);
  await page.setViewportSize(size);
}

describe('成长评价 “从学习者到传递者” in the browser host', () => {
  let app: RunningApp;
  const today = dayOf(new Date());
  let postingId: number;
  let evaluationId: number;

  beforeAll(async () => {
    app = await startApp();
    const cadre = await app.services.cadres.save(ctx, { name: '慕容思远', gender: '男', birthDate: '1986.05', idNumber: makeIdNumber('610902', '19860518', 35, '男'), workUnit: '安康市发展和改革委员会' });
    // A running posting that started 100 days ago: its first quarter has ended.
    postingId = (
      await app.services.postings.save(ctx, {
        cadreId: cadre.id,
        direction: '派出',
        hostUnit: '常州市发展和改革委员会',
        hostPost: '产业协作处副处长',
        startDate: addDays(today, -100),
        plannedEndDate: addDays(today, 265),
        status: '在岗',
      })
    ).id;
    await app.services.ledger.save(ctx, { postingId, category: '招商引资', title: '新能源电池配套项目签约', date: addDays(today, -20), amount: 3200 });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates a 第一季度 evaluation, scores it as 挂职单位 and 组织部门, and shows the stage reached, the partial warning and the charts', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/postings/${postingId}?tab=growth`);
    await visible(page.getByText(/尚无成长评价/));
    await page.getByRole('button', { name: /新建评价/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '新建成长评价' });
    await visible(dialog.getByText(/使用模板：第1版/));
    await dialog.getByText('第一季度', { exact: true }).click();
    await dialog.getByRole('button', { name: '新建并开始评分' }).click();
    await visible(page.getByRole('heading', { name: /成长评价 · 第一季度/ }));
    evaluationId = Number(page.url().match(/#\/growth\/(\d+)/)![1]);
    await visible(page.getByTestId('growth-result').getByText('尚无完整评分').first());

    const template = (await app.services.growth.get(evaluationId)).template;
    const stageOf = new Map(indicatorsOf(template).map((i) => [i.indicatorName, template.stages.findIndex((s) => s.stage === i.stage)]));
    const fill = async (rater: string, perStage: number[]) => {
      await page.getByRole('tab', { name: new RegExp(rater) }).click();
      const inputs = page.getByLabel(new RegExp(`^${rater}评分：`));
      expect(await inputs.count()).toBe(stageOf.size);
      for (const [name, k] of stageOf) await page.getByLabel(`${rater}评分：${name}`).fill(String(perStage[k]));
    };

    // 挂职单位: the live result follows the typing (growth:preview) before anything is saved.
    await fill('挂职单位', HOST);
    await page.getByLabel('挂职单位评分：观摩调研').press('Tab');
    await visible(page.getByText('实时预览 · 含未保存的评分'));
    await visible(page.getByTestId('reached-label').getByText('参与者', { exact: true }));
    await page.getByLabel('挂职单位意见：工作实绩').fill('签约项目1个');
    await page.getByLabel('挂职单位评价人').fill('周立群');
    await page.getByRole('button', { name: /保存挂职单位评分/ }).click();
    await visible(page.getByText('挂职单位评分已保存'));
    expect((await app.services.growth.get(evaluationId)).ratings.find((r) => r.rater === '挂职单位')!.status).toBe('complete');

    // 组织部门: 践行者 moves but stays under the threshold.
    await fill('组织部门', ORG);
    await page.getByLabel('组织部门评价人').fill('市委组织部干部科');
    await page.getByLabel('组织部门评价日期').fill(today);
    await page.getByRole('button', { name: /保存组织部门评分/ }).click();
    await visible(page.getByText('组织部门评分已保存'));

    // What the page shows is what the service stored and scored.
    const stored = await app.services.growth.get(evaluationId);
    expect(stored.result.scored).toBe(true);
    expect(stored.result.presentRaters).toEqual(['挂职单位', '组织部门']);
    expect(stored.result.missingRaters).toEqual(['本人', '派出单位']);
    expect(stored.result.partial).toBe(true);
    expect(stored.result.reachedLabel).toBe('参与者');
    const result = page.getByTestId('growth-result');
    await visible(result.getByTestId('reached-label').getByText(stored.result.reachedLabel, { exact: true }));
    expect(await result.getByTestId('result-total').textContent()).toBe(String(stored.result.total));
    for (const s of stored.result.stageScores) expect(await result.getByTestId(`stage-score-${s.stage}`).textContent()).toBe(String(s.score));
    const warning = page.getByTestId('partial-warning');
    await visible(warning);
    expect(await warning.textContent()).toContain('缺少本人、派出单位的评分');
    await visible(page.getByRole('tab', { name: /本人\s*缺评/ }));

    // Evidence: the ledger entry linked to 工作实绩; a stage narrative.
    await page.getByRole('tab', { name: /佐证材料/ }).click();
    await page.getByLabel('为“工作实绩”关联佐证材料').click();
    await page.getByTitle(/新能源电池配套项目签约/).click();
    await visible(page.getByText('已关联佐证材料'));
    await page.getByRole('tab', { name: /阶段评语与本人总结/ }).click();
    await page.getByLabel('学习者阶段评语').fill('到岗后参加集中学习，随同分管领导走访园区企业。');
    await page.getByRole('button', { name: /保存评语与总结/ }).click();
    await visible(page.getByText('阶段评语与本人总结已保存'));
    const withEvidence = await app.services.growth.get(evaluationId);
    expect(withEvidence.evidence.map((l) => [l.indicatorName, l.refKind])).toEqual([['工作实绩', 'result']]);
    expect(withEvidence.narratives.学习者).toContain('走访园区企业');
    await page.getByRole('tab', { name: /挂职单位/ }).click();
    await fullScreenshot(page, 'e2e-growth-evaluation');

    // The posting's tab: the evaluation in the list, the trajectory and radar drawn on canvas.
    await page.getByRole('button', { name: /返回成长评价/ }).click();
    await visible(page.getByRole('tab', { name: '成长评价', selected: true }));
    const row = page.getByRole('row', { name: /第一季度/ });
    await visible(row.getByText('参与者', { exact: true }));
    await visible(row.getByText('部分评价'));
    await visible(page.locator('[data-chart$="成长轨迹图"] canvas'));
    await visible(page.locator('[data-chart^="成长雷达图"] canvas'));
    await fullScreenshot(page, 'e2e-growth-tab');

    // Submitted: read-only; archived: frozen, with the stored SHA-256 shown.
    await row.getByRole('button', { name: /打开成长评价/ }).click();
    await page.getByRole('button', { name: /提交/ }).click();
    await visible(page.getByText(/已提交：评分已锁定/));
    expect(await page.getByLabel(/^挂职单位评分：/).count()).toBe(0);
    await page.getByRole('button', { name: /审核/ }).click();
    await visible(page.getByRole('button', { name: /归档/ }));
    await page.getByRole('button', { name: /归档/ }).click();
    await page.getByRole('button', { name: '确定归档' }).click();
    const hash = page.getByTestId('archive-hash');
    await visible(hash);
    const archived = await app.services.growth.get(evaluationId);
    expect(archived.state).toBe('已归档');
    expect(archived.archive!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await hash.textContent()).toContain(archived.archive!.sha256);
    expect(await page.getByRole('button', { name: /保存.*评分/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /退回为草稿/ }).count()).toBe(0);
    await fullScreenshot(page, 'e2e-growth-archived');
  });

  it('copies the template into a new version, refuses weights that do not add up to 100, and saves the draft', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/growth/templates`);
    await visible(page.getByText('当前启用：'));
    await page.getByRole('button', { name: '复制第1版为新版本' }).click();
    const editor = page.locator('.ant-drawer').filter({ hasText: '复制自第1版' });
    await visible(editor.getByTestId('sum-指标权重').getByText('当前合计 100'));
    await editor.getByLabel('学习者指标1权重').fill('2');
    await visible(editor.getByTestId('sum-指标权重').getByText('当前合计 95，应为 100'));
    expect(await editor.getByRole('button', { name: '保存草稿' }).isDisabled()).toBe(true);
    await editor.getByLabel('参与者指标1权重').fill('14');
    await visible(editor.getByTestId('sum-指标权重').getByText('当前合计 100'));
    await editor.getByRole('button', { name: '保存草稿' }).click();
    await visible(page.getByText('第2版（草稿）已保存'));
    const saved = (await app.services.growthTemplates.list()).find((t) => t.version === 2)!;
    expect(saved.status).toBe('草稿');
    const v2 = await app.services.growthTemplates.get(saved.id);
    expect(v2.stages.map((s) => s.weight)).toEqual([15, 30, 30, 25]);
    await screenshot(page, 'e2e-growth-template-editor');
  });
});

describe('成长评价 of the demo batch', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
    await loadDemo(app.services, ctx);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows 刘思源 reaching 传递者 with an archived 期满, and the batch overview', async () => {
    const { page, url } = app;
    const batch = (await app.services.batches.list()).find((b) => b.name === '安康市第7批赴常州挂职干部')!;
    const overview = await app.services.growthOverview.batchOverview({ batchId: batch.id });
    const liu = overview.rows.find((r) => r.name === '刘思源')!;
    const trajectory = await app.services.growthOverview.trajectory(liu.postingId);
    expect(trajectory.reached.at(-1)!.label).toBe('传递者');

    await page.goto(`${url}#/postings/${liu.postingId}?tab=growth`);
    await visible(page.locator('[data-chart$="成长轨迹图"] canvas'));
    await visible(page.getByRole('row', { name: /期满/ }).getByText('已归档'));
    await fullScreenshot(page, 'e2e-growth-demo-trajectory');
    await page.getByText('按指标', { exact: true }).click();
    await fullScreenshot(page, 'e2e-growth-demo-radar-indicators');

    // The archived 期满: frozen, with the SHA-256 the service stored.
    const term = trajectory.evaluationIds[trajectory.periods.indexOf('期满')];
    await page.getByRole('button', { name: '打开成长评价（期满）' }).click();
    await visible(page.getByTestId('archive-hash'));
    expect(await page.getByTestId('archive-hash').textContent()).toContain((await app.services.growth.get(term)).archive!.sha256);
    await visible(page.getByTestId('reached-label').getByText('传递者', { exact: true }));
    await fullScreenshot(page, 'e2e-growth-demo-term');

    await page.goto(`${url}#/batches/${batch.id}`);
    await page.getByRole('tab', { name: '成长评价' }).click();
    await visible(page.locator('[data-chart^="达到阶段分布"] canvas'));
    await visible(page.locator('.ant-segmented-item-selected').getByText(overview.period, { exact: true }));
    for (const m of overview.notEvaluated) await visible(page.getByRole('button', { name: `去评价${m.name}` }).first());
    await fullScreenshot(page, 'e2e-growth-batch-overview');
  });
});
