import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor } from '../../electron/auth/Access';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { addDays, dayOf } from '../../shared/validators/yearMonth';
import { screens, startApp, visible, type RunningApp } from './harness';

/** Fills the sign-in screen and presses Enter. */
async function signIn(page: Page, username: string, password: string): Promise<void> {
  await visible(page.getByRole('heading', { name: '登录' }));
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByLabel('密码', { exact: true }).press('Enter');
}

/** 切换用户 from the header, then signs in as `username`; waits for 姓名（角色） in the header. */
async function switchTo(page: Page, username: string, password: string, header: RegExp): Promise<void> {
  await page.locator('.app-user-button').click();
  await page.getByRole('menuitem', { name: '切换用户' }).click();
  await signIn(page, username, password);
  await visible(page.getByRole('button', { name: header }));
}

const count = (l: Locator) => l.count();

describe('角色权限: the header 修改密码, what a 查阅 account sees, and the grants editor', () => {
  let app: RunningApp;
  let postingId = 0;
  let batchId = 0;
  let cadreId = 0;

  beforeAll(async () => {
    app = await startApp();
    const ctx = { actor: 'e2e' };
    const today = dayOf(new Date());
    cadreId = (await app.services.cadres.save(ctx, { name: '欧阳明远', gender: '男', birthDate: '1983.04', idNumber: makeIdNumber('320411', '19830418', 73, '男'), workUnit: '常州市工业和信息化局' })).id;
    const gone = (await app.services.cadres.save(ctx, { name: '皇甫雪晴', gender: '女', birthDate: '1988.11', idNumber: makeIdNumber('320412', '19881103', 24, '女'), workUnit: '常州市文化广电和旅游局' })).id;
    await app.services.cadres.remove(ctx, gone);
    batchId = (await app.services.batches.save(ctx, { name: '常州市赴伊犁挂职干部（第11批）', type: '东西部协作/对口支援', direction: '派出', startDate: addDays(today, -90), endDate: addDays(today, 270) })).id;
    const added = await app.services.batches.addMembers(ctx, { batchId, cadreIds: [cadreId], defaults: { status: '在岗', hostUnit: '伊宁市工业和信息化局', hostPost: '副局长' } });
    postingId = added.added[0].postingId;
    await app.services.assessments.save(ctx, 'quarterly', { postingId, quarter: 1, selfSummary: '走访园区企业21家，促成技改项目3个', grade: '好', score: 91 });
    await app.services.batches.saveMeeting(ctx, batchId, { type: '全体成员会议', date: addDays(today, -30), topic: '一季度工作交流', attendance: 1, minutes: '' });

    // The administrator, a clerk and a viewer; the two set up by the administrator have changed their passwords already.
    const access = accessFor(app.services);
    await access.accounts.createFirstAdmin(ctx, { username: 'sunli', name: '孙立', dept: '干部科', password: 'Admin2025' });
    await access.accounts.add({ actor: 'sunli' }, { username: 'zhoujing', name: '周静', dept: '干部科', role: 'clerk', password: 'Clerk2025' });
    await access.accounts.add({ actor: 'sunli' }, { username: 'wuhao', name: '吴昊', dept: '组织科', role: 'viewer', password: 'View2025a' });
    await app.services.db.write((m) => m.query('UPDATE user_account SET must_change_password = 0'));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('修改密码 in the header: a wrong current password and a weak new one are refused under their fields; the new one signs in', async () => {
    const { page, url } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${url}#/cadres`);
    await page.reload();
    await signIn(page, 'zhoujing', 'Clerk2025');
    await visible(page.getByRole('button', { name: /周静（干部科经办人）/ }));

    await page.locator('.app-user-button').click();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    const dialog = page.locator('.ant-modal:visible');
    await visible(dialog.getByText('修改后，下次登录和解锁请使用新密码。'));
    const field = (label: string) => dialog.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) });

    await dialog.getByLabel('当前密码', { exact: true }).fill('Clerk2024');
    await dialog.getByLabel('新密码', { exact: true }).fill('Zhoujing2026');
    await dialog.getByLabel('再次输入新密码', { exact: true }).fill('Zhoujing2026');
    await dialog.getByRole('button', { name: '修改密码' }).click();
    await visible(field('当前密码').locator('.ant-form-item-explain-error', { hasText: '不正确' }));

    await dialog.getByLabel('当前密码', { exact: true }).fill('Clerk2025');
    await dialog.getByLabel('新密码', { exact: true }).fill('zhoujingabc');
    await dialog.getByLabel('再次输入新密码', { exact: true }).fill('zhoujingabc');
    await dialog.getByRole('button', { name: '修改密码' }).click();
    await visible(field('新密码').locator('.ant-form-item-explain-error', { hasText: '须同时包含字母和数字' }));
    expect(await count(field('当前密码').locator('.ant-form-item-explain-error'))).toBe(0);
    await screens(page, 'e2e-role-grants-password');

    await dialog.getByLabel('新密码', { exact: true }).fill('Zhoujing2026');
    await dialog.getByLabel('再次输入新密码', { exact: true }).fill('Zhoujing2026');
    await dialog.getByRole('button', { name: '修改密码' }).click();
    await visible(page.getByText('密码已修改'));
    await page.locator('.ant-modal:visible').waitFor({ state: 'detached' }).catch(() => undefined);
    expect(await count(page.locator('.ant-modal:visible'))).toBe(0);

    // Signed out: the old password no longer opens the app, the new one does.
    await page.locator('.app-user-button').click();
    await page.getByRole('menuitem', { name: '注销' }).click();
    await signIn(page, 'zhoujing', 'Clerk2025');
    await visible(page.getByText(/用户名或密码错误/));
    await signIn(page, 'zhoujing', 'Zhoujing2026');
    await visible(page.getByRole('button', { name: /周静（干部科经办人）/ }));

    // A clerk restores from the recycle bin but may not purge: the button is there, disabled, saying who may.
    await page.goto(`${url}#/recycle`);
    const row = page.locator('.ant-table-row', { hasText: '皇甫雪晴' });
    await visible(row);
    expect(await row.getByRole('button', { name: '恢复' }).isEnabled()).toBe(true);
    const purge = row.getByRole('button', { name: '彻底删除' });
    expect(await purge.isDisabled()).toBe(true);
    await purge.hover({ force: true });
    await visible(page.locator('.ant-tooltip:visible', { hasText: '需要“审核人（科长）”权限：彻底删除' }));
  });

  it('查阅 sees a posting, a batch and the recycle bin without any edit button', async () => {
    const { page, url } = app;
    await switchTo(page, 'wuhao', 'View2025a', /吴昊（查阅）/);

    // 考核与实绩: prints, but no 登记/编辑/删除/提交.
    await page.goto(`${url}#/postings/${postingId}`);
    const quarterly = page.getByTestId('records-季度小结/考核');
    await visible(quarterly.getByText('走访园区企业21家'));
    await visible(page.getByRole('button', { name: '考核鉴定表' }));
    for (const name of ['登记年度考核', '登记期满考核', '登记季度小结', '登记月度汇报', '登记谈话', '登记评价', '编辑', '提交', '调整阈值'])
      expect(await count(page.getByRole('button', { name, exact: true })), name).toBe(0);
    expect(await count(quarterly.getByRole('button', { name: /删除/ }))).toBe(0);
    // The draft opens read-only and says which role may change it.
    await quarterly.getByRole('button', { name: '查看' }).click();
    const dialog = page.locator('.ant-modal:visible');
    await visible(dialog.getByText('只读（需要“干部科经办人”或“审核人（科长）”权限：编辑业务数据）'));
    expect(await count(dialog.getByRole('button', { name: '保存' }))).toBe(0);
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await screens(page, 'e2e-role-grants-viewer-posting');

    await page.getByRole('tab', { name: '请销假/在岗' }).click();
    await visible(page.getByText('请销假记录（0）'));
    expect(await count(page.getByRole('button', { name: '登记请销假' }))).toBe(0);
    expect(await count(page.getByRole('button', { name: '设置阈值' }))).toBe(0);
    await page.getByRole('tab', { name: '工作实绩' }).click();
    await visible(page.getByText('工作实绩台账（0）'));
    expect(await count(page.getByRole('button', { name: '登记工作实绩' }))).toBe(0);
    await page.getByRole('tab', { name: '成长评价' }).click();
    await visible(page.getByText('尚未开展成长评价'));
    expect(await count(page.getByRole('button', { name: /新建/ }))).toBe(0);

    // The batch: 花名册 to print, nothing to change.
    await page.goto(`${url}#/batches/${batchId}`);
    await visible(page.getByRole('heading', { name: '常州市赴伊犁挂职干部（第11批）' }));
    await visible(page.getByRole('button', { name: '花名册' }));
    await visible(page.getByRole('button', { name: '欧阳明远的考核与实绩' }));
    for (const name of ['编辑批次', '添加成员', '编辑', '变更状态', '移出']) expect(await count(page.getByRole('button', { name, exact: true })), name).toBe(0);
    await page.getByRole('tab', { name: /工作小组/ }).click();
    await visible(page.getByText('尚未设立工作小组'));
    expect(await count(page.getByRole('button', { name: /添加小组|保存工作小组/ }))).toBe(0);
    await page.getByRole('tab', { name: /会议记录/ }).click();
    await visible(page.getByText('一季度工作交流'));
    for (const name of ['记录会议', '编辑', '删除']) expect(await count(page.getByRole('button', { name, exact: true })), name).toBe(0);
    await page.getByRole('tab', { name: '季度主题' }).click();
    await visible(page.getByText('尚未确定季度主题'));
    expect(await count(page.getByRole('button', { name: /保存季度主题|添加主题/ }))).toBe(0);

    // The recycle bin: the list, a line saying who may restore or purge, no buttons.
    await page.goto(`${url}#/recycle`);
    await visible(page.locator('.ant-table-row', { hasText: '皇甫雪晴' }));
    await visible(page.getByText('恢复档案需要“干部科经办人”或“审核人（科长）”权限：编辑业务数据；彻底删除需要“审核人（科长）”权限：彻底删除。'));
    expect(await count(page.getByRole('button', { name: /恢复|彻底删除/ }))).toBe(0);
    await screens(page, 'e2e-role-grants-viewer-recycle');

    // 导入 by its address: not the page, but who may.
    await page.goto(`${url}#/import`);
    await visible(page.getByText('没有导入权限'));
    expect(await count(page.getByRole('button', { name: /选择/ }))).toBe(0);
  });

  it('the administrator takes 打印与导出 from 查阅 and gives 彻底删除 to 经办人; the buttons follow, and 恢复默认 brings them back', async () => {
    const { page, url } = app;
    await switchTo(page, 'sunli', 'Admin2025', /孙立（系统管理员）/);
    await page.goto(`${url}#/system/users`);
    const card = page.locator('.role-grants');
    await visible(card.getByText('默认设置'));
    const box = (label: string) => card.getByRole('checkbox', { name: label, exact: true });
    // The fixed grants cannot be unticked.
    expect(await box('系统管理员：账号与权限管理').isChecked()).toBe(true);
    expect(await box('系统管理员：账号与权限管理').isDisabled()).toBe(true);
    expect(await box('查阅：查阅').isDisabled()).toBe(true);
    expect(await card.getByRole('button', { name: '保存' }).isDisabled()).toBe(true);
    await card.scrollIntoViewIfNeeded();
    await screens(page, 'e2e-role-grants-editor');

    await box('查阅：打印与导出').uncheck();
    await box('干部科经办人：彻底删除').check();
    await visible(card.getByText('有未保存的修改'));
    await visible(card.getByText('底色标出与默认设置不同的 2 处'));
    expect(await count(card.locator('td.role-grants-changed'))).toBe(2);
    await page.mouse.move(400, 700);
    await screens(page, 'e2e-role-grants-editor-changed');
    await card.getByRole('button', { name: '保存' }).click();
    await visible(page.getByText('角色权限已保存，立即生效'));
    await visible(card.getByText('已调整'));
    expect(await count(card.getByText('有未保存的修改'))).toBe(0);
    const stored = (await app.services.db.manager.query("SELECT value FROM app_setting WHERE key = 'roleGrants'")) as { value: string }[];
    expect(JSON.parse(stored[0].value)).toMatchObject({ viewer: ['read'], clerk: ['read', 'export', 'edit', 'import', 'purge', 'submit'] });
    const [entry] = await app.services.audit.history('setting', 'roleGrants');
    expect(entry).toMatchObject({ actor: 'sunli', action: '修改角色权限', note: '干部科经办人增加“彻底删除”；查阅取消“打印与导出”' });

    // 查阅 no longer prints.
    await switchTo(page, 'wuhao', 'View2025a', /吴昊（查阅）/);
    await page.goto(`${url}#/postings/${postingId}`);
    await visible(page.getByTestId('records-季度小结/考核').getByText('走访园区企业21家'));
    expect(await count(page.getByRole('button', { name: '考核鉴定表' }))).toBe(0);
    await page.goto(`${url}#/batches/${batchId}`);
    await visible(page.getByRole('heading', { name: '常州市赴伊犁挂职干部（第11批）' }));
    expect(await count(page.getByRole('button', { name: '花名册' }))).toBe(0);

    // 经办人 may now purge.
    await switchTo(page, 'zhoujing', 'Zhoujing2026', /周静（干部科经办人）/);
    await page.goto(`${url}#/recycle`);
    const row = page.locator('.ant-table-row', { hasText: '皇甫雪晴' });
    await visible(row);
    expect(await row.getByRole('button', { name: '彻底删除' }).isEnabled()).toBe(true);

    // 恢复默认, confirmed: the defaults again, and 查阅 prints again.
    await switchTo(page, 'sunli', 'Admin2025', /孙立（系统管理员）/);
    await page.goto(`${url}#/system/users`);
    await visible(card.getByText('已调整'));
    await card.getByRole('button', { name: '恢复默认' }).click();
    await page.locator('.ant-popover:visible').getByRole('button', { name: '恢复默认' }).click();
    await visible(page.getByText('已恢复默认的角色权限'));
    await visible(card.getByText('默认设置'));
    expect(await box('查阅：打印与导出').isChecked()).toBe(true);
    expect(await box('干部科经办人：彻底删除').isChecked()).toBe(false);
    expect((await app.services.db.manager.query("SELECT value FROM app_setting WHERE key = 'roleGrants'")) as unknown[]).toEqual([]);

    await switchTo(page, 'wuhao', 'View2025a', /吴昊（查阅）/);
    await page.goto(`${url}#/postings/${postingId}`);
    await visible(page.getByRole('button', { name: '考核鉴定表' }));
  });
});
