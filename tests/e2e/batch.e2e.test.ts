import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { addDays, dayOf } from '../../shared/validators/yearMonth';
import { screenshot, startApp, visible, type RunningApp } from './harness';

describe('批次 and 挂职记录 in the browser host', () => {
  let app: RunningApp;
  const today = dayOf(new Date());
  beforeAll(async () => {
    app = await startApp();
    const people: [string, '男' | '女', string][] = [
      ['欧阳振华', '男', '19820312'],
      ['司马晓岚', '女', '19870719'],
      ['诸葛文轩', '男', '19900101'],
    ];
    for (const [i, [name, gender, birth]] of people.entries())
      await app.services.cadres.save({ actor: 'e2e' }, { name, gender, birthDate: `${birth.slice(0, 4)}.${birth.slice(4, 6)}`, idNumber: makeIdNumber('320402', birth, 31 + i * 2, gender), workUnit: '常州市商务局' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates a batch, adds three cadres, records a recall with its reason, and shows the reminders', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/batches`);
    await visible(page.getByText('还没有批次'));
    await page.getByRole('button', { name: /新建批次/ }).click();
    await page.getByLabel('批次名称').fill('常州市2026年接收挂职干部');
    await page.getByLabel('批次开始日期').fill(addDays(today, -340));
    await page.getByLabel('批次结束日期').fill(addDays(today, 20));
    await page.getByRole('button', { name: '保存' }).click();
    await visible(page.getByRole('heading', { name: '常州市2026年接收挂职干部' }));

    await page.getByRole('button', { name: /添加成员/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '添加批次成员' });
    for (const name of ['欧阳振华', '司马晓岚', '诸葛文轩']) await dialog.getByRole('row', { name: new RegExp(name) }).getByRole('checkbox').check();
    await dialog.getByLabel('新成员状态').click();
    await page.getByTitle('在岗', { exact: true }).click();
    await dialog.getByRole('button', { name: '添加 3 人' }).click();
    await visible(page.getByText('已添加 3 人'));
    await visible(page.getByRole('tab', { name: '成员（3）' }));
    expect((await app.services.batches.get(1)).members.map((m) => m.status)).toEqual(['在岗', '在岗', '在岗']);

    await page.getByRole('button', { name: '变更司马晓岚的状态' }).click();
    const statusDialog = page.locator('.ant-modal').filter({ hasText: '变更挂职状态' });
    await statusDialog.getByLabel('新状态').click();
    await page.getByTitle('提前结束（召回）', { exact: true }).click();
    // A recall without a reason is refused in place.
    await statusDialog.getByRole('button', { name: '确定变更' }).click();
    await visible(statusDialog.getByText('改为“提前结束（召回）”须填写原因'));
    await statusDialog.getByLabel('原因').fill('长期不在岗，存在“空挂”问题，经研究予以召回');
    await statusDialog.getByRole('button', { name: '确定变更' }).click();
    await visible(page.getByText('司马晓岚：状态已改为“提前结束（召回）”'));
    await screenshot(page, 'e2e-batch-page');

    const recalled = (await app.services.batches.get(1)).members.find((m) => m.name === '司马晓岚')!;
    expect(recalled.status).toBe('提前结束（召回）');
    const detail = await app.services.postings.get(recalled.postingId);
    expect(detail.statusChanges.at(-1)).toMatchObject({ from: '在岗', to: '提前结束（召回）', reason: '长期不在岗，存在“空挂”问题，经研究予以召回' });

    await page.goto(`${url}#/`);
    await page.reload();
    await visible(page.getByText('挂职提醒'));
    const soon = page.getByRole('tabpanel');
    await visible(soon.getByText('欧阳振华'));
    await visible(soon.getByText('诸葛文轩'));
    expect(await soon.getByText('司马晓岚').count()).toBe(0);
    await page.getByRole('tab', { name: /未配备辅导员/ }).click();
    await visible(page.getByText(/缺少政治辅导员、业务指导员/));
    await screenshot(page, 'e2e-reminders');
  });
});
