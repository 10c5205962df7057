import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { everydayRoster, xlsx } from '../helpers/rosterFixtures';
import { screenshot, startApp, visible, type RunningApp } from './harness';

describe('导入 花名册 in the browser host', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows every problem of a bad roster by Excel row, and imports nothing', async () => {
    const good = makeIdNumber('610902', '19850324', 101, '男');
    const wrongCheck = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const file = path.join(app.dir, '有错误的花名册.xlsx');
    fs.writeFileSync(
      file,
      await xlsx((ws) => {
        ws.getRow(1).values = ['序号', '姓名', '性别', '身份证号', '出生年月', '工作单位'];
        ws.getRow(2).values = [1, '甘雨桐', '女', makeIdNumber('610902', '19910203', 12, '女'), '1991.02', '安康市财政局'];
        ws.getRow(3).values = [2, '申屠浩', '男', wrongCheck, '1985.03', '安康市审计局'];
        ws.getRow(4).values = [3, '', '男', makeIdNumber('610902', '19800101', 13, '男'), '1980.01', '安康市统计局'];
      }),
    );
    const { page, url } = app;
    await page.goto(`${url}#/import`);
    await page.getByRole('tab', { name: '花名册（Excel）' }).click();
    await page.locator('input[type=file][accept=".xlsx"]').setInputFiles(file);
    await visible(page.getByTestId('roster-errors'));
    const errors = await page.getByTestId('roster-errors').innerText();
    expect(errors).toContain('第 3 行：身份证号：校验位错误');
    expect(errors).toMatch(/第 4 行：姓名/);
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await screenshot(page, 'e2e-roster-errors');
    expect((await app.services.cadres.list({})).total).toBe(0);
  });

  it('previews a real-world roster (title rows, synonyms, Excel dates, merged unit cells) and imports it on confirmation', async () => {
    const file = path.join(app.dir, '安康市第6批赴常州挂职干部花名册.xlsx');
    fs.writeFileSync(file, await everydayRoster());
    const { page } = app;
    await page.locator('input[type=file][accept=".xlsx"]').setInputFiles(file);
    await visible(page.getByText('可以导入：新建 4 人'));
    await visible(page.getByRole('cell', { name: '卢佳宁' }));
    await screenshot(page, 'e2e-roster-preview');
    expect((await app.services.cadres.list({})).total).toBe(0);
    await page.getByRole('button', { name: '确认导入' }).click();
    await visible(page.getByText(/花名册已导入：新建 4 人/));
    const names = (await app.services.cadres.list({})).items.map((c) => c.name);
    expect(names.sort()).toEqual(['陈志刚', '刘思源', '卢佳宁', '王晓峰'].sort());
    // The 单位 cell merged over three rows belongs to each of them.
    const lu = (await app.services.cadres.list({ query: '卢佳宁' })).items[0];
    expect(lu.workUnit).toBe('安康市商务局');
  });
});
