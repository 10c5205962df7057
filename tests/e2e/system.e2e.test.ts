import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { addDays, dayOf } from '../../shared/validators/yearMonth';
import { tamper } from '../helpers/tamper';
import { screenshot, startApp, visible, type RunningApp, screens } from './harness';

const ctx = { actor: 'e2e' };

describe('系统: 数据备份 and 归档核验 in the browser host', () => {
  let app: RunningApp;
  const today = dayOf(new Date());

  beforeAll(async () => {
    app = await startApp();
    await app.page.setViewportSize({ width: 1366, height: 768 });
    const people: [string, '男' | '女', string][] = [
      ['上官文涛', '男', '19800915'],
      ['诸葛雅琴', '女', '19850204'],
      ['慕容建国', '男', '19780630'],
    ];
    const ids: number[] = [];
    for (const [i, [name, gender, birth]] of people.entries())
      ids.push((await app.services.cadres.save(ctx, { name, gender, birthDate: `${birth.slice(0, 4)}.${birth.slice(4, 6)}`, idNumber: makeIdNumber('320402', birth, 61 + i * 2, gender), workUnit: '常州市发展和改革委员会' })).id);
    // One archived 季度考核, so that the ledger has an entry and 归档核验 has a record to rehash.
    const batchId = (await app.services.batches.save(ctx, { name: '常州市赴安康挂职干部（第8批）', type: '东西部协作/对口支援', direction: '派出', startDate: addDays(today, -60), endDate: addDays(today, 300) })).id;
    const added = await app.services.batches.addMembers(ctx, { batchId, cadreIds: ids, defaults: { status: '在岗', hostUnit: '安康市发展和改革委员会', hostPost: '副主任' } });
    const record = await app.services.assessments.save(ctx, 'quarterly', { postingId: added.added[0].postingId, quarter: 1, selfSummary: '对接产业合作项目4个', grade: '好', score: 90 });
    for (const action of ['submit', 'review', 'archive'] as const) await app.services.assessments.transition(ctx, { id: record.id, action });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('backs up, shows the comparison, restores after the tick, and keeps a 恢复前 backup', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/`);
    // The 系统 group in the side navigation.
    await page.getByRole('menuitem', { name: '数据备份' }).click();
    await visible(page.getByRole('heading', { name: '数据备份' }));
    await visible(page.getByText('还没有备份'));
    await visible(page.getByText(path.join(app.dir, 'backups'), { exact: true }));
    await visible(page.getByText('每天第一次启动本系统时自动备份一次'));
    await screens(page, 'e2e-system-backup-empty');

    // A folder that is not a full path is refused under the field, and nothing is saved.
    const folder = page.getByLabel('备份文件夹');
    await folder.fill('backups');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await visible(page.getByText(/应为完整路径/));
    expect((await app.services.settings.get()).backupFolder).toBe('');
    await folder.fill('');
    await expect.poll(() => page.getByText(/应为完整路径/).count()).toBe(0);
    // Retention: saved through setting:set.
    await page.getByLabel('保留每日自动备份（天）').fill('60');
    await page.getByRole('button', { name: '保存保留设置' }).click();
    await visible(page.getByText('已保存：每日自动备份保留 60 天，每月自动备份保留 12 个月'));
    expect(await app.services.settings.get()).toMatchObject({ backupKeepDaily: 60, backupKeepMonthly: 12 });
    await page.locator('.ant-layout-content').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await screens(page, 'e2e-system-backup-settings');
    await page.locator('.ant-layout-content').evaluate((el) => el.scrollTo(0, 0));

    await page.getByRole('button', { name: '立即备份' }).first().click();
    await visible(page.getByText(/备份完成：挂职干部管理系统备份-.*\.cdbak/));
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    const first = rows.first();
    await visible(first.getByText('手动', { exact: true }));
    await expect.poll(() => first.innerText()).toMatch(/干部档案\s*3/);
    await expect.poll(() => first.innerText()).toMatch(/归档账本条目\s*1/);
    const made = fs.readdirSync(path.join(app.dir, 'backups'));
    expect(made).toHaveLength(1);
    await screens(page, 'e2e-system-backup-list');

    // One more file after the backup: restoring would lose it, and the comparison says so.
    await app.services.cadres.save(ctx, { name: '欧阳明轩', gender: '男', birthDate: '1990.01', idNumber: makeIdNumber('320402', '19900118', 71, '男'), workUnit: '常州市财政局' });
    expect((await app.services.cadres.list({})).total).toBe(4);

    await first.getByRole('button', { name: '恢复…' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '恢复备份' });
    const cadreRow = dialog.getByRole('row', { name: /干部档案/ });
    await visible(cadreRow);
    expect(await cadreRow.getAttribute('class')).toContain('restore-row-loss');
    expect((await cadreRow.locator('td').allInnerTexts()).map((t) => t.trim())).toEqual(['干部档案', '3', '4', '减少 1']);
    // Tables the backup holds as many rows of are not highlighted.
    expect(await dialog.getByRole('row', { name: /批次/ }).getAttribute('class')).not.toContain('restore-row-loss');
    await visible(dialog.getByText('恢复会用备份替换当前全部数据；恢复前系统会自动备份当前数据（类型：恢复前），可随时再恢复回来。'));
    await visible(dialog.getByText('备份中 1 条，当前 1 条'));
    const confirm = dialog.getByRole('button', { name: '确认恢复' });
    expect(await confirm.isDisabled()).toBe(true);
    await page.waitForTimeout(400); // the dialog's opening animation
    await screens(page, 'e2e-system-restore-modal');

    await dialog.getByText('我已核对以上内容，确认恢复').click();
    expect(await confirm.isDisabled()).toBe(false);
    await confirm.click();
    await visible(page.getByText(/已从备份“挂职干部管理系统备份-.*”恢复全部数据/));
    await visible(page.getByText(/恢复前的数据已自动备份为“挂职干部管理系统备份-.*-恢复前\.cdbak”/));
    await dialog.waitFor({ state: 'hidden' });

    // In the database: back to three files; and the list now holds the safety backup.
    expect((await app.services.cadres.list({})).total).toBe(3);
    expect((await app.services.cadres.list({})).items.map((c) => c.name)).not.toContain('欧阳明轩');
    await expect.poll(() => rows.count()).toBe(2);
    await visible(page.locator('.ant-table-tbody').getByText('恢复前', { exact: true }));
    const safety = (await app.services.backups.list()).items.find((b) => b.reason === '恢复前');
    expect(safety?.counts.cadre).toBe(4);
    await screens(page, 'e2e-system-backup-restored');
  });

  it('refuses a file that is not a backup, in the dialog, and changes nothing', async () => {
    const { page } = app;
    const fake = path.join(app.dir, '别人的文件.cdbak');
    fs.writeFileSync(fake, 'not a zip at all');
    await page.getByLabel('备份文件路径').fill(fake);
    await page.getByRole('button', { name: '恢复…' }).last().click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '恢复备份' });
    await visible(dialog.getByText('不能用这个备份恢复'));
    await visible(dialog.getByText(/备份文件“别人的文件\.cdbak”无法使用/));
    expect(await dialog.getByRole('button', { name: '确认恢复' }).isDisabled()).toBe(true);
    await page.waitForTimeout(400);
    await screenshot(page, 'e2e-system-restore-refused');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await app.services.cadres.list({})).total).toBe(3);
    expect((await app.services.backups.list()).items).toHaveLength(2);
  });

  it('归档核验 finds everything consistent after the restore', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '归档核验' }).click();
    await visible(page.getByRole('heading', { name: '归档核验' }));
    await visible(page.getByText('尚未核验'));
    await page.getByRole('button', { name: '开始核验' }).click();
    await visible(page.getByText('全部一致', { exact: true }));
    await visible(page.getByText('已核对归档记录 1 份，与归档账本全部一致；数据库完整性正常。'));
    const report = page.locator('.ant-descriptions');
    await visible(report.getByText('正常', { exact: true }));
    await expect.poll(() => report.innerText()).toMatch(/归档账本\s*1 条：完整/);
    const check = await app.services.archives.verify();
    expect(check).toMatchObject({ ok: true, checked: 1, mismatches: [], missing: [] });
    await screens(page, 'e2e-system-verify');
  });

  it('归档核验 names an archived record changed outside the program', async () => {
    const { page } = app;
    // As someone with a SQLite tool would: the archive's triggers dropped, a grade rewritten.
    await tamper(path.join(app.dir, 'cadre.db'), `UPDATE assessment_record SET grade = '较差' WHERE state = '已归档'`);
    await page.getByRole('button', { name: '重新核验' }).click();
    await visible(page.getByText(/^发现 \d+ 处问题$/));
    const check = await app.services.archives.verify();
    expect(check.ok).toBe(false);
    expect(check.mismatches).toHaveLength(1);
    await visible(page.getByText(`发现 ${check.ledger.problems.length + check.mismatches.length + check.missing.length} 处问题`, { exact: true }));
    const mismatch = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: check.mismatches[0].label });
    await visible(mismatch.getByText(check.mismatches[0].reason));
    await visible(page.getByRole('button', { name: '去数据备份恢复' }));
    await screens(page, 'e2e-system-verify-problem');
    await mismatch.scrollIntoViewIfNeeded();
    await screenshot(page, 'e2e-system-verify-problem-table-1366');
  });
});
