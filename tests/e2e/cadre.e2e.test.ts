import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { screenshot, startApp, visible, type RunningApp } from './harness';

/** An invented person: valid ID number, born 1986.04, female. */
const ID = makeIdNumber('610902', '19860417', 226, '女');

describe('干部档案 in the browser host', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the friendly empty state on a new database', async () => {
    const { page } = app;
    await visible(page.getByText('还没有干部档案'));
    await visible(page.getByRole('button', { name: '新建干部档案' }));
    await visible(page.getByRole('button', { name: '载入示例数据' }));
    await screenshot(page, 'e2e-home-empty');
  });

  it('refuses a wrong ID number with a message naming the problem, and saves nothing', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '新建干部档案' }).click();
    await page.getByLabel('姓名').fill('韩若曦');
    await page.getByLabel('身份证号').fill(ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1'));
    await page.getByRole('button', { name: '保存' }).first().click();
    await visible(page.getByText(/校验位错误（末位应为/).first());
    await screenshot(page, 'e2e-validation');
    expect((await app.services.cadres.list({})).total).toBe(0);
  });

  it('creates a file with a photo, a 简历 and family members, and finds it after a reload by pinyin initials', async () => {
    const { page } = app;
    await page.getByLabel('身份证号').fill(ID);
    // The form offers the birth date and sex held in the ID number.
    await page.getByRole('button', { name: '按身份证号填入' }).click();
    expect(await page.getByLabel('出生年月', { exact: true }).inputValue()).toBe('1986.04');
    await page.getByLabel('民族').click();
    await page.getByTitle('汉族', { exact: true }).click();
    await page.getByLabel('工作单位').fill('安康市商务局');
    await page.getByLabel('现任职务').fill('安康市商务局外贸科科长');

    // Photo: any JPEG will do; the clerk places the 3:4 frame (here: as offered) and the page compresses the cut.
    const jpeg = await page.screenshot({ type: 'jpeg', clip: { x: 0, y: 0, width: 400, height: 300 } });
    const photoFile = path.join(app.dir, 'photo.jpg');
    fs.writeFileSync(photoFile, jpeg);
    await page.getByTestId('photo-input').setInputFiles(photoFile);
    await visible(page.getByTestId('photo-crop-frame'));
    await page.getByRole('button', { name: '确定' }).click();
    await visible(page.getByAltText('照片预览'));

    await page.getByRole('button', { name: '添加一条' }).click();
    await page.getByLabel('简历第1条起始年月').fill('200409');
    await page.getByLabel('简历第1条截止年月').fill('2008.07');
    await page.getByLabel('简历第1条内容').fill('西北大学经济管理学院国际贸易专业学习');
    await page.getByRole('button', { name: '添加一条' }).click();
    await page.getByLabel('简历第2条起始年月').fill('2008.08');
    await page.getByLabel('简历第2条内容').fill('安康市商务局科员、外贸科科长');

    await page.getByRole('button', { name: '添加成员' }).click();
    await page.getByLabel('家庭成员第1人称谓').fill('丈夫');
    await page.getByLabel('家庭成员第1人姓名').fill('邓立新');
    await page.getByLabel('家庭成员第1人出生年月').fill('1985.02');
    await screenshot(page, 'e2e-edit-filled');

    await page.getByRole('button', { name: '保存' }).first().click();
    await visible(page.getByRole('heading', { name: '韩若曦' }));
    const saved = (await app.services.cadres.list({ query: '韩若曦' })).items[0];
    expect(saved).toMatchObject({ name: '韩若曦', gender: '女', birthDate: '1986.04', idNumber: ID, hasPhoto: true });
    const full = await app.services.cadres.get(saved.id);
    expect(full.resume).toEqual([
      { start: '2004.09', end: '2008.07', text: '西北大学经济管理学院国际贸易专业学习', concurrent: false },
      { start: '2008.08', end: null, text: '安康市商务局科员、外贸科科长', concurrent: false },
    ]);
    expect(full.family).toMatchObject([{ relation: '丈夫', name: '邓立新', birthDate: '1985.02' }]);
    expect((await app.services.cadres.getPhoto(saved.id))!.length).toBeLessThanOrEqual(200 * 1024);

    await page.getByRole('tab', { name: '简历' }).click();
    expect(await page.getByTestId('resume-text').innerText()).toContain('2004.09--2008.07  西北大学经济管理学院国际贸易专业学习');
    await screenshot(page, 'e2e-detail');

    await page.goto(`${app.url}#/cadres`);
    await page.reload();
    await page.getByLabel('检索干部').fill('hrx');
    // The search runs after a short pause in typing and is kept in the address: wait for it to land.
    await page.waitForURL(/q=hrx/);
    await visible(page.getByRole('cell', { name: '韩若曦' }));
    expect(await page.getByRole('row').count()).toBe(2);
    await screenshot(page, 'e2e-search-initials');
  });

  it('edits the file and shows the change in its history', async () => {
    const { page } = app;
    await page.getByRole('cell', { name: '韩若曦' }).click();
    await page.getByRole('button', { name: /编辑/ }).click();
    await page.getByLabel('现任职务').fill('安康市商务局副局长');
    await page.getByRole('button', { name: '保存' }).first().click();
    await visible(page.getByText('档案已保存'));
    await page.getByRole('tab', { name: '修改记录' }).click();
    await visible(page.getByText('安康市商务局外贸科科长 → 安康市商务局副局长'));
    await screenshot(page, 'e2e-history');
  });

  it('moves the file to the recycle bin and restores it', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /删除/ }).click();
    // The confirmation's own button.
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await visible(page.getByText(/已移入回收站/));
    expect((await app.services.cadres.list({})).total).toBe(0);
    await page.goto(`${app.url}#/recycle`);
    await page.getByRole('button', { name: '恢复' }).click();
    await visible(page.getByText('已恢复“韩若曦”的档案'));
    expect((await app.services.cadres.list({})).total).toBe(1);
  });
});
