import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import type { CadreInput } from '../../shared/cadre';
import { lrmxBytes } from '../helpers/lrmxFixtures';
import { xlsx } from '../helpers/rosterFixtures';
import { screens, startApp, visible, type RunningApp } from './harness';

/**
 * Issue 16, the cadre-file screens: unsaved edits guarded, 按身份证号填入 clearing its stale error, history in words,
 * the ID-tail search, sorting and the column chooser, Enter on a row, the bulk move to the 回收站, the manual photo crop.
 * Everyone here is invented.
 */
const ctx = { actor: '测试员' };
const person = (name: string, gender: '男' | '女', birth: string, seq: number, extra: Partial<CadreInput> = {}): CadreInput => ({
  name,
  gender,
  birthDate: `${birth.slice(0, 4)}.${birth.slice(4, 6)}`,
  idNumber: makeIdNumber('610902', birth, seq, gender),
  ...extra,
});

const PEOPLE: CadreInput[] = [
  person('韩若曦', '女', '19860417', 226, { workUnit: '安康市商务局', currentPosition: '安康市商务局外贸科科长', phone: '13909150001', politicalStatus: '中共党员', reportingUnit: '中共安康市委组织部', formFiller: '干部科 周雅琴', fillDate: '2026.03.02' }),
  person('邓立新', '男', '19850212', 311, { workUnit: '汉滨区农业农村局', currentPosition: '汉滨区农业农村局副局长', politicalStatus: '中共党员' }),
  person('柏文静', '女', '19920630', 402, { workUnit: '平利县文化和旅游局', currentPosition: '平利县文化和旅游局办公室主任', politicalStatus: '群众' }),
  person('阿依古丽', '女', '19890905', 518, { workUnit: '石泉县委组织部', currentPosition: '石泉县委组织部干部科副科长', politicalStatus: '中共预备党员' }),
  person('曾庆和', '男', '19790108', 611, { workUnit: '安康高新区管委会', currentPosition: '安康高新区管委会招商服务中心主任', politicalStatus: '中共党员' }),
];

/** A picture whose left half is red and right half blue (800 × 400), to see which part a crop kept. */
async function twoColourPng(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 800;
    c.height = 400;
    const g = c.getContext('2d')!;
    g.fillStyle = '#d00000';
    g.fillRect(0, 0, 400, 400);
    g.fillStyle = '#0030d0';
    g.fillRect(400, 0, 400, 400);
    const url = c.toDataURL('image/png');
    return url.slice(url.indexOf(',') + 1);
  });
  return Buffer.from(base64, 'base64');
}

/** The average colour of an <img> on the page, as [r, g, b]. */
async function meanColour(page: Page, alt: string): Promise<number[]> {
  return page.getByAltText(alt).evaluate(async (img: HTMLImageElement) => {
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const g = c.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const sum = [0, 0, 0];
    for (let i = 0; i < d.length; i += 4) for (let k = 0; k < 3; k++) sum[k] += d[i + k];
    const n = d.length / 4;
    return sum.map((s) => Math.round(s / n));
  });
}

const confirmDialog = (page: Page) => page.locator('.ant-modal-confirm');
/** The confirmation's own text (antd also keeps a hidden copy of the title in the dialog's header). */
const confirmText = (page: Page, text: string) => page.locator('.ant-modal-confirm-body').getByText(text);

describe('干部档案: guards, wording and conveniences (issue 16)', () => {
  let app: RunningApp;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    app = await startApp();
    for (const p of PEOPLE) ids[p.name] = (await app.services.cadres.save(ctx, p)).id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('asks before discarding an edited file (menu click, Esc); 留在此处 keeps the input, 离开 discards it', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/cadres/${ids['韩若曦']}/edit`);
    await visible(page.getByRole('heading', { name: '编辑干部档案' }));
    await page.getByLabel('联系电话').fill('13909159999');
    await page.getByRole('menuitem', { name: '批次管理' }).click();
    await visible(confirmText(page, '有未保存的修改'));
    await screens(page, 'guards-unsaved-prompt');
    await confirmDialog(page).getByRole('button', { name: '留在此处' }).click();
    await confirmDialog(page).waitFor({ state: 'detached' });
    expect(page.url()).toContain(`/cadres/${ids['韩若曦']}/edit`);
    expect(await page.getByLabel('联系电话').inputValue()).toBe('13909159999');

    // Esc is 取消, through the same question.
    await page.getByLabel('联系电话').focus();
    await page.keyboard.press('Escape');
    await visible(confirmText(page, '有未保存的修改'));
    await confirmDialog(page).getByRole('button', { name: '留在此处' }).click();
    await confirmDialog(page).waitFor({ state: 'detached' });

    // Typing the old value back: nothing unsaved, no question.
    await page.getByLabel('联系电话').fill('13909150001');
    await page.getByRole('menuitem', { name: '批次管理' }).click();
    await page.waitForURL(/#\/batches/);
    expect(await confirmDialog(page).count()).toBe(0);

    await page.goto(`${url}#/cadres/${ids['韩若曦']}/edit`);
    await page.getByLabel('联系电话').fill('13909159999');
    await page.getByRole('menuitem', { name: '回收站' }).click();
    await confirmDialog(page).getByRole('button', { name: '离开，不保存' }).click();
    await page.waitForURL(/#\/recycle/);
    expect((await app.services.cadres.get(ids['韩若曦'])).phone).toBe('13909150001');
  });

  it('crops the photo where the clerk puts the frame, and counts the new photo as unsaved', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/cadres/${ids['韩若曦']}/edit`);
    await visible(page.getByRole('heading', { name: '编辑干部档案' }));
    const file = path.join(app.dir, '两色照片.png');
    fs.writeFileSync(file, await twoColourPng(page));
    await page.getByTestId('photo-input').setInputFiles(file);
    const frame = page.getByTestId('photo-crop-frame');
    await visible(frame);
    // The frame starts centred (half red, half blue); drag the picture right so that the frame covers its red left part.
    const box = (await frame.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 400, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await screens(page, 'guards-photo-crop');
    await page.getByRole('button', { name: '确定' }).click();
    await visible(page.getByAltText('照片预览'));
    const [r, g, b] = await meanColour(page, '照片预览');
    expect(r).toBeGreaterThan(180);
    expect(b).toBeLessThan(60);
    expect(g).toBeLessThan(60);

    // A new photo alone is an unsaved change.
    await page.getByRole('menuitem', { name: '干部档案' }).click();
    await visible(confirmText(page, '有未保存的修改'));
    await confirmDialog(page).getByRole('button', { name: '留在此处' }).click();
    await confirmDialog(page).waitFor({ state: 'detached' });

    // Moved the other way with the keyboard: the blue right part.
    await page.getByTestId('photo-input').setInputFiles(file);
    await visible(frame);
    await frame.focus();
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await frame.waitFor({ state: 'detached' });
    const [r2, , b2] = await meanColour(page, '照片预览');
    expect(b2).toBeGreaterThan(150);
    expect(r2).toBeLessThan(60);

    await page.keyboard.press('Control+Enter');
    await visible(page.getByText('档案已保存'));
    const stored = (await app.services.cadres.getPhoto(ids['韩若曦']))!;
    expect(stored.length).toBeLessThanOrEqual(200 * 1024);
    // JPEG, 390 × 520 (the SOF0 frame holds height then width).
    expect([stored[0], stored[1]]).toEqual([0xff, 0xd8]);
    const sof = stored.indexOf(Buffer.from([0xff, 0xc0]));
    expect([stored.readUInt16BE(sof + 7), stored.readUInt16BE(sof + 5)]).toEqual([390, 520]);
  });

  it('clears the stale errors when 按身份证号填入 (or a corrected number) puts them right', async () => {
    const { page, url } = app;
    const errors = () => page.locator('.ant-form-item-explain-error').allInnerTexts();
    await page.goto(`${url}#/cadres/new`);
    await visible(page.getByRole('heading', { name: '新建干部档案' }));
    await page.getByLabel('姓名').fill('孟书瑶');
    // 性别 starts as 男 and 出生年月 is typed wrong; 参加工作时间 is then “before birth”. The number says 女, 1993.05.
    await page.getByLabel('出生年月', { exact: true }).fill('1995.01');
    await page.getByLabel('参加工作时间').fill('1994.07');
    await page.getByLabel('身份证号').fill(makeIdNumber('610902', '19930512', 724, '女'));
    await page.getByRole('button', { name: '保存' }).first().click();
    await visible(page.getByText('与身份证号中的性别（女）不一致'));
    expect((await errors()).sort()).toEqual(['不能早于出生年月', '与身份证号中的出生年月（1993.05）不一致', '与身份证号中的性别（女）不一致'].sort());
    await screens(page, 'guards-fill-from-id-before');
    await page.getByRole('button', { name: '按身份证号填入' }).click();
    // Every error the filled values put right goes: 性别, 出生年月, and 参加工作时间 (1994.07 is after 1993.05).
    await page.waitForFunction(() => document.querySelectorAll('.ant-form-item-explain-error').length === 0, undefined, { timeout: 5000 });
    expect(await page.getByLabel('出生年月', { exact: true }).inputValue()).toBe('1993.05');

    // Correcting the number instead: the 性别 error it caused goes as soon as the number agrees.
    await page.getByLabel('身份证号').fill(makeIdNumber('610902', '19930512', 725, '男'));
    await page.getByRole('button', { name: '保存' }).first().click();
    await visible(page.getByText('与身份证号中的性别（男）不一致'));
    await page.getByLabel('身份证号').fill(makeIdNumber('610902', '19930512', 724, '女'));
    await page.waitForFunction(() => document.querySelectorAll('.ant-form-item-explain-error').length === 0, undefined, { timeout: 5000 });

    // Leaving the new file unsaved: asked, then discarded.
    await page.getByRole('menuitem', { name: '干部档案' }).click();
    await confirmDialog(page).getByRole('button', { name: '离开，不保存' }).click();
    await page.waitForURL(/#\/cadres(\?|$)/);
    expect((await app.services.cadres.list({ query: '孟书瑶' })).total).toBe(0);
  });

  it('shows 呈报单位, 填表人 and 填表时间 on the file, and its history in words and dates', async () => {
    const { page, url } = app;
    await app.services.cadres.remove(ctx, ids['邓立新']);
    await app.services.cadres.restore(ctx, ids['邓立新']);
    await page.goto(`${url}#/cadres/${ids['韩若曦']}`);
    await visible(page.getByText('中共安康市委组织部'));
    await visible(page.getByText('干部科 周雅琴'));
    await visible(page.getByText('2026.03.02'));
    await page.getByText('中共安康市委组织部').scrollIntoViewIfNeeded();
    await screens(page, 'guards-detail-form-info');

    const batch = await app.services.batches.save(ctx, { name: '安康市第9批赴常州挂职干部', type: '东西部协作/对口支援', direction: '派出', startDate: '2026.03.01', endDate: '2027.02.28' });
    await app.services.batches.addMembers(ctx, { batchId: batch.id, cadreIds: [ids['韩若曦'], ids['邓立新']], defaults: { status: '在岗' } });
    await app.services.batches.save(ctx, { name: batch.name, type: batch.type, direction: batch.direction, startDate: batch.startDate, endDate: batch.endDate, leaderId: ids['邓立新'] }, batch.id);

    await page.goto(`${url}#/cadres/${ids['邓立新']}`);
    await page.getByRole('tab', { name: '修改记录' }).click();
    const history = page.getByTestId('history-entry');
    await visible(history.filter({ hasText: '回收站：移入回收站' }));
    await visible(history.filter({ hasText: '回收站：从回收站恢复' }));
    const text = await page.getByRole('tabpanel').innerText();
    expect(text).toMatch(/\d{4}\.\d{2}\.\d{2} \d{2}:\d{2} · 测试员/);
    expect(text).not.toMatch(/deletedAt|\d{4}-\d{2}-\d{2}T|年\d+月\d+日/);
    await screens(page, 'guards-history-cadre');

    await page.goto(`${url}#/batches/${batch.id}`);
    await page.getByRole('tab', { name: '修改记录' }).click();
    await visible(page.getByText('组长：邓立新'));
    const batchText = await page.getByRole('tabpanel').innerText();
    expect(batchText).not.toMatch(/leaderId|members|组长：\d/);
    await screens(page, 'guards-history-batch');
  });

  it('finds a file by the last digits of its 身份证号', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/cadres`);
    const tail = PEOPLE[2].idNumber.slice(-6);
    await page.getByLabel('检索干部').fill(tail);
    await page.waitForURL(new RegExp(`q=${tail}`));
    await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-row-link]').length === 1);
    await visible(page.getByRole('cell', { name: '柏文静' }));
    await page.getByLabel('检索干部').fill('');
    await page.waitForURL((u) => !u.hash.includes('q='));
  });

  it('sorts by any column and shows 挂职状态 and 批次 when chosen, remembered after a reload', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/cadres`);
    const firstName = async () => (await page.locator('tbody tr[data-row-link]').first().locator('strong').innerText()).trim();
    // 姓名 in pinyin order: 阿依古丽 (a) first.
    await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-row-link]').length === 5);
    expect(await firstName()).toBe('阿依古丽');
    await page.getByRole('columnheader', { name: '出生年月' }).click();
    await page.waitForURL(/sort=birthDate/);
    await page.waitForFunction(() => document.querySelector('tbody tr[data-row-link] strong')?.textContent === '曾庆和');
    await page.getByRole('columnheader', { name: '出生年月' }).click();
    await page.waitForURL(/order=desc/);
    await page.waitForFunction(() => document.querySelector('tbody tr[data-row-link] strong')?.textContent === '柏文静');

    await page.getByRole('button', { name: '列' }).click();
    const chooser = page.getByTestId('columns-cadreList');
    await chooser.getByText('挂职状态').click();
    await chooser.getByText('批次').click();
    await visible(page.getByRole('columnheader', { name: '挂职状态' }));
    await visible(page.getByRole('cell', { name: '安康市第9批赴常州挂职干部' }));
    await page.keyboard.press('Escape');
    await page.reload();
    await visible(page.getByRole('columnheader', { name: '批次' }));
    await page.getByRole('columnheader', { name: '挂职状态' }).click();
    await page.waitForURL(/sort=postingStatus/);
    await page.waitForFunction(() => ['韩若曦', '邓立新'].includes(document.querySelector('tbody tr[data-row-link] strong')?.textContent ?? ''));
    await screens(page, 'guards-list-columns');
  });

  it('opens a row with Enter', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/cadres`);
    const row = page.locator('tbody tr[data-row-link]').filter({ hasText: '曾庆和' });
    await row.focus();
    await page.keyboard.press('Enter');
    await visible(page.getByRole('heading', { name: '曾庆和' }));
  });

  it('moves the selected files to the 回收站 after one confirmation naming them, listing each refusal', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/cadres`);
    await visible(page.locator('tbody tr[data-row-link]'));
    for (const name of ['柏文静', '阿依古丽', '曾庆和']) await page.locator('tbody tr').filter({ hasText: name }).locator('.ant-checkbox-input').check();
    // Meanwhile someone else removed 曾庆和 for good: this one is refused, the others go.
    await app.services.cadres.remove(ctx, ids['曾庆和']);
    await app.services.cadres.purge(ctx, ids['曾庆和']);
    await page.getByRole('button', { name: '移入回收站（3人）' }).click();
    const ask = confirmDialog(page);
    await visible(confirmText(page, '将选中的 3 份档案移入回收站？'));
    expect(await ask.innerText()).toMatch(/“柏文静”.*“阿依古丽”|“阿依古丽”.*“柏文静”/s);
    await screens(page, 'guards-bulk-confirm');
    await ask.getByRole('button', { name: /移入回收站/ }).click();
    await visible(page.getByTestId('bulk-refusals'));
    expect(await page.getByTestId('bulk-refusals').innerText()).toMatch(/曾庆和：未找到/);
    await visible(page.getByText('已将 2 份档案移入回收站'));
    await screens(page, 'guards-bulk-refusals');
    await page.getByRole('button', { name: '知道了' }).click();
    expect((await app.services.cadres.list({ deleted: true })).items.map((c) => c.name).sort()).toEqual(['柏文静', '阿依古丽'].sort());

    await page.getByRole('menuitem', { name: '回收站' }).click();
    await visible(page.getByRole('cell', { name: '柏文静' }));
    const bin = await page.locator('.ant-table-tbody').innerText();
    expect(bin).toMatch(/\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}/);
    expect(bin).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await screens(page, 'guards-recycle-bin');
  });

  it('screens: the list, the edit page and the roster-import preview at both sizes', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/cadres`);
    await visible(page.locator('tbody tr[data-row-link]'));
    await screens(page, 'guards-list');
    await page.goto(`${url}#/cadres/${ids['韩若曦']}/edit`);
    await visible(page.getByRole('heading', { name: '编辑干部档案' }));
    await screens(page, 'guards-edit');

    const file = path.join(app.dir, '安康市第9批花名册.xlsx');
    const han = PEOPLE[0];
    fs.writeFileSync(
      file,
      await xlsx((ws) => {
        ws.getRow(1).values = ['序号', '姓名', '性别', '身份证号', '出生年月', '工作单位', '现任职务', '联系电话', '挂职单位', '挂职职务', '起止时间'];
        ws.getRow(2).values = [1, han.name, '女', han.idNumber, han.birthDate, '安康市商务局', '安康市商务局对外贸易和投资促进科科长', '13909150002', '常州市武进区商务局', '副局长（挂职）', '2026.03.01—2027.02.28'];
        ws.getRow(3).values = [2, '庞少卿', '男', makeIdNumber('610902', '19870321', 813, '男'), '1987.03', '安康市发展和改革委员会', '安康市发展和改革委员会固定资产投资科科长', '13909150003', '常州市武进区发展和改革局', '局长助理（挂职）', '2026.03.01—2027.02.28'];
      }),
    );
    await page.goto(`${url}#/import`);
    await page.getByRole('tab', { name: '花名册（Excel）' }).click();
    // Into a batch: the preview shows each row's 挂职 too.
    await page.locator('.ant-form-item').filter({ hasText: '导入到批次' }).locator('input').fill('安康市第9批赴常州挂职干部');
    await page.locator('input[type=file][accept=".xlsx"]').setInputFiles(file);
    await visible(page.getByText(/可以导入/));
    await visible(page.getByRole('cell', { name: /常州市武进区发展和改革局/ }));
    await page.locator('.ant-form-item').filter({ hasText: '导入到批次' }).locator('input').press('Escape');
    await screens(page, 'guards-roster-preview');
    // Every column of the preview reads in full: nothing cut off with an ellipsis.
    const cut = await page.locator('.ant-table-cell-ellipsis').count();
    expect(cut).toBe(0);

    // The LRMX preview: a long file name wraps instead of being cut.
    const good = path.join(app.dir, '安康市发展和改革委员会固定资产投资科科长张三（2026年3月调整后）.lrmx');
    fs.writeFileSync(good, lrmxBytes());
    const hostile = path.join(app.dir, '外部实体.lrmx');
    fs.writeFileSync(hostile, Buffer.from('<?xml version="1.0"?><!DOCTYPE Person [<!ENTITY x SYSTEM "file:///etc/passwd">]><Person><XingMing>&x;</XingMing></Person>'));
    await page.getByRole('tab', { name: '任免审批表（.lrmx）' }).click();
    await page.locator('input[type=file][accept=".lrmx,.xml"]').setInputFiles([good, hostile]);
    await visible(page.getByText('确认导入 1 个文件'));
    expect(await page.locator('.ant-table-cell-ellipsis').count()).toBe(0);
    await screens(page, 'guards-lrmx-preview');
  });
});
