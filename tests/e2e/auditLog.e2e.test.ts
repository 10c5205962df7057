import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { screenshot, startApp, visible, type RunningApp, screens } from './harness';

const clerk = { actor: '张科员' };
const chief = { actor: '李科长' };
const BATCH = '常州市赴安康挂职干部（第9批）';

/** The page from its top (展开 may have scrolled it), at both sizes. */
async function screensFromTop(page: Page, name: string): Promise<void> {
  await page.locator('.ant-layout-content').evaluate((el) => el.scrollTo(0, 0));
  await screens(page, name);
}

/** Picks an option of an antd Select named by its aria-label. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

/** The table's rows as text, one string per entry. */
async function rowTexts(page: Page): Promise<string[]> {
  return page.locator('.audit-table .ant-table-tbody tr.ant-table-row').allInnerTexts();
}

/** Waits for the list to settle after a search (no spinner). */
async function settled(page: Page): Promise<void> {
  await page.locator('.audit-table .ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => undefined);
  await page.waitForTimeout(150);
}

describe('系统 → 操作日志 in the browser host', () => {
  let app: RunningApp;
  let leaderName = '';
  let leaderId = 0;

  beforeAll(async () => {
    app = await startApp();
    await app.page.setViewportSize({ width: 1366, height: 768 });
    const s = app.services;
    // 张科员 files two cadres and a batch and adds them to it; 李科长 names the 组长 and corrects a phone number.
    const a = await s.cadres.save(clerk, { name: '司马振华', gender: '男', birthDate: '1982.03', idNumber: makeIdNumber('320402', '19820311', 31, '男'), workUnit: '常州市商务局' });
    const b = await s.cadres.save(clerk, { name: '欧阳慧敏', gender: '女', birthDate: '1987.11', idNumber: makeIdNumber('320402', '19871105', 42, '女'), workUnit: '常州市教育局' });
    const batchData = { name: BATCH, type: '东西部协作/对口支援', direction: '派出', startDate: '2025.03.01', endDate: '2027.02.28' } as const;
    const batch = await s.batches.save(clerk, batchData);
    await s.batches.addMembers(clerk, { batchId: batch.id, cadreIds: [a.id, b.id], defaults: { status: '在岗', hostUnit: '安康市商务局', hostPost: '副局长' } });
    await s.batches.save(chief, { ...batchData, leaderId: a.id }, batch.id);
    await s.cadres.save(chief, { name: '欧阳慧敏', gender: '女', birthDate: '1987.11', idNumber: makeIdNumber('320402', '19871105', 42, '女'), workUnit: '常州市教育局', phone: '13812345678' }, b.id);
    leaderName = a.name;
    leaderId = a.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists the entries newest first with names, and filters by 操作人 and 对象类型', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/`);
    await page.getByRole('menuitem', { name: '操作日志' }).click();
    await visible(page.getByRole('heading', { name: '操作日志' }));
    await visible(page.getByText('每一次修改都记录了谁、何时、改了什么；操作日志只能追加，不能修改或删除（归档核验会发现被改动的记录）。'));
    expect(page.url()).toContain('#/system/audit');

    await visible(page.locator('.audit-table .ant-table-row'));
    const rows = await rowTexts(page);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    // Newest first: 李科长's phone correction is on top.
    expect(rows[0]).toContain('李科长');
    expect(rows[0]).toContain('干部档案“欧阳慧敏”');
    expect(rows[0]).toMatch(/联系电话：\s*（空）\s*→\s*13812345678/);
    expect(rows.some((r) => r.includes('张科员') && r.includes('新建') && r.includes('干部档案“司马振华”'))).toBe(true);
    await visible(page.getByText(`共 ${rows.length} 条`));
    // A new cadre's many fields are folded behind 展开.
    const created = page.locator('.audit-table .ant-table-row').filter({ hasText: '干部档案“司马振华”' }).filter({ hasText: '新建' });
    const fold = created.getByText(/^展开/);
    await visible(fold);
    const before = (await created.locator('.audit-change').count());
    await fold.click();
    await expect.poll(() => created.locator('.audit-change').count()).toBeGreaterThan(before);
    await visible(created.getByText('收起'));
    await screensFromTop(page, 'e2e-audit-all');

    // 操作人 李科长: only theirs.
    await choose(page, '操作人', '李科长');
    await page.getByRole('button', { name: '查询' }).click();
    await settled(page);
    await expect.poll(async () => (await rowTexts(page)).length).toBe(2);
    for (const r of await rowTexts(page)) {
      expect(r).toContain('李科长');
      expect(r).not.toContain('张科员');
    }
    await visible(page.getByText('共 2 条'));
    expect(decodeURIComponent(page.url())).toContain('actor=李科长');

    // …and 对象类型 批次: the 组长 change shows the cadre's name, not the id.
    await choose(page, '对象类型', '批次');
    await page.getByRole('button', { name: '查询' }).click();
    await settled(page);
    await expect.poll(async () => (await rowTexts(page)).length).toBe(1);
    const [leaderRow] = await rowTexts(page);
    expect(leaderRow).toContain(`批次“${BATCH}”`);
    expect(leaderRow).toMatch(new RegExp(`组长：\\s*（空）\\s*→\\s*${leaderName}`));
    expect(leaderRow).not.toMatch(new RegExp(`→\\s*${leaderId}\\b`));
    await screensFromTop(page, 'e2e-audit-filtered');

    // A refresh keeps the filters (they are in the address).
    await page.reload();
    await visible(page.getByRole('heading', { name: '操作日志' }));
    await settled(page);
    await expect.poll(async () => (await rowTexts(page)).length).toBe(1);
    await visible(page.locator('.ant-select').filter({ hasText: '李科长' }));
    await visible(page.locator('.ant-select').filter({ hasText: '批次' }));
  });

  it('shows the empty state for a keyword that matches nothing, resets, and exports the current filters', async () => {
    const { page } = app;
    await page.getByLabel('关键词').fill('不存在的说明文字');
    await page.getByLabel('关键词').press('Enter');
    await visible(page.getByText('没有符合条件的操作记录'));
    expect(await rowTexts(page)).toEqual([]);
    expect(await page.getByRole('button', { name: '导出Excel' }).isDisabled()).toBe(true);
    await screensFromTop(page, 'e2e-audit-empty');

    await page.getByRole('button', { name: '重置' }).click();
    await settled(page);
    await expect.poll(async () => (await rowTexts(page)).length).toBeGreaterThanOrEqual(5);
    expect(await page.getByLabel('关键词').inputValue()).toBe('');
    expect(page.url()).not.toContain('actor=');
    const total = (await rowTexts(page)).length;

    // 日期范围: today to today holds everything; the calendar speaks Chinese.
    const today = new Date();
    const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    await page.getByPlaceholder('开始日期').click();
    await visible(page.locator('.ant-picker-dropdown:visible').getByText('今天').or(page.locator('.ant-picker-dropdown:visible th', { hasText: '一' })));
    await page.waitForTimeout(300);
    await screenshot(page, 'e2e-audit-range-picker-1366');
    await page.getByPlaceholder('开始日期').fill(day);
    await page.getByPlaceholder('结束日期').click();
    await page.getByPlaceholder('结束日期').fill(day);
    await page.getByPlaceholder('结束日期').press('Enter');
    await page.getByRole('heading', { name: '操作日志' }).click();
    await page.getByRole('button', { name: '查询' }).click();
    await settled(page);
    await expect.poll(() => page.url()).toContain(`from=${day}`);
    expect(page.url()).toContain(`to=${day}`);
    await expect.poll(async () => (await rowTexts(page)).length).toBe(total);

    const exportButton = page.getByRole('button', { name: '导出Excel' });
    expect(await exportButton.isDisabled()).toBe(false);
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    expect(download.suggestedFilename()).toMatch(/^操作日志_\d{8}\.xlsx$/);
    await visible(page.getByText(new RegExp(`已导出 ${total} 条操作记录：操作日志_\\d{8}\\.xlsx`)));
  });

  it('says when the log cannot be read, and 重试 reads it again', async () => {
    const { page } = app;
    let fail = true;
    const isList = (u: URL) => decodeURIComponent(u.pathname).endsWith('/api/audit:list');
    await page.route(
      isList,
      (route) => (fail ? route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: '读取数据库时出错' } }) }) : route.continue()),
    );
    await page.getByRole('button', { name: '查询' }).click();
    await visible(page.getByText('无法读取操作日志'));
    await visible(page.getByText('读取数据库时出错'));
    await screenshot(page, 'e2e-audit-error-1366');
    fail = false;
    await page.getByRole('button', { name: '重试' }).click();
    await visible(page.locator('.audit-table .ant-table-row'));
    await page.unroute(isList);
  });
});
