import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { startHost, type RunningHost } from '../../electron/host/server';
import { DbWorkerClient } from '../../electron/worker/DbWorkerClient';
import { screenshot, STATIC_DIR, startApp, visible, type RunningApp, screens } from './harness';

const ctx = { actor: 'e2e' };
const PASSWORD = 'Changzhou2025';
const NEW_PASSWORD = 'Ankang2026xy';
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** The error text antd shows under a form field, found by the field's label. */
function fieldError(page: Page, label: string) {
  return page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) }).locator('.ant-form-item-explain-error');
}

describe('系统 → 数据加密 and the unlock screen in the browser host', () => {
  let app: RunningApp;
  // The "restarted" app: a second worker and host on the same, now encrypted, file.
  let worker2: DbWorkerClient | null = null;
  let host2: RunningHost | null = null;
  let firstStopped = false;

  beforeAll(async () => {
    app = await startApp();
    await app.page.setViewportSize({ width: 1366, height: 768 });
    // A plain backup from before: turning encryption on converts it.
    await app.services.backups.backup(ctx, { reason: '手动' });
    await app.services.cadres.save(ctx, { name: '东方明远', gender: '男', birthDate: '1983.05', idNumber: makeIdNumber('320402', '19830512', 33, '男'), workUnit: '常州市人力资源和社会保障局' });
  });
  afterAll(async () => {
    if (!app) return;
    await app.browser.close();
    await host2?.close();
    await worker2?.close();
    if (!firstStopped) {
      await app.host.close();
      await app.worker.close();
    }
    // The test's own connection still has the plain file from before the encryption open: only closed.
    await app.services.close();
    fs.rmSync(app.dir, { recursive: true, force: true });
  });

  it('turns encryption on from the page after refusing a weak password', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/`);
    await page.getByRole('menuitem', { name: '数据加密' }).click();
    await visible(page.getByRole('heading', { name: '数据加密' }));
    await visible(page.getByText('未加密', { exact: true }));
    await visible(page.getByText(/数据库、佐证材料和所有备份文件都将用密码加密；拷走数据文件夹的人无法读取身份证号等信息/));
    await visible(page.getByText('忘记密码将无法恢复任何数据', { exact: true }));
    // The warning comes before the form.
    const warningTop = (await page.getByText('忘记密码将无法恢复任何数据', { exact: true }).boundingBox())!.y;
    const fieldTop = (await page.getByLabel('数据库密码', { exact: true }).boundingBox())!.y;
    expect(warningTop).toBeLessThan(fieldTop);
    await visible(page.getByText(/请将密码写在纸上密封，交本单位负责人保管/));

    // Without the tick the button cannot be pressed.
    const enable = page.locator('.ant-card').filter({ hasText: '启用加密' }).getByRole('button', { name: '启用加密' });
    expect(await enable.isDisabled()).toBe(true);
    await screens(page, 'e2e-encryption-off');

    // A weak password: the service's message under the field, and nothing encrypted.
    await page.getByLabel('数据库密码', { exact: true }).fill('abc123');
    await page.getByLabel('再次输入密码', { exact: true }).fill('abc123');
    await page.getByText('我已知晓：忘记密码将无法恢复数据').click();
    await expect.poll(() => enable.isDisabled()).toBe(false);
    const confirm = page.locator('.ant-popconfirm:not(.ant-popover-hidden)');
    const confirmEnable = async () => {
      await enable.click();
      await visible(confirm.getByText('确认启用数据加密？'));
      await confirm.getByRole('button', { name: '启用加密' }).click();
      await confirm.waitFor({ state: 'hidden' });
    };
    await confirmEnable();
    await visible(fieldError(page, '数据库密码').getByText('数据库密码：至少8个字符'));
    expect(fs.readFileSync(path.join(app.dir, 'cadre.db')).subarray(0, 16).equals(SQLITE_MAGIC)).toBe(true);
    await page.locator('.ant-layout-content').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await screens(page, 'e2e-encryption-weak');

    // Two passwords that differ: said under the second field.
    await page.getByLabel('数据库密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('再次输入密码', { exact: true }).fill(`${PASSWORD}x`);
    await confirmEnable();
    await visible(fieldError(page, '再次输入密码').getByText('再次输入密码：两次输入的密码不一致'));
    await expect.poll(() => fieldError(page, '数据库密码').count()).toBe(0);

    await page.getByLabel('再次输入密码', { exact: true }).fill(PASSWORD);
    const before = fs.readdirSync(path.join(app.dir, 'backups')).filter((f) => f.endsWith('.cdbak')).length;
    expect(before).toBeGreaterThanOrEqual(1);
    await confirmEnable();
    await visible(page.getByText('已启用数据加密', { exact: true }), 60_000);
    await visible(page.getByText(/加密前已自动备份为“挂职干部管理系统备份-.*\.cdbak”（该备份同样已加密）；/));
    await visible(page.getByText(`此前的 ${before} 个备份也已改为加密保存。`));
    await visible(page.getByText('已加密', { exact: true }));
    await visible(page.getByRole('button', { name: '修改密码' }));
    // The result is scrolled into view, not left above the form the clerk filled in.
    const headingBox = (await page.getByRole('heading', { name: '数据加密' }).boundingBox())!;
    expect(headingBox.y).toBeGreaterThanOrEqual(64); // below the red band, not scrolled away
    expect((await page.getByText('已启用数据加密', { exact: true }).boundingBox())!.y).toBeLessThan(768);
    await screens(page, 'e2e-encryption-on');

    const head = fs.readFileSync(path.join(app.dir, 'cadre.db')).subarray(0, 16);
    expect(head.equals(SQLITE_MAGIC)).toBe(false);
    // The safety backup joins the converted ones.
    expect(fs.readdirSync(path.join(app.dir, 'backups')).filter((f) => f.endsWith('.cdbak'))).toHaveLength(before + 1);
  });

  it('after a restart asks for the password, refuses a wrong one, and opens with the right one', async () => {
    const { page } = app;
    // The first app stops, as when the clerk closes the window; a new worker and host open the same file.
    await app.host.close();
    await app.worker.close();
    firstStopped = true;
    worker2 = await DbWorkerClient.start(path.join(app.dir, 'cadre.db'), { error: () => undefined });
    // The host asks whichever worker runs now, so that the last test can restart the worker behind an open page.
    host2 = await startHost({ route: (...args: Parameters<DbWorkerClient['route']>) => worker2!.route(...args), ctx: { actor: 'e2e' }, staticDir: STATIC_DIR, port: 0, log: { error: () => undefined } });
    // The status call itself failing (the local service unreachable): an error screen with 重试.
    await page.route('**/api/security%3Astatus', (r) => r.abort());
    await page.goto(host2.openUrl);
    await visible(page.getByText('无法连接数据库', { exact: true }));
    await visible(page.getByText(/无法连接到本机服务/));
    await screenshot(page, 'e2e-encryption-gate-error-1366');
    await page.unroute('**/api/security%3Astatus');
    await page.getByRole('button', { name: '重试' }).click();

    await visible(page.getByText('数据库已加密', { exact: true }));
    await visible(page.getByText('忘记密码无法找回数据，请联系本单位保管密码的负责人'));
    const field = page.getByLabel('数据库密码', { exact: true });
    // Focus is in the field: typing goes straight into it.
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    // The app itself is not shown while locked.
    expect(await page.getByRole('menuitem', { name: '干部档案' }).count()).toBe(0);
    await screens(page, 'e2e-encryption-unlock');

    await page.keyboard.type('wrongPass123');
    await page.keyboard.press('Enter');
    await visible(fieldError(page, '数据库密码').getByText('数据库密码：密码不正确'));
    expect(await field.inputValue()).toBe('');
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await screens(page, 'e2e-encryption-unlock-wrong');

    await field.fill(PASSWORD);
    await page.getByRole('button', { name: '解锁' }).click();
    await page.getByRole('menuitem', { name: '干部档案' }).click();
    await visible(page.getByText('东方明远', { exact: true }));
    expect(await page.getByText('数据库已加密', { exact: true }).count()).toBe(0);
  });

  it('changes the password on the page; after the worker restarts the open page asks again and takes only the new one', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '数据加密' }).click();
    await visible(page.getByText('已加密', { exact: true }));
    await visible(page.getByText(/此前的备份仍需用备份时的密码恢复/));

    // A wrong current password: under its field.
    await page.getByLabel('当前密码', { exact: true }).fill('notIt12345');
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('再次输入新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '修改密码' }).click();
    await visible(fieldError(page, '当前密码').getByText('当前密码：密码不正确'));

    await page.getByLabel('当前密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '修改密码' }).click();
    await visible(page.getByText('数据库密码已修改', { exact: true }).first(), 60_000);
    await visible(page.getByText('数据库和佐证材料已用新密码重新加密。此前的备份仍需用备份时的密码恢复。'));
    expect(await page.getByLabel('当前密码', { exact: true }).inputValue()).toBe('');
    await screens(page, 'e2e-encryption-changed');

    // The worker restarts behind the open page: the next call answers LOCKED and the unlock screen comes back.
    await worker2!.close();
    worker2 = await DbWorkerClient.start(path.join(app.dir, 'cadre.db'), { error: () => undefined });
    await page.getByRole('menuitem', { name: '干部档案' }).click();
    await visible(page.getByText('数据库已加密', { exact: true }));
    // The old password is refused, the new one opens.
    const field = page.getByLabel('数据库密码', { exact: true });
    await field.fill(PASSWORD);
    await field.press('Enter');
    await visible(fieldError(page, '数据库密码').getByText('数据库密码：密码不正确'));
    await field.fill(NEW_PASSWORD);
    await field.press('Enter');
    await visible(page.getByText('东方明远', { exact: true }));

    // A backup made before the change restores with its own (old) password, asked for in the restore dialog.
    await page.getByRole('menuitem', { name: '数据备份' }).click();
    // The oldest backup: the plain one made before encryption, converted then under the first password.
    await page.locator('.ant-table-tbody').getByRole('button', { name: '恢复…' }).last().click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByText('该备份已加密', { exact: true }));
    await dialog.getByText('我已核对以上内容，确认恢复').click();
    const confirm = dialog.getByRole('button', { name: '确认恢复' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByTestId('restore-password').fill(NEW_PASSWORD);
    await confirm.click();
    await visible(dialog.getByText(/备份密码：密码不正确/));
    await dialog.getByTestId('restore-password').fill(PASSWORD);
    await confirm.click();
    await visible(page.getByText(/已从/).first(), 60_000);
  });
});
