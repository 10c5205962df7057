import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor } from '../../electron/auth/Access';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { screens, startApp, visible, type RunningApp } from './harness';

/**
 * Issue 17: two clerks, signed in as themselves in two browsers, edit the same cadre file. The second save is
 * refused with “…已被李四于 14:03 修改，请刷新后再改（您的修改未保存）” in the form; 刷新 loads the first clerk's change
 * and keeps what the second clerk typed listed for copying. Invented people only.
 */

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await visible(page.getByRole('heading', { name: '登录' }));
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByLabel('密码', { exact: true }).press('Enter');
}

/** A second browser (its own cookies) on the same host, as a second clerk's PC. */
async function secondBrowser(browser: Browser, openUrl: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(openUrl);
  return page;
}

async function openEdit(page: Page, base: string, cadreId: number): Promise<void> {
  await page.goto(`${base}#/cadres/${cadreId}/edit`);
  await visible(page.getByRole('heading', { name: '编辑干部档案' }));
  await expect.poll(() => page.getByLabel('姓名', { exact: true }).inputValue()).toBe('欧阳明轩');
}

describe('两名经办人同时修改同一份档案', () => {
  let app: RunningApp;
  let cadreId = 0;

  beforeAll(async () => {
    app = await startApp();
    const ctx = { actor: 'e2e' };
    const access = accessFor(app.services);
    await access.accounts.createFirstAdmin(ctx, { username: 'admin', name: '周建国', dept: '干部科', password: 'Admin2026a' });
    for (const [username, name] of [
      ['lisi', '李四'],
      ['wangfang', '王芳'],
    ]) {
      await access.accounts.add(ctx, { username, name, dept: '干部科', role: 'clerk', password: 'Initial2026a' });
      // As if each had already changed the administrator's password at first sign-in.
      await access.accounts.changePassword({ actor: username }, username, { current: 'Initial2026a', next: 'Clerk2026ab', nextAgain: 'Clerk2026ab' });
    }
    cadreId = (
      await app.services.cadres.save(ctx, { name: '欧阳明轩', gender: '男', birthDate: '1983.04', idNumber: makeIdNumber('610902', '19830412', 35, '男'), workUnit: '安康市商务局', phone: '0915-3261000' })
    ).id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the second save shows who changed the file and when; 刷新 loads that change and keeps the typed text for copying', async () => {
    const a = app.page;
    await a.setViewportSize({ width: 1366, height: 768 });
    await a.goto(app.url);
    await signIn(a, 'lisi', 'Clerk2026ab');
    await visible(a.getByRole('button', { name: /李四/ }));

    const b = await secondBrowser(app.browser, app.host.newLink());
    await signIn(b, 'wangfang', 'Clerk2026ab');
    await visible(b.getByRole('button', { name: /王芳/ }));

    // Both open the file's form at the same version.
    await openEdit(a, app.url, cadreId);
    await openEdit(b, app.url, cadreId);

    // 李四 saves first.
    await a.getByLabel('联系电话', { exact: true }).fill('0915-3268801');
    await a.getByRole('button', { name: '保存' }).first().click();
    await visible(a.getByText('档案已保存'));
    expect((await app.services.cadres.get(cadreId)).phone).toBe('0915-3268801');

    // 王芳 saves from the version she loaded: refused, in the form, naming 李四 and the time.
    await b.getByLabel('备注', { exact: true }).fill('王芳补记：2026年度体检已完成');
    await b.getByRole('button', { name: '保存' }).last().click();
    const alert = b.getByTestId('version-conflict').locator('.ant-alert-warning');
    await visible(alert);
    expect(await alert.innerText()).toMatch(/“欧阳明轩”的档案已被李四于 \d{2}:\d{2} 修改，请刷新后再改（您的修改未保存）/);
    await visible(b.getByTestId('version-conflict-kept').getByText('王芳补记：2026年度体检已完成'));
    // Nothing of hers was written; 李四's change stands.
    expect(await app.services.cadres.get(cadreId)).toMatchObject({ phone: '0915-3268801', remarks: '' });
    await b.getByRole('heading', { name: '编辑干部档案' }).scrollIntoViewIfNeeded();
    await screens(b, 'e2e-edit-conflict');

    // 刷新: the form shows 李四's change; what she typed stays listed for copying.
    await b.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => b.getByLabel('联系电话', { exact: true }).inputValue()).toBe('0915-3268801');
    expect(await b.getByLabel('备注', { exact: true }).inputValue()).toBe('');
    expect(await b.getByTestId('version-conflict').locator('.ant-alert-warning').count()).toBe(0);
    await visible(b.getByText('您刷新前填写的内容（未保存，可复制后重新填入）'));
    await screens(b, 'e2e-edit-conflict-refreshed');

    // Entered again on the new version, her save goes through and keeps his.
    await b.getByLabel('备注', { exact: true }).fill('王芳补记：2026年度体检已完成');
    await b.getByRole('button', { name: '保存' }).first().click();
    await visible(b.getByText('档案已保存'));
    expect(await app.services.cadres.get(cadreId)).toMatchObject({ phone: '0915-3268801', remarks: '王芳补记：2026年度体检已完成' });
    const edits = (await app.services.cadres.history(cadreId)).filter((e) => e.action === '修改').map((e) => e.actor);
    expect(edits).toEqual(['wangfang', 'lisi']);
    await b.context().close();
  });
});
