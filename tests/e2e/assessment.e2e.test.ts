import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { toApiError } from '../../shared/errors';
import { addDays, dayOf } from '../../shared/validators/yearMonth';
import { screenshot, startApp, visible, type RunningApp } from './harness';

const ctx = { actor: 'e2e' };

describe('考核记录, 请销假 and 工作实绩 of a posting in the browser host', () => {
  let app: RunningApp;
  const today = dayOf(new Date());
  const year = Number(today.slice(0, 4));
  let batchId: number;
  let postingId: number;

  beforeAll(async () => {
    app = await startApp();
    const people: [string, '男' | '女', string][] = [
      ['欧阳振华', '男', '19820312'],
      ['司马晓岚', '女', '19870719'],
    ];
    const ids: number[] = [];
    for (const [i, [name, gender, birth]] of people.entries())
      ids.push((await app.services.cadres.save(ctx, { name, gender, birthDate: `${birth.slice(0, 4)}.${birth.slice(4, 6)}`, idNumber: makeIdNumber('320402', birth, 41 + i * 2, gender), workUnit: '常州市商务局' })).id);
    // A running posting that started 100 days ago: 101 days counted up to today; it ends in 20 days, so its 期满考核 may be made.
    batchId = (await app.services.batches.save(ctx, { name: '常州市赴安康挂职干部（第7批）', type: '东西部协作/对口支援', direction: '派出', startDate: addDays(today, -100), endDate: addDays(today, 20) })).id;
    const added = await app.services.batches.addMembers(ctx, { batchId, cadreIds: ids, defaults: { status: '在岗', hostUnit: '安康市汉滨区商务局', hostPost: '副局长' } });
    postingId = added.added.find((a) => a.cadreId === ids[0])!.postingId;
    // Some records made directly, so that the page shows every section filled.
    await app.services.assessments.save(ctx, 'monthly', { postingId, month: today.slice(0, 7), content: '走访园区企业12家，梳理招商线索5条', hostComment: '融入快，作风扎实' });
    await app.services.assessments.save(ctx, 'talk', { postingId, date: addDays(today, -30), talker: '周立群（政治辅导员）', content: '谈思想、谈工作、谈生活', followUp: '协调解决住宿问题' });
    await app.services.assessments.save(ctx, 'quarterly', { postingId, quarter: 1, selfSummary: '熟悉情况，融入岗位', grade: '好', score: 92 });
    await app.services.assessments.save(ctx, 'term', {
      postingId,
      votes: { excellent: 30, competent: 12, basic: 2, incompetent: 0, abstain: 1 },
      selfSummary: '挂职以来，牵头引进项目3个',
      hostOpinion: '同意鉴定为优秀',
      finalGrade: '优秀',
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('records an annual grade, submits it, and then the record can no longer be edited', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/postings/${postingId}`);
    await visible(page.getByRole('heading', { name: '欧阳振华' }));
    await visible(page.getByText('安康市汉滨区商务局'));
    const annual = page.getByTestId('records-年度考核');
    await visible(annual.getByText('尚无年度考核记录'));

    await annual.getByRole('button', { name: /登记年度考核/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '登记年度考核' });
    await dialog.getByLabel('年度').click();
    await page.locator(`.ant-select-item-option[title="${year}年"]`).click();
    // The grade is required: the shared schema's rule answers in place.
    await dialog.getByRole('button', { name: '保存' }).click();
    await visible(dialog.getByText('不能为空'));
    await dialog.getByText('优秀', { exact: true }).click();
    await dialog.getByLabel('考核评语').fill('招商引资成效突出，群众认可度高');
    await dialog.getByRole('button', { name: '保存' }).click();
    await visible(page.getByText(`年度考核（${year}年）已保存`));
    const row = annual.getByRole('row', { name: new RegExp(`${year}年`) });
    await visible(row.getByText('草稿'));
    await visible(row.getByRole('button', { name: /编辑/ }));
    await screenshot(page, 'e2e-posting-records-draft');

    await row.getByRole('button', { name: '提交', exact: true }).click();
    await visible(page.getByText(`年度考核（${year}年）已提交`));
    await visible(row.getByText('已提交'));
    expect(await row.getByRole('button', { name: /编辑/ }).count()).toBe(0);
    expect(await row.getByRole('button', { name: /删除/ }).count()).toBe(0);
    await visible(row.getByRole('button', { name: '退回为草稿' }));
    await visible(row.getByRole('button', { name: '审核' }));

    // A locked record opens read-only and says why.
    await row.getByRole('button', { name: /查看/ }).click();
    const view = page.locator('.ant-modal').filter({ hasText: `查看年度考核（${year}年）` });
    await visible(view.getByText('已提交的记录不能修改：请先退回为草稿（需填写原因）'));
    expect(await view.getByRole('button', { name: '保存' }).count()).toBe(0);
    await page.waitForTimeout(400); // the dialog's opening animation
    await screenshot(page, 'e2e-posting-records-locked');
    await view.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();

    // In the database: submitted, with its steps; and the service refuses an edit with the same message.
    const records = await app.services.assessments.listByPosting(postingId);
    expect(records.annual).toHaveLength(1);
    const saved = records.annual[0];
    expect(saved).toMatchObject({ year, grade: '优秀', comments: '招商引资成效突出，群众认可度高' });
    expect(saved.workflow.state).toBe('已提交');
    expect(saved.workflow.steps.map((s) => [s.action, s.to, s.actor])).toEqual([
      ['create', '草稿', 'e2e'],
      ['submit', '已提交', 'e2e'],
    ]);
    const refused = await app.services.assessments.save(ctx, 'annual', { postingId, year, grade: '称职' }, saved.id).then(
      () => null,
      (e) => toApiError(e),
    );
    expect(refused).toEqual({ code: 'CONFLICT', message: '已提交的记录不能修改：请先退回为草稿（需填写原因）' });
    expect((await app.services.assessments.get(saved.id)).kind === 'annual' && (await app.services.assessments.get(saved.id))).toMatchObject({ grade: '优秀' });

    // 退回为草稿 needs a reason; the reason lands in the state history.
    await row.getByRole('button', { name: '退回为草稿' }).click();
    const reopen = page.locator('.ant-modal').filter({ hasText: '退回原因' });
    await reopen.getByRole('button', { name: '确定退回' }).click();
    await visible(reopen.getByText('不能为空'));
    await reopen.getByLabel('退回原因').fill('评语需补充挂职单位意见');
    await reopen.getByRole('button', { name: '确定退回' }).click();
    await visible(page.getByText(`年度考核（${year}年）已退回为草稿`));
    await visible(row.getByRole('button', { name: /编辑/ }));
    await row.getByRole('button', { name: '历史' }).click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '状态变化' });
    await visible(drawer.getByText('原因：评语需补充挂职单位意见'));
    await page.waitForTimeout(400);
    await screenshot(page, 'e2e-posting-record-history');
    await page.keyboard.press('Escape');
    // 期满考核 shows the votes with the rates the service derived (有效票 45 including 弃权).
    const term = page.getByTestId('records-期满考核');
    await term.scrollIntoViewIfNeeded();
    await visible(term.getByRole('cell', { name: '66.7%' }));
    await visible(term.getByRole('cell', { name: '93.3%' }));
    await screenshot(page, 'e2e-posting-term');
    const steps = (await app.services.assessments.history(saved.id)).steps;
    expect(steps.at(-1)).toMatchObject({ action: 'reopen', from: '已提交', to: '草稿', reason: '评语需补充挂职单位意见' });
  });

  it('a leave entry brings the on-post ratio below the threshold: warnings on the posting and the home screen', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/postings/${postingId}?tab=leave`);
    await page.reload();
    await visible(page.getByText('每月在岗天数'));
    expect(await page.getByText(/低于预警阈值/).count()).toBe(0);

    await page.getByRole('button', { name: /登记请销假/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '登记请销假' });
    await dialog.getByLabel('离岗开始日期').fill(addDays(today, -40));
    await dialog.getByLabel('离岗结束日期').fill(addDays(today, -11));
    await dialog.getByLabel('批准人').fill('挂职单位主要负责人 王建国');
    await visible(dialog.getByText('共 30 天'));
    await dialog.getByRole('button', { name: '保存' }).click();
    await visible(page.getByText('请销假记录已保存'));
    await dialog.waitFor({ state: 'hidden' });
    // 101 days counted, 30 away: 71 on post, 70.3% < 80%.
    await visible(page.getByText('在岗率 70.3%，低于预警阈值 80.0%'));
    const onPost = await app.services.leave.summary({ postingId });
    expect(onPost).toMatchObject({ postingDays: 101, leaveDays: 30, onPostDays: 71, belowThreshold: true });
    await page.getByText('每月在岗天数').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'e2e-posting-leave');

    await page.goto(`${url}#/`);
    await page.reload();
    const card = page.locator('.ant-card').filter({ hasText: '在岗率预警' });
    await visible(card.getByText('欧阳振华'));
    await visible(card.getByText('在岗率 70.3%'));
    expect(await card.getByText('司马晓岚').count()).toBe(0);
    await screenshot(page, 'e2e-home-onpost-warning');

    // A lower threshold clears the warning.
    await card.getByRole('button', { name: /设置阈值/ }).click();
    const settings = page.locator('.ant-modal').filter({ hasText: '设置在岗率预警阈值' });
    await settings.getByLabel('在岗率预警阈值（%）').fill('60');
    await settings.getByRole('button', { name: '保存' }).click();
    await visible(page.getByText('在岗率预警阈值已设为 60%'));
    await visible(card.getByText('在岗或延期的挂职干部在岗率均不低于 60.0%'));
    expect((await app.services.settings.get()).onPostThreshold).toBe(0.6);
    await app.services.settings.set(ctx, { key: 'onPostThreshold', value: 0.8 });
  });

  it('records a work result with an evidence file; totals per posting and per batch; the batch overview', async () => {
    const { page, url } = app;
    await app.services.ledger.save(ctx, { postingId, category: '消费帮扶', title: '组织安康富硒茶进常州机关食堂', date: addDays(today, -20), amount: 86.5, quantity: 3, quantityUnit: '场' });
    await page.goto(`${url}#/postings/${postingId}?tab=results`);
    await page.reload();
    await visible(page.getByText('工作实绩台账（1）'));
    await page.getByRole('button', { name: /登记工作实绩/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '登记工作实绩' });
    await dialog.getByLabel('事项').fill('引进常州新能源电池配套项目签约落地');
    await dialog.getByLabel('金额（万元）').fill('1200');
    await dialog.getByLabel('数量').fill('2');
    await dialog.getByRole('button', { name: '保存' }).click();
    // A quantity without its unit is refused in place.
    await visible(dialog.getByText('填写数量时须填写单位（如 人次、场、篇）'));
    await dialog.getByLabel('单位').fill('家');
    await dialog.getByLabel('单位').press('Tab');
    await dialog.getByRole('button', { name: '保存' }).click();
    await visible(page.getByText('工作实绩“引进常州新能源电池配套项目签约落地”已保存'));
    await visible(page.getByTestId('totals-招商引资').getByText('签约资金合计'));

    // Evidence: the new result opens with its evidence list.
    const file = path.join(app.dir, '签约仪式照片.jpg');
    fs.writeFileSync(file, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8]));
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /上传证据文件/ }).first().click();
    await (await chooser).setFiles(file);
    await visible(page.getByText('已添加证据文件“签约仪式照片.jpg”'));
    const download = page.waitForEvent('download');
    await page.getByText('签约仪式照片.jpg', { exact: true }).click();
    expect((await download).suggestedFilename()).toBe('签约仪式照片.jpg');
    await page.getByText('签约仪式照片.jpg', { exact: true }).evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'e2e-posting-results');

    const totals = await app.services.ledger.totals({ scope: 'posting', id: postingId });
    expect(totals.count).toBe(2);
    expect(totals.byCategory.find((c) => c.category === '招商引资')).toMatchObject({ amountLabel: '签约资金', amount: 1200, quantities: [{ unit: '家', quantity: 2 }] });
    const ledger = await app.services.ledger.list({ scope: 'posting', id: postingId });
    expect(ledger.items.find((r) => r.category === '招商引资')!.evidence.map((e) => e.fileName)).toEqual(['签约仪式照片.jpg']);

    // The batch overview: one member lacks the year's annual assessment; the batch's totals.
    await page.goto(`${url}#/batches/${batchId}`);
    await page.reload();
    await page.getByRole('tab', { name: '考核完成情况' }).click();
    const overview = page.getByRole('tabpanel', { name: '考核完成情况' });
    await visible(overview.locator('tr', { hasText: '司马晓岚' }).getByText('未登记'));
    await visible(overview.locator('tr', { hasText: '欧阳振华' }).getByText('草稿'));
    await visible(overview.getByTestId('totals-消费帮扶').getByText('销售额合计'));
    const completion = await app.services.assessments.batchCompletion({ batchId });
    await overview.getByText('本批次工作实绩合计').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    expect(completion.counts).toMatchObject({ members: 2, annualMissing: 1, annualPending: 1, annualDone: 0 });
    await screenshot(page, 'e2e-batch-completion');
  });
});
