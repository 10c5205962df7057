import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor } from '../../electron/auth/Access';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { startServer, type RunningServer } from '../../electron/host/serverMode';
import { AppServices } from '../../electron/services/AppServices';
import { createTestDatabase } from '../helpers/testDb';
import { CHROMIUM, screens, startApp, STATIC_DIR, visible, type RunningApp } from './harness';

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

/** A browser context of its own (its own cookies) on the host, as a clerk's PC. */
async function clerkBrowser(browser: Browser, openUrl: string): Promise<Page> {
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

/** The two clerks' accounts (passwords already changed from the administrator's) and the file they both edit. */
async function seed(services: AppServices): Promise<number> {
  const ctx = { actor: 'e2e' };
  const access = accessFor(services);
  await access.accounts.createFirstAdmin(ctx, { username: 'admin', name: '周建国', dept: '干部科', password: 'Admin2026a' });
  for (const [username, name] of [
    ['lisi', '李四'],
    ['wangfang', '王芳'],
  ]) {
    await access.accounts.add(ctx, { username, name, dept: '干部科', role: 'clerk', password: 'Initial2026a' });
    await access.accounts.changePassword({ actor: username }, username, { current: 'Initial2026a', next: 'Clerk2026ab', nextAgain: 'Clerk2026ab' });
  }
  return (
    await services.cadres.save(ctx, { name: '欧阳明轩', gender: '男', birthDate: '1983.04', idNumber: makeIdNumber('610902', '19830412', 35, '男'), workUnit: '安康市商务局', phone: '0915-3261000' })
  ).id;
}

/**
 * 李四 and 王芳, each signed in in a browser context of their own, open the same file; 李四 saves first; 王芳's save
 * is refused in the form naming 李四; 刷新 loads his change and keeps her text; saved again, both changes stand.
 */
async function twoClerks(o: { a: Page; b: Page; base: string; services: AppServices; cadreId: number; shots: string }): Promise<void> {
  const { a, b, base, services, cadreId } = o;
  await a.setViewportSize({ width: 1366, height: 768 });
  for (const [page, username, name] of [
    [a, 'lisi', '李四'],
    [b, 'wangfang', '王芳'],
  ] as const) {
    await signIn(page, username, 'Clerk2026ab');
    await visible(page.getByRole('button', { name: new RegExp(name) }));
  }

  // Both open the file's form at the same version.
  await openEdit(a, base, cadreId);
  await openEdit(b, base, cadreId);

  // 李四 saves first.
  await a.getByLabel('联系电话', { exact: true }).fill('0915-3268801');
  await a.getByRole('button', { name: '保存' }).first().click();
  await visible(a.getByText('档案已保存'));
  expect((await services.cadres.get(cadreId)).phone).toBe('0915-3268801');

  // 王芳 saves from the version she loaded: refused, in the form, naming 李四 and the time.
  await b.getByLabel('备注', { exact: true }).fill('王芳补记：2026年度体检已完成');
  await b.getByRole('button', { name: '保存' }).last().click();
  const alert = b.getByTestId('version-conflict').locator('.ant-alert-warning');
  await visible(alert);
  expect(await alert.innerText()).toMatch(/“欧阳明轩”的档案已被李四于 \d{2}:\d{2} 修改，请刷新后再改（您的修改未保存）/);
  await visible(b.getByTestId('version-conflict-kept').getByText('王芳补记：2026年度体检已完成'));
  // Nothing of hers was written; 李四's change stands.
  expect(await services.cadres.get(cadreId)).toMatchObject({ phone: '0915-3268801', remarks: '' });
  await b.getByRole('heading', { name: '编辑干部档案' }).scrollIntoViewIfNeeded();
  await screens(b, o.shots);

  // 刷新: the form shows 李四's change; what she typed stays listed for copying.
  await b.getByRole('button', { name: '刷新' }).click();
  await expect.poll(() => b.getByLabel('联系电话', { exact: true }).inputValue()).toBe('0915-3268801');
  expect(await b.getByLabel('备注', { exact: true }).inputValue()).toBe('');
  expect(await b.getByTestId('version-conflict').locator('.ant-alert-warning').count()).toBe(0);
  await visible(b.getByText('您刷新前填写的内容（未保存，可复制后重新填入）'));
  await screens(b, `${o.shots}-refreshed`);

  // Entered again on the new version, her save goes through and keeps his.
  await b.getByLabel('备注', { exact: true }).fill('王芳补记：2026年度体检已完成');
  await b.getByRole('button', { name: '保存' }).first().click();
  await visible(b.getByText('档案已保存'));
  expect(await services.cadres.get(cadreId)).toMatchObject({ phone: '0915-3268801', remarks: '王芳补记：2026年度体检已完成' });
  const edits = (await services.cadres.history(cadreId)).filter((e) => e.action === '修改').map((e) => e.actor);
  expect(edits).toEqual(['wangfang', 'lisi']);
}

describe('两名经办人同时修改同一份档案（浏览器版，SQLite）', () => {
  let app: RunningApp;
  let cadreId = 0;

  beforeAll(async () => {
    app = await startApp();
    cadreId = await seed(app.services);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the second save shows who changed the file and when; 刷新 loads that change and keeps the typed text for copying', async () => {
    await app.page.goto(app.url);
    const b = await clerkBrowser(app.browser, app.host.newLink());
    await twoClerks({ a: app.page, b, base: app.url, services: app.services, cadreId, shots: 'e2e-edit-conflict' });
    await b.context().close();
  });
});

// The department server (npm run server) on PostgreSQL: run with a test cluster, e.g.
//   node scripts/pgTestCluster.mjs -- node scripts/e2e.mjs tests/e2e/editConflict.e2e.test.ts
const onServer = !!process.env.CADRE_DESK_TEST_PG;
(onServer ? describe : describe.skip)('两名经办人同时修改同一份档案（单位服务器，PostgreSQL）', () => {
  let server: RunningServer;
  let services: AppServices;
  let browser: Browser;
  let drop: () => Promise<void>;
  let dir: string;
  let cadreId = 0;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-e2e-server-'));
    const db = await createTestDatabase();
    drop = db.drop;
    services = await AppServices.open(db.url, { dataDir: dir });
    cadreId = await seed(services);
    // A network address (another loopback address than 127.0.0.1): the server's rules — sessions only, no one-time address.
    server = await startServer({ pg: db.url, dataDir: dir, listen: '127.0.0.2:0', insecureLan: true, staticDir: STATIC_DIR, ctx: { actor: 'server' }, log: { error: () => undefined, info: () => undefined, warn: () => undefined } as never });
    expect(server.local).toBe(false);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await services?.close();
    await drop?.();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('two users in two browser contexts against the server: the second save shows “已被李四…修改，请刷新”', async () => {
    const a = await clerkBrowser(browser, server.host.url);
    const b = await clerkBrowser(browser, server.host.url);
    await twoClerks({ a, b, base: server.host.url, services, cadreId, shots: 'e2e-edit-conflict-server' });
  });
});
