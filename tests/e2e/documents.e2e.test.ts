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
    await page.getByRole('button', { name: /任免审批表/ }).click();
    const preview = page.getByTestId('document-preview');
    await visible(preview.getByText('干部任免审批表').first(), 30_000);
    expect(await preview.innerText()).toContain(cadre.name);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /另存为 Word/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/李明远.*\.docx$/);
    await screenshot(page, 'e2e-renmian-preview');
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
    expect(names).toHaveLength(members.length);
    expect(names).toContain('安康市第7批赴常州挂职干部_李明远_干部任免审批表.docx');
    await visible(dialog.getByText(`${members.length} / ${members.length}`));
    await screenshot(page, 'e2e-batch-export');
  });
});
