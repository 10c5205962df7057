import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { GROWTH_RATERS, indicatorsOf } from '../../shared/growth';
import { addDays, dayOf } from '../../shared/validators/yearMonth';
import { screens, startApp, visible, type RunningApp } from './harness';

const ctx = { actor: 'e2e' };

/**
 * What a clerk tripped over on the records and growth screens (issue 16): unsaved edits kept by a question, a
 * refusal shown on the field it concerns, a growth score of 120 refused instead of becoming 100, 校验 of an
 * archived evaluation from its page, the typed 年度考核结果 proposed rather than rewritten, bulk 提交 of ticked rows.
 * Invented people only.
 */
describe('guards on the records tab and the growth screens', () => {
  let app: RunningApp;
  const today = dayOf(new Date());
  const year = Number(today.slice(0, 4));
  const nextMonth = (() => {
    const [y, m] = today.split('.').map(Number);
    return m === 12 ? `${y + 1}.01` : `${y}.${String(m + 1).padStart(2, '0')}`;
  })();
  let postingId: number;
  let cadreId: number;
  let growthPosting: number;
  const typed = '2024年度考核优秀，2025年度考核称职';

  beforeAll(async () => {
    app = await startApp();
    const s = app.services;
    cadreId = (
      await s.cadres.save(ctx, {
        name: '上官明哲',
        gender: '男',
        birthDate: '1985.04',
        idNumber: makeIdNumber('610902', '19850412', 37, '男'),
        workUnit: '安康市商务局',
        annualAssessment: typed,
      })
    ).id;
    const other = await s.cadres.save(ctx, { name: '令狐雪晴', gender: '女', birthDate: '1989.09', idNumber: makeIdNumber('610902', '19890921', 44, '女'), workUnit: '安康市农业农村局' });
    // Started 200 days ago: its first two quarters are over and the third has begun.
    postingId = (
      await s.postings.save(ctx, { cadreId, direction: '派出', hostUnit: '常州市武进区商务局', hostPost: '副局长（挂职）', startDate: addDays(today, -200), plannedEndDate: addDays(today, 165), status: '在岗' })
    ).id;
    await s.assessments.save(ctx, 'monthly', { postingId, month: today.slice(0, 7), content: '走访园区企业9家，梳理合作需求', hostComment: '工作主动' });
    const q2 = await s.assessments.save(ctx, 'quarterly', { postingId, quarter: 2, selfSummary: '务实推进项目对接', grade: '好', score: 90 });
    await s.assessments.transition(ctx, { id: q2.id, action: 'submit' });
    await s.assessments.save(ctx, 'quarterly', { postingId, quarter: 1, selfSummary: '熟悉情况，融入岗位', grade: '较好', score: 86 });
    const annual = await s.assessments.save(ctx, 'annual', { postingId, year, grade: '优秀', comments: '招商成效突出' });
    await s.assessments.transition(ctx, { id: annual.id, action: 'submit' });

    growthPosting = (
      await s.postings.save(ctx, { cadreId: other.id, direction: '派出', hostUnit: '常州市金坛区农业农村局', hostPost: '副局长（挂职）', startDate: addDays(today, -200), plannedEndDate: addDays(today, 165), status: '在岗' })
    ).id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('asks before a record dialog with typed text is closed; a future month and a second report for a month are refused on 月份', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/postings/${postingId}`);
    await visible(page.getByRole('heading', { name: '上官明哲' }));
    const monthly = page.getByTestId('records-月度工作汇报');
    await monthly.getByRole('button', { name: /登记月度汇报/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '登记月度工作汇报' });
    await dialog.getByLabel('工作汇报').fill('参加招商推介会，对接企业3家');

    // 取消 with typed text: the question, and 留在此处 keeps what was typed.
    await dialog.getByRole('button', { name: '取消' }).click();
    const ask = page.locator('.ant-modal-confirm').filter({ hasText: '有未保存的修改' });
    await visible(ask);
    await screens(page, 'e2e-records-unsaved-prompt');
    await ask.getByRole('button', { name: '留在此处' }).click();
    await ask.waitFor({ state: 'hidden' });
    expect(await dialog.getByLabel('工作汇报').inputValue()).toBe('参加招商推介会，对接企业3家');

    // A month that has not begun: refused by the service, shown under 月份 (not only as a toast).
    await dialog.getByLabel('月份').fill(nextMonth);
    await dialog.getByRole('button', { name: '保存' }).click();
    const monthItem = dialog.locator('.ant-form-item').filter({ has: page.getByLabel('月份') });
    await visible(monthItem.locator('.ant-form-item-explain-error').getByText(`${nextMonth} 尚未开始（今天是 ${today}），不能提前登记`));
    await screens(page, 'e2e-records-future-month');
    // The month already reported: the same, on the field.
    await dialog.getByLabel('月份').fill(today.slice(0, 7));
    await dialog.getByRole('button', { name: '保存' }).click();
    await visible(monthItem.locator('.ant-form-item-explain-error').getByText(`${today.slice(0, 7)} 已有月度工作汇报，请在原记录上修改`));
    expect((await app.services.assessments.listByPosting(postingId)).monthly).toHaveLength(1);

    // 离开，不保存 closes the dialog without saving.
    await dialog.getByRole('button', { name: '取消' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '离开，不保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('records-年度考核').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screens(page, 'e2e-records-tab');
  });

  it('submits the ticked quarterly records, listing each refusal by record', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/postings/${postingId}`);
    await page.reload();
    const quarterly = page.getByTestId('records-季度小结/考核');
    await visible(quarterly.getByText('熟悉情况，融入岗位'));
    await quarterly.getByLabel('选择季度小结/考核（第一季度）').check();
    await quarterly.getByLabel('选择季度小结/考核（第二季度）').check();
    await quarterly.getByRole('button', { name: '提交所选（2）' }).click();
    const result = page.locator('.ant-modal-confirm').filter({ hasText: '已提交 1 条，1 条未能提交' });
    await visible(result);
    await visible(result.getByText('已提交：季度小结/考核（第一季度）'));
    await visible(result.getByText(/季度小结\/考核（第二季度）：不能从“已提交”改为“已提交”/));
    await screens(page, 'e2e-records-bulk-result');
    await result.getByRole('button', { name: '知道了' }).click();
    const page1 = await app.services.assessments.listByPosting(postingId);
    expect(page1.quarterly.map((q) => [q.quarter, q.workflow.state])).toEqual([
      [1, '已提交'],
      [2, '已提交'],
    ]);
  });

  it('after 审核, proposes the 年度考核结果 the clerk typed instead of rewriting it; 采用建议 writes it', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/postings/${postingId}`);
    await page.reload();
    const annual = page.getByTestId('records-年度考核');
    const row = annual.getByRole('row', { name: new RegExp(`${year}年`) });
    await row.getByRole('button', { name: '审核', exact: true }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '档案中的年度考核结果与本次考核不一致' });
    await visible(dialog);
    const proposed = `${typed}；${year}年年度考核优秀`;
    expect(await dialog.getByTestId('annual-proposal-current').textContent()).toBe(typed);
    expect(await dialog.getByTestId('annual-proposal-proposed').textContent()).toBe(proposed);
    await page.waitForTimeout(400);
    await screens(page, 'e2e-records-annual-proposal');
    // 保留原文: nothing written; the row says the file is still to be updated.
    await dialog.getByRole('button', { name: '保留原文' }).click();
    expect((await app.services.cadres.get(cadreId)).annualAssessment).toBe(typed);
    await row.getByText('档案待更新').click();
    await visible(dialog);
    await dialog.getByRole('button', { name: '采用建议' }).click();
    await visible(page.getByText('已按建议更新上官明哲档案中的年度考核结果'));
    expect((await app.services.cadres.get(cadreId)).annualAssessment).toBe(proposed);
    expect((await app.services.cadres.history(cadreId))[0]).toMatchObject({ action: `采用${year}年度考核结果建议` });
    await visible(row.getByText('已审核'));
    expect(await row.getByText('档案待更新').count()).toBe(0);
  });

  it('refuses a growth score of 120 on its field, with the allowed range; 校验 checks an archived evaluation on its page', async () => {
    const { page, url } = app;
    const s = app.services;
    // An archived 第一季度 and a 第二季度 draft.
    const q1 = await s.growth.save(ctx, { postingId: growthPosting, period: '第一季度' });
    const codes = indicatorsOf(q1.template).map((i) => i.code);
    for (const rater of GROWTH_RATERS) await s.growth.saveRater(ctx, { evaluationId: q1.id, rater, scores: Object.fromEntries(codes.map((c) => [c, 75])) });
    for (const action of ['submit', 'review', 'archive'] as const) await s.growth.transition(ctx, { id: q1.id, action });
    const q2 = await s.growth.save(ctx, { postingId: growthPosting, period: '第二季度' });
    const first = indicatorsOf(q2.template)[0];

    await page.goto(`${url}#/growth/${q2.id}`);
    await visible(page.getByRole('heading', { name: /成长评价 · 第二季度/ }));
    await page.getByRole('tab', { name: /挂职单位/ }).click();
    const input = page.getByLabel(`挂职单位评分：${first.indicatorName}`);
    await input.fill('120');
    await input.press('Tab');
    // Kept as typed (not changed to 100) and refused with the range.
    expect(await input.inputValue()).toBe('120');
    await visible(page.getByTestId(`score-error-${first.code}`).getByText('应为0到100分（当前为120）'));
    await page.getByRole('button', { name: /保存挂职单位评分/ }).click();
    await visible(page.getByText('挂职单位评分：有 1 项超出 0—100 分，请改正标红的分数后再保存'));
    expect((await s.growth.get(q2.id)).ratings.find((r) => r.rater === '挂职单位')!.scores).toEqual({});
    await input.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screens(page, 'e2e-growth-score-refused');
    await input.fill('96');
    await input.press('Tab');
    expect(await page.getByTestId(`score-error-${first.code}`).count()).toBe(0);
    await page.getByRole('button', { name: /保存挂职单位评分/ }).click();
    await visible(page.getByText('挂职单位评分已保存'));
    expect((await s.growth.get(q2.id)).ratings.find((r) => r.rater === '挂职单位')!.scores[first.code]).toBe(96);

    // The archived one: 校验 instead of “run verify on the command line”.
    await page.goto(`${url}#/growth/${q1.id}`);
    await visible(page.getByTestId('archive-hash'));
    expect(await page.getByTestId('archive-hash').textContent()).not.toContain('命令行');
    await page.getByTestId('archive-check').getByRole('button', { name: /校验/ }).click();
    await visible(page.getByTestId('archive-check-result').getByText('校验通过：本评价的内容与归档时记录的校验值一致，归档后未被改动。'));
    await screens(page, 'e2e-growth-archive-check');

    // The growth tab and the templates list at both sizes (名称 no longer squeezed).
    await page.goto(`${url}#/postings/${growthPosting}?tab=growth`);
    await visible(page.getByRole('row', { name: /第一季度/ }).getByText('已归档'));
    await page.getByText(/^评价记录（/).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screens(page, 'e2e-growth-tab-guards');
    // 新建评价: 期满 waits for the end of the term and says from when.
    await page.getByRole('button', { name: /新建评价/ }).click();
    const create = page.locator('.ant-modal').filter({ hasText: '新建成长评价' });
    await visible(create.getByText(`${addDays(addDays(today, 165), -30)}起可评`));
    expect(await create.locator('label.ant-radio-button-wrapper-disabled').filter({ hasText: '期满' }).count()).toBe(1);
    await page.waitForTimeout(400);
    await screens(page, 'e2e-growth-new-evaluation');
    await create.getByRole('button', { name: '取消' }).click();
    await create.waitFor({ state: 'hidden' });

    await page.goto(`${url}#/growth/templates`);
    const name = page.getByRole('cell', { name: q1.template.templateName });
    await visible(name);
    expect((await name.boundingBox())!.width).toBeGreaterThan(150);
    await screens(page, 'e2e-growth-templates');
    await page.getByRole('button', { name: '复制第1版为新版本' }).click();
    const editor = page.locator('.ant-drawer').filter({ hasText: '复制自第1版' });
    await visible(editor.getByTestId('sum-指标权重'));
    // A weight of 120 stays as typed and is refused on its field.
    await editor.getByLabel('学习者指标1权重').fill('120');
    await editor.getByLabel('学习者指标1权重').press('Tab');
    expect(await editor.getByLabel('学习者指标1权重').inputValue()).toBe('120');
    await visible(editor.getByText('不能超过100'));
    await screens(page, 'e2e-growth-template-editor-guard');
    // Closing with the change asks first.
    await editor.locator('.ant-drawer-footer').getByRole('button', { name: '关闭' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '离开，不保存' }).click();
    await editor.waitFor({ state: 'hidden' });
  });

  it('names the two days of leave alike in the form and its message', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/postings/${postingId}?tab=leave`);
    await page.reload();
    await page.getByRole('button', { name: /登记请销假/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '登记请销假' });
    await dialog.getByLabel('离岗开始日期').fill(addDays(today, -10));
    await dialog.getByLabel('离岗结束日期').fill(addDays(today, -12));
    await dialog.getByLabel('批准人').fill('挂职单位主要负责人 韦振邦');
    await dialog.getByRole('button', { name: '保存' }).click();
    await visible(dialog.getByText(`不能早于离岗开始日期（${addDays(today, -10)}）`));
    await screens(page, 'e2e-records-leave-form');
    await dialog.getByRole('button', { name: '取消' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '离开，不保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });
});
