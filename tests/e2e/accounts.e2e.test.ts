import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor } from '../../electron/auth/Access';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { addDays, dayOf } from '../../shared/validators/yearMonth';
import { screenshot, startApp, visible, type RunningApp, screens } from './harness';

/** Picks an option of the antd Select under the form label `label` in the open dialog. */
async function chooseInDialog(page: Page, label: string, option: string): Promise<void> {
  await page.locator('.ant-modal:visible').getByLabel(label, { exact: true }).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

/** 新建用户 through the dialog of 用户管理. */
async function addUser(page: Page, u: { username: string; name: string; dept: string; role: string; password: string }): Promise<void> {
  await page.getByRole('button', { name: '新建用户' }).click();
  const dialog = page.locator('.ant-modal:visible');
  await visible(dialog.getByText('首次登录时须修改为自己的密码'));
  await dialog.getByLabel('用户名', { exact: true }).fill(u.username);
  await dialog.getByLabel('姓名', { exact: true }).fill(u.name);
  await dialog.getByLabel('科室', { exact: true }).fill(u.dept);
  await chooseInDialog(page, '角色', u.role);
  await dialog.getByLabel('初始密码', { exact: true }).fill(u.password);
  await dialog.getByLabel('再次输入初始密码', { exact: true }).fill(u.password);
  await dialog.getByRole('button', { name: '创建用户' }).click();
}

/** Fills the sign-in screen and presses Enter (not the button: Enter must submit). */
async function signIn(page: Page, username: string, password: string): Promise<void> {
  await visible(page.getByRole('heading', { name: '登录' }));
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByLabel('密码', { exact: true }).press('Enter');
}

describe('账户: first administrator, sign-in, roles and the idle lock in the browser host', () => {
  let app: RunningApp;
  let postingId = 0;

  beforeAll(async () => {
    app = await startApp();
    const ctx = { actor: 'e2e' };
    const cadreId = (await app.services.cadres.save(ctx, { name: '上官文涛', gender: '男', birthDate: '1980.09', idNumber: makeIdNumber('320402', '19800915', 61, '男'), workUnit: '常州市发展和改革委员会' })).id;
    // A submitted 季度考核 for the reviewer of the second test.
    const today = dayOf(new Date());
    const batchId = (await app.services.batches.save(ctx, { name: '常州市赴安康挂职干部（第10批）', type: '东西部协作/对口支援', direction: '派出', startDate: addDays(today, -60), endDate: addDays(today, 300) })).id;
    const added = await app.services.batches.addMembers(ctx, { batchId, cadreIds: [cadreId], defaults: { status: '在岗', hostUnit: '安康市发展和改革委员会', hostPost: '副主任' } });
    postingId = added.added[0].postingId;
    const record = await app.services.assessments.save(ctx, 'quarterly', { postingId, quarter: 1, selfSummary: '对接产业合作项目4个', grade: '好', score: 90 });
    await app.services.assessments.transition(ctx, { id: record.id, action: 'submit' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('sets up the administrator, creates a clerk and a viewer, hides what a viewer cannot use, and locks after the idle minutes', async () => {
    const { page, url } = app;
    // The fake clock must be in the page before the app starts (the idle timer is set up at sign-in).
    await page.clock.install();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${url}#/system/users`);
    await page.reload();

    // Without accounts: no sign-in, the whole menu, and the first-run card on 用户管理.
    await visible(page.getByRole('heading', { name: '用户管理' }));
    await visible(page.getByText('尚未设置账户：所有人都可使用本系统。设置管理员账户后，需登录才能使用。'));
    await expect.poll(() => page.getByRole('menuitem', { name: '数据备份' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /系统管理员/ }).count()).toBe(0);
    await screens(page, 'e2e-accounts-setup');

    // A weak password is refused under its field, before anything is sent.
    await page.getByLabel('用户名', { exact: true }).fill('wangjh');
    await page.getByLabel('姓名', { exact: true }).fill('王建华');
    await page.getByLabel('密码', { exact: true }).fill('admin2025');
    await page.getByLabel('再次输入密码', { exact: true }).fill('admin2026');
    await page.getByRole('button', { name: '设置管理员账户' }).click();
    await visible(page.getByText('两次输入的密码不一致'));
    await page.getByLabel('再次输入密码', { exact: true }).fill('admin2025');
    await page.getByRole('button', { name: '设置管理员账户' }).click();

    // The app now asks to sign in, with the new administrator's name filled in.
    await visible(page.getByRole('heading', { name: '登录' }));
    await visible(page.getByText('管理员账户已设置：请用刚设置的密码登录'));
    expect(await page.getByLabel('用户名', { exact: true }).inputValue()).toBe('wangjh');
    expect(await page.getByRole('menuitem').count()).toBe(0);
    expect((await app.services.db.manager.query('SELECT username, role FROM user_account')) as unknown[]).toEqual([{ username: 'wangjh', role: 'admin' }]);
    await screens(page, 'e2e-accounts-signin');

    // A wrong password is said under the field; the right one opens the app with 姓名（角色） in the header.
    await signIn(page, 'wangjh', 'wrong2025');
    await visible(page.getByText('用户名或密码错误'));
    await signIn(page, 'wangjh', 'admin2025');
    await visible(page.getByRole('button', { name: /王建华（系统管理员）/ }));
    await expect.poll(() => page.getByRole('menuitem', { name: '数据备份' }).count()).toBe(1);

    // 用户管理: the list, a clerk and a viewer.
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await visible(page.getByRole('heading', { name: '用户列表' }).or(page.getByText('用户列表')));
    await visible(page.locator('.ant-table-row', { hasText: 'wangjh' }));
    await addUser(page, { username: 'liqiang', name: '李强', dept: '干部科', role: '干部科经办人', password: 'Clerk2025' });
    await visible(page.getByText('已新建用户“李强”（干部科经办人）：首次登录时须修改初始密码'));
    // The same user name again: the service's refusal lands under 用户名.
    await addUser(page, { username: 'liqiang', name: '李强', dept: '干部科', role: '干部科经办人', password: 'Clerk2025' });
    await visible(page.locator('.ant-modal:visible .ant-form-item-explain-error', { hasText: '已被使用' }));
    await page.locator('.ant-modal:visible').getByRole('button', { name: '取消' }).click();
    await addUser(page, { username: 'zhaomin', name: '赵敏', dept: '组织科', role: '查阅', password: 'View2025a' });
    await visible(page.getByText('已新建用户“赵敏”（查阅）：首次登录时须修改初始密码'));
    const rows = page.locator('.ant-card', { hasText: '用户列表' }).locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(3);
    const viewerRow = rows.filter({ hasText: 'zhaomin' });
    expect(await viewerRow.innerText()).toMatch(/赵敏[\s\S]*组织科[\s\S]*查阅[\s\S]*正常[\s\S]*待修改初始密码[\s\S]*从未登录/);
    await visible(page.getByText('无操作自动锁定（分钟）'));
    // The list without the dialog and the toast over it.
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 8_000 }).catch(() => undefined);
    await screens(page, 'e2e-accounts-users');

    // 切换用户: signed out, the sign-in screen with an empty 用户名.
    await page.getByRole('button', { name: /王建华（系统管理员）/ }).click();
    await page.getByRole('menuitem', { name: '切换用户' }).click();
    await visible(page.getByRole('heading', { name: '登录' }));
    expect(await page.getByLabel('用户名', { exact: true }).inputValue()).toBe('');

    // The viewer changes the administrator's password first.
    await signIn(page, 'zhaomin', 'View2025a');
    await visible(page.getByText('您的密码由系统管理员设置，须修改后才能使用本系统。'));
    await page.getByLabel('当前密码', { exact: true }).fill('View2025a');
    await page.getByLabel('新密码', { exact: true }).fill('Zhaomin2026');
    await page.getByLabel('再次输入新密码', { exact: true }).fill('Zhaomin2026');
    await page.getByRole('button', { name: '修改密码并进入系统' }).click();
    await visible(page.getByRole('button', { name: /赵敏（查阅）/ }));

    // A viewer sees the files but not 新建, nor 数据备份 / 数据加密 / 用户管理 in the menu.
    await page.getByRole('menuitem', { name: '干部档案' }).click();
    await visible(page.getByText('上官文涛'));
    expect(await page.getByRole('button', { name: '新建干部档案' }).count()).toBe(0);
    for (const entry of ['数据备份', '数据加密', '用户管理', '导入']) expect(await page.getByRole('menuitem', { name: entry }).count()).toBe(0);
    await visible(page.getByRole('menuitem', { name: '归档核验' }));
    await page.getByText('上官文涛').click();
    await visible(page.getByRole('button', { name: '任免审批表' }));
    expect(await page.getByRole('button', { name: '编辑', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '删除', exact: true }).count()).toBe(0);
    await page.goBack();

    // Idle lock: what was typed stays under the cover and is still there after the password.
    const search = page.getByLabel('检索干部');
    await search.fill('上官');
    await page.clock.fastForward('11:00');
    await visible(page.getByRole('heading', { name: '已锁定' }));
    await visible(page.locator('.idle-lock').getByText('赵敏（查阅）'));
    await visible(page.getByText('超过 10 分钟无操作，已自动锁定。未保存的内容仍保留，输入密码即可继续。'));
    expect(await search.isVisible()).toBe(true);
    await screens(page, 'e2e-accounts-lock');
    const lockPassword = page.locator('.idle-lock').getByLabel('密码', { exact: true });
    await lockPassword.fill('wrong2026');
    await lockPassword.press('Enter');
    await visible(page.locator('.idle-lock').getByText('用户名或密码错误'));
    await lockPassword.fill('Zhaomin2026');
    await lockPassword.press('Enter');
    await page.locator('.idle-lock').waitFor({ state: 'detached' });
    expect(await search.inputValue()).toBe('上官');
    await visible(page.getByRole('button', { name: /赵敏（查阅）/ }));
    // Signed in again: the list still answers (a viewer may read).
    await visible(page.getByText('上官文涛'));

    // 注销 from the header: back to the sign-in, the name kept.
    await page.getByRole('button', { name: /赵敏（查阅）/ }).click();
    await page.getByRole('menuitem', { name: '注销' }).click();
    await visible(page.getByRole('heading', { name: '登录' }));
    expect(await page.getByLabel('用户名', { exact: true }).inputValue()).toBe('zhaomin');
  });

  it('asks a signed-in reviewer for 审核意见 and keeps it in the record history', async () => {
    const { page, url } = app;
    // The accounts of the first test exist: a reviewer added beside them (its password changed at first sign-in).
    await accessFor(app.services).accounts.add({ actor: 'wangjh' }, { username: 'liuke', name: '刘科长', dept: '干部科', role: 'reviewer', password: 'Review2025' });
    await page.goto(`${url}#/postings/${postingId}`);
    await signIn(page, 'liuke', 'Review2025');
    await page.getByLabel('当前密码', { exact: true }).fill('Review2025');
    await page.getByLabel('新密码', { exact: true }).fill('Liuke2026');
    await page.getByLabel('再次输入新密码', { exact: true }).fill('Liuke2026');
    await page.getByRole('button', { name: '修改密码并进入系统' }).click();
    await visible(page.getByRole('button', { name: /刘科长（审核人（科长））/ }));

    const quarterly = page.getByTestId('records-季度小结/考核');
    const row = quarterly.getByRole('row', { name: /已提交/ });
    await row.getByRole('button', { name: '审核', exact: true }).click();
    const dialog = page.locator('.ant-modal:visible');
    await visible(dialog.getByText('审核意见'));
    await dialog.getByRole('button', { name: '审核通过' }).click();
    await visible(dialog.getByText('请填写审核意见'));
    await dialog.getByLabel('审核意见').fill('材料齐全，情况属实，同意。');
    await dialog.getByRole('button', { name: '审核通过' }).click();
    await visible(quarterly.getByText('已审核'));
    const steps = (await app.services.db.manager.query("SELECT reason, actor FROM workflow_step WHERE action = 'review'")) as { reason: string; actor: string }[];
    expect(steps).toEqual([{ reason: '材料齐全，情况属实，同意。', actor: expect.stringContaining('liuke') }]);
  });
});
