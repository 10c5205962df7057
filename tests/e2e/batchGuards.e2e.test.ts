import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { addDays, dayOf } from '../../shared/validators/yearMonth';
import { screens, startApp, visible, type RunningApp } from './harness';

/**
 * Issue 16 on the batch and home screens: the demo offered on an empty database only and cleared exactly; a member in
 * the recycle bin greyed and never 组长; the 拟派 reminder with one-click 到岗; a batch's new dates listing the postings
 * outside them; a duplicate batch name under its field; a bulk status change with refusals by person; edits guarded.
 */
describe('批次 guards in the browser host', () => {
  let app: RunningApp;
  const today = dayOf(new Date());
  const ctx = { actor: 'e2e' };
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  const batchId = async (name: string) => (await app.services.batches.list()).find((b) => b.name === name)!.id;
  const openBatch = async (name: string) => {
    await app.page.goto(`${app.url}#/batches/${await batchId(name)}`);
    await visible(app.page.getByRole('heading', { name }));
  };

  it('offers 载入示例数据 on the empty database only, after a confirmation', async () => {
    const { page } = app;
    await visible(page.getByRole('button', { name: '载入示例数据' }));
    await screens(page, 'e2e-home-empty-offer');
    await page.getByRole('button', { name: '载入示例数据' }).click();
    const confirm = page.locator('.ant-modal-confirm').filter({ hasText: '载入示例数据？' });
    await visible(confirm.getByText(/可在首页点击“清除示例数据”一次删除/));
    await screens(page, 'e2e-home-demo-confirm');
    // Nothing is loaded until the clerk confirms.
    expect((await app.services.cadres.list({})).total).toBe(0);
    await confirm.getByRole('button', { name: '载入示例数据' }).click();
    await visible(page.getByText(/当前数据中有示例数据（虚构人员）：干部档案 15 份、批次 2 个/));
    expect((await app.services.cadres.list({})).total).toBe(15);
    // No second offer once there are files.
    await expect.poll(() => page.getByRole('button', { name: '载入示例数据' }).count()).toBe(0);
    await visible(page.getByRole('button', { name: '清除示例数据' }));
  });

  it('reminds of a 拟派 posting past its start and records 到岗 in one click', async () => {
    const { page, url } = app;
    const c = await app.services.cadres.save(ctx, { name: '苗青禾', gender: '女', birthDate: '1990.05', idNumber: makeIdNumber('610902', '19900512', 402, '女'), workUnit: '安康市审计局' });
    const p = await app.services.postings.save(ctx, { cadreId: c.id, direction: '派出', hostUnit: '紫阳县审计局', hostPost: '副局长（挂职）', startDate: addDays(today, -6), plannedEndDate: addDays(today, 358) });
    await page.goto(`${url}#/`);
    await page.reload();
    const tab = page.getByRole('tab', { name: /已过开始日期仍为拟派/ });
    await tab.click();
    await visible(page.getByText(/已过 6 天仍为“拟派”/));
    await screens(page, 'e2e-home-past-start');
    await page.getByRole('button', { name: '登记苗青禾到岗' }).click();
    await page.locator('.ant-popover').getByRole('button', { name: '登记到岗' }).click();
    await visible(page.getByText(`苗青禾：已登记到岗（${addDays(today, -6)}）`));
    const after = await app.services.postings.get(p.id);
    expect(after.status).toBe('在岗');
    expect(after.statusChanges.at(-1)).toMatchObject({ from: '拟派', to: '在岗', date: addDays(today, -6) });
    expect((await app.services.postings.reminders({})).pastStart).toEqual([]);
  });

  it('greys a member whose file is in the recycle bin: 已删除, not counted, not 组长, not to be chosen as 组长', async () => {
    const { page } = app;
    const name = '安康市第7批赴常州挂职干部';
    const page0 = await app.services.batches.get(await batchId(name));
    const leader = page0.members.find((m) => m.isLeader)!;
    await app.services.cadres.remove(ctx, leader.cadreId);
    await openBatch(name);
    await visible(page.getByRole('tab', { name: `成员（${page0.members.length - 1}）` }));
    const row = page.getByRole('tabpanel', { name: /成员/ }).getByRole('row', { name: new RegExp(leader.name) });
    await visible(row.getByText('已删除'));
    expect(await row.getByText('组长', { exact: true }).count()).toBe(0);
    expect(await page.getByRole('tabpanel', { name: /成员/ }).getByText('组长', { exact: true }).count()).toBe(0);
    await visible(page.getByText(`未指定（原组长${leader.name}的档案在回收站中）`));
    await visible(page.getByText(/另有 1 人的档案在回收站中/));
    await screens(page, 'e2e-batch-recycled-member');

    await page.getByRole('button', { name: '编辑批次' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '编辑批次' });
    await visible(dialog.getByText(`原组长${leader.name}的档案已移入回收站`));
    await dialog.getByLabel('组长').click();
    await visible(page.locator('.ant-select-item-option-disabled').filter({ hasText: `${leader.name}（已删除）` }));
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: '取消' }).click();
    await app.services.cadres.restore(ctx, leader.cadreId);
  });

  it('puts a duplicate batch name under its field, and asks before dropping unsaved edits', async () => {
    const { page } = app;
    await openBatch('2026年度一线挂职锻炼');
    await page.getByRole('button', { name: '编辑批次' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '编辑批次' });
    await dialog.getByLabel('批次名称').fill('安康市第7批赴常州挂职干部');
    await dialog.getByRole('button', { name: '保存' }).click();
    const nameItem = dialog.locator('.ant-form-item').filter({ has: page.getByLabel('批次名称') });
    await visible(nameItem.locator('.ant-form-item-explain-error').filter({ hasText: '“安康市第7批赴常州挂职干部”已存在，请换一个名称' }));
    await screens(page, 'e2e-batch-duplicate-name');

    // 取消 with edits typed: the guard asks; 留在此处 keeps the dialog and what was typed.
    await dialog.getByRole('button', { name: '取消' }).click();
    const ask = page.locator('.ant-modal-confirm').filter({ hasText: '有未保存的修改' });
    await visible(ask);
    await ask.getByRole('button', { name: '留在此处' }).click();
    expect(await dialog.getByLabel('批次名称').inputValue()).toBe('安康市第7批赴常州挂职干部');
    await dialog.getByRole('button', { name: '取消' }).click();
    await page.locator('.ant-modal-confirm').filter({ hasText: '有未保存的修改' }).getByRole('button', { name: '离开，不保存' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect((await app.services.batches.list()).map((b) => b.name).sort()).toEqual(['2026年度一线挂职锻炼', '安康市第7批赴常州挂职干部'].sort());
  });

  it('puts an overlapping posting under the 挂职记录 form’s dates', async () => {
    const { page } = app;
    const wu = (await app.services.cadres.list({ query: '吴海涛' })).items[0];
    await app.services.postings.save(ctx, { cadreId: wu.id, direction: '派出', hostUnit: '石泉县商务局', startDate: '2026.11.01', plannedEndDate: '2027.04.30' });
    await openBatch('2026年度一线挂职锻炼');
    await page.getByRole('tabpanel', { name: /成员/ }).getByRole('row', { name: /吴海涛/ }).getByRole('button', { name: '编辑' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '编辑挂职记录 · 吴海涛' });
    await dialog.getByLabel('计划结束日期').fill('2026.12.31');
    await dialog.getByRole('button', { name: '保存' }).click();
    const startItem = dialog.locator('.ant-form-item').filter({ has: page.getByLabel('开始日期', { exact: true }) });
    await visible(startItem.locator('.ant-form-item-explain-error').filter({ hasText: /“吴海涛”在此期间已有挂职：石泉县商务局（2026\.11\.01—2027\.04\.30）/ }));
    const endItem = dialog.locator('.ant-form-item').filter({ has: page.getByLabel('计划结束日期') });
    await visible(endItem.locator('.ant-form-item-explain-error').filter({ hasText: '与另一段挂职的时间重叠' }));
    await screens(page, 'e2e-posting-overlap');
    await dialog.getByRole('button', { name: '取消' }).click();
    await page.locator('.ant-modal-confirm').filter({ hasText: '有未保存的修改' }).getByRole('button', { name: '离开，不保存' }).click();
    await app.services.postings.remove(ctx, (await app.services.postings.listByCadre(wu.id)).find((p) => p.hostUnit === '石泉县商务局')!.id);
  });

  it('lists the postings outside a batch’s new dates and moves them to the batch’s', async () => {
    const { page } = app;
    const name = '2026年度一线挂职锻炼';
    await openBatch(name);
    await page.getByRole('button', { name: '编辑批次' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '编辑批次' });
    // The term ends a month earlier: the running postings ending 2027.01.04 now end after it.
    await dialog.getByLabel('批次结束日期').fill('2026.12.04');
    await dialog.getByRole('button', { name: '保存' }).click();
    const align = page.locator('.ant-modal').filter({ hasText: '挂职起止不在批次起止内的成员' });
    await visible(align.getByText('2026.01.05—2026.12.04'));
    const mismatched = align.getByRole('row', { name: /黄文博/ });
    await visible(mismatched.getByText('2026.01.05—2026.12.04'));
    await screens(page, 'e2e-batch-term-align');
    await align.getByRole('button', { name: /调整为批次起止日期（\d+ 人）/ }).click();
    await visible(page.getByText(/已将 \d+ 人的挂职起止调整为批次起止/).or(page.getByText(/人未调整/)));
    const after = await app.services.batches.get(await batchId(name));
    const huang = after.members.find((m) => m.name === '黄文博')!;
    expect(huang.plannedEndDate).toBe('2026.12.04');
    const zhou = after.members.find((m) => m.name === '周敏')!;
    // 拟派 from 2026.12.01: inside the new term (start) but past its end — moved wholly to the batch's term.
    expect([zhou.startDate, zhou.plannedEndDate]).toEqual(['2026.01.05', '2026.12.04']);
    if (await page.locator('.ant-modal-confirm').isVisible()) await page.locator('.ant-modal-confirm').getByRole('button', { name: '知道了' }).click();
  });

  it('changes the status of several selected members at once, listing each refusal by person', async () => {
    const { page } = app;
    const name = '2026年度一线挂职锻炼';
    await openBatch(name);
    await page.getByRole('checkbox', { name: '选择周敏' }).check();
    await page.getByRole('checkbox', { name: '选择黄文博' }).check();
    await page.getByRole('button', { name: /批量变更状态/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '批量变更状态（已选 2 人）' });
    await dialog.getByLabel('批量新状态').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('在岗', { exact: true }).click();
    await visible(dialog.getByText('其中 1 人当前状态不能改为“在岗”，将逐人列出原因，其余照常变更'));
    await screens(page, 'e2e-batch-bulk-status');
    await dialog.getByRole('button', { name: '确定变更' }).click();
    const refusals = page.locator('.ant-modal-confirm').filter({ hasText: '1 人状态已改为“在岗”；1 人未变更' });
    await visible(refusals.getByTestId('bulk-refusals').getByText('黄文博'));
    await visible(refusals.getByText(/不能从“在岗”改为“在岗”/));
    await refusals.getByRole('button', { name: '知道了' }).click();
    const after = await app.services.batches.get(await batchId(name));
    expect(after.members.find((m) => m.name === '周敏')!.status).toBe('在岗');
    await screens(page, 'e2e-batch-members');
  });

  it('sorts the member table on every column', async () => {
    const { page } = app;
    await openBatch('安康市第7批赴常州挂职干部');
    const members = page.getByRole('tabpanel').locator('.ant-table').first();
    const headers = ['姓名', '挂职单位', '挂任职务', '起止', '状态', '辅导员'];
    for (const h of headers) expect(await members.locator('th.ant-table-column-has-sorters').filter({ hasText: h }).count()).toBe(1);
    await members.locator('th.ant-table-column-has-sorters').filter({ hasText: '挂职单位' }).click();
    const units = await members.locator('tbody tr.ant-table-row td:nth-child(3)').allInnerTexts();
    expect(units).toEqual([...units].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  });

  it('shows every table of the batch pages and the home page at 1366×768 and 1920×1080 (screens to look at)', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/batches`);
    await visible(page.getByText('安康市第7批赴常州挂职干部'));
    await screens(page, 'e2e-batch-list');
    await openBatch('安康市第7批赴常州挂职干部');
    await screens(page, 'e2e-batch-tab-members');
    for (const [tab, name] of [
      [/工作小组/, 'groups'],
      [/临时党支部/, 'branch'],
      [/季度主题/, 'themes'],
      [/会议记录/, 'meetings'],
      [/考核完成情况/, 'completion'],
      [/成长评价/, 'growth'],
      [/修改记录/, 'history'],
    ] as const) {
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForTimeout(400);
      await screens(page, `e2e-batch-tab-${name}`);
    }
    await page.goto(`${url}#/`);
    await visible(page.getByText('挂职提醒'));
    await screens(page, 'e2e-home-overview');
    await page.getByText('在岗率预警').scrollIntoViewIfNeeded();
    await screens(page, 'e2e-home-onpost-warnings');
  });

  it('清除示例数据 removes the demo and keeps the clerk’s own file, saying what is kept and why', async () => {
    const { page, url } = app;
    // The clerk's own person joins a demo batch: that batch stays, with him.
    const own = await app.services.cadres.save(ctx, { name: '岳承志', gender: '男', birthDate: '1987.09', idNumber: makeIdNumber('610902', '19870921', 415, '男'), workUnit: '安康市发展和改革委员会' });
    await app.services.batches.addMembers(ctx, { batchId: await batchId('安康市第7批赴常州挂职干部'), cadreIds: [own.id], defaults: { hostUnit: '常州市发展和改革委员会', status: '在岗' } });
    await page.goto(`${url}#/`);
    await page.reload();
    await page.getByRole('button', { name: '清除示例数据' }).click();
    const confirm = page.locator('.ant-modal-confirm').filter({ hasText: '清除示例数据？' });
    await visible(confirm.getByText(/将清除示例数据：干部档案 15 份、批次 1 个/));
    await visible(confirm.getByText(/不是示例数据的档案、批次和记录不受影响/));
    await visible(confirm.getByTestId('demo-kept').getByText(/批次“安康市第7批赴常州挂职干部”/));
    await visible(confirm.getByText(/其中有不是示例数据的成员（岳承志）/));
    await screens(page, 'e2e-home-demo-clear');
    await confirm.getByRole('button', { name: '清除示例数据' }).click();
    const done = page.locator('.ant-modal-confirm').filter({ hasText: '示例数据已清除' });
    await visible(done.getByText(/已清除示例数据：干部档案 15 份、批次 1 个/));
    await done.getByRole('button', { name: '知道了' }).click();
    expect((await app.services.cadres.list({})).items.map((c) => c.name).sort()).toEqual(['岳承志', '苗青禾'].sort());
    expect((await app.services.batches.list()).map((b) => [b.name, b.memberCount])).toEqual([['安康市第7批赴常州挂职干部', 1]]);
    await expect.poll(() => page.getByRole('button', { name: '清除示例数据' }).count()).toBe(0);
    expect((await app.services.archives.verify()).ok).toBe(true);
  });
});
