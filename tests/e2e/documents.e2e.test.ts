import fs from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../electron/demo/loadDemo';
import { screenshot, startApp, visible, type RunningApp } from './harness';

describe('Word documents in the browser host', () => {
  let app: RunningApp;
  let batchId: number;
  beforeAll(async () => {
    app = await startApp();
    await loadDemo(app.services, { actor: 'e2e' });
    batchId = (await app.services.batches.list({ query: '第7批' }))[0].id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('previews the 任免审批表 of a file, ready to print or save', async () => {
    const { page, url } = app;
    const cadre = (await app.services.cadres.list({ query: 'lmy' })).items[0];
    await page.goto(`${url}#/cadres/${cadre.id}`);
    // The built page carries the CSP as a <meta> too (the desktop app serves it from app://, with the header).
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain("script-src 'self'");
    await page.getByRole('button', { name: /任免审批表/ }).click();
    const preview = page.getByTestId('document-preview');
    await visible(preview.getByText('干部任免审批表').first(), 30_000);
    expect(await preview.innerText()).toContain(cadre.name);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /另存为 Word/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/李明远.*\.docx$/);
    await screenshot(page, 'e2e-renmian-preview');
  });

  it('previews the batch summary table and a posting\'s appraisal form', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/batches/${batchId}`);
    await page.getByRole('button', { name: /汇总表/ }).click();
    await visible(page.getByTestId('document-preview').getByText('工作实绩及考核汇总表').first(), 30_000);
    await screenshot(page, 'e2e-summary-preview');
    await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    const member = (await app.services.batches.get(batchId)).members.find((m) => m.name === '刘思源')!;
    await page.goto(`${url}#/postings/${member.postingId}`);
    await page.getByRole('button', { name: /考核鉴定表/ }).click();
    await visible(page.getByTestId('document-preview').getByText('挂职干部考核鉴定表').first(), 30_000);
    await screenshot(page, 'e2e-appraisal-preview');
    await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await page.getByRole('button', { name: /成长评价报告/ }).click();
    await visible(page.getByTestId('document-preview').getByText('从学习者到传递者').first(), 30_000);
    await screenshot(page, 'e2e-growth-report-preview');
  });

  it('exports the forms of every member of a batch into one zip with progress', async () => {
    const { page, url } = app;
    await page.goto(`${url}#/batches/${batchId}`);
    await page.getByRole('button', { name: /批量导出/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '批量导出' });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), dialog.getByRole('button', { name: /开始导出/ }).click()]);
    const file = await download.path();
    const zip = await JSZip.loadAsync(fs.readFileSync(file!));
    const names = Object.keys(zip.files).sort();
    const members = (await app.services.batches.get(batchId)).members;
    // 干部任免审批表 and 挂职干部考核鉴定表 are chosen by default: one file of each per member.
    expect(names).toHaveLength(members.length * 2);
    expect(names).toContain('安康市第7批赴常州挂职干部_李明远_干部任免审批表.docx');
    expect(names).toContain('安康市第7批赴常州挂职干部_李明远_挂职干部考核鉴定表.docx');
    await visible(dialog.getByText(`${members.length * 2} / ${members.length * 2}`));
    await screenshot(page, 'e2e-batch-export');
  });
});
