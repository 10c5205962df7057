import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../../bench/generateRecords';
import { loadDemo } from '../../electron/demo/loadDemo';
import { screens, startApp, visible, type RunningApp } from './harness';

/**
 * 打印 in the document preview, for each of the five forms: what the print button sends to the printer is captured
 * (the print document at the moment `print()` is called), printed to PDF with print media at the document's own
 * page size, and read back page by page. Every page once, in order, the end of the form on the last page, the
 * fixed-layout forms on their designed page count, the batch tables landscape.
 */

const OUT = path.join(process.cwd(), 'test-results', 'print');

interface PrintedPdf {
  file: string;
  pages: string[];
  sizes: { width: number; height: number }[];
}

/** Text without whitespace: table cells and stacked labels come out of pdftotext with spaces and line breaks. */
const squash = (s: string) => s.replace(/\s+/g, '');

function readPdf(file: string): PrintedPdf {
  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
  const pages = text.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', file], { encoding: 'utf8' });
  const sizes = [...info.matchAll(/^Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
  return { file, pages, sizes };
}

/** The paragraphs of a .docx's body, in order (text of each `w:p`). */
async function docxParagraphs(base64: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
}

describe('打印 in the document preview', () => {
  let app: RunningApp;
  let printPage: Page;
  let batchId: number;
  beforeAll(async () => {
    app = await startApp();
    await loadDemo(app.services, { actor: 'e2e' });
    batchId = (await app.services.batches.list({ query: '第7批' }))[0].id;
    printPage = await app.browser.newPage();
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(OUT, { recursive: true });
  });
  afterAll(async () => {
    await app?.close();
  });

  /**
   * Opens a preview (the click on `button`), waits for its print document, presses 打印 and returns what was printed
   * as a PDF, with the .docx the preview showed and the page count the preview announced.
   */
  async function printFromPreview(name: string, hash: string, button: RegExp, shots = false, inPreview?: (dialog: Locator) => Promise<void>, shown?: string) {
    const { page, url } = app;
    await page.goto(`${url}${hash}`);
    // A hash change keeps the previous record on screen until the next one has loaded: wait for the right one.
    if (shown) await visible(page.getByText(shown).first(), 30_000);
    const [response] = await Promise.all([
      page.waitForResponse((r) => /\/api\/document%3A|\/api\/document:/.test(r.url()), { timeout: 60_000 }),
      page.getByRole('button', { name: button }).first().click(),
    ]);
    const docx = ((await response.json()) as { result: { fileName: string; base64: string } }).result;
    const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('document-preview') });
    await visible(dialog.getByTestId('document-preview').locator('section.docx'), 30_000);
    // The print document is ready when 打印 is enabled and the page count is known.
    await expect.poll(() => dialog.getByTestId('page-count').innerText(), { timeout: 30_000 }).toMatch(/共 \d+ 页/);
    const announced = Number((await dialog.getByTestId('page-count').innerText()).match(/共 (\d+) 页/)![1]);
    const frameHandle = await page.locator('iframe[data-testid="print-frame"][data-ready="true"]').elementHandle({ timeout: 10_000 });
    const frame = (await frameHandle!.contentFrame()) as Frame;
    // The printer: what the frame holds when print() is called.
    await frame.evaluate(() => {
      const w = window as unknown as { print(): void; printed?: string; printCalls?: number };
      w.printCalls = 0;
      w.print = () => {
        w.printCalls!++;
        w.printed = `<!DOCTYPE html>\n${document.documentElement.outerHTML}`;
      };
    });
    await dialog.getByRole('button', { name: /打\s*印/ }).click();
    const printed = await frame.evaluate(() => (window as unknown as { printed?: string; printCalls?: number }).printed);
    expect(printed, '打印 printed the print document').toBeTruthy();
    expect(printed).not.toMatch(/blob:|<script/i);
    // Ctrl+P in the preview prints the same document, not the app page.
    await page.keyboard.press('Control+P');
    expect(await frame.evaluate(() => (window as unknown as { printCalls?: number }).printCalls)).toBe(2);
    const note = await dialog.getByTestId('pagination-note').count();

    if (shots) await screens(page, `print-preview-${name}`);
    if (inPreview) await inPreview(dialog);

    fs.writeFileSync(path.join(OUT, `${name}.html`), printed!);
    await printPage.setContent(printed!, { waitUntil: 'load' });
    await printPage.emulateMedia({ media: 'print' });
    const file = path.join(OUT, `${name}.pdf`);
    await printPage.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    execFileSync('pdftoppm', ['-r', '50', '-png', file, path.join(OUT, name)]);
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await dialog.waitFor({ state: 'hidden' });
    return { pdf: readPdf(file), docx, announced, note: note > 0 };
  }

  /** Every page printed once, in order, at one orientation, the last paragraph of the .docx on the last page. */
  async function expectWholeDocument(name: string, result: Awaited<ReturnType<typeof printFromPreview>>, orientation: 'portrait' | 'landscape') {
    const { pdf, docx, announced } = result;
    expect(pdf.pages.length, `${name}: pages`).toBeGreaterThan(0);
    expect(pdf.sizes).toHaveLength(pdf.pages.length);
    // No page printed twice.
    const texts = pdf.pages.map(squash);
    expect(new Set(texts).size, `${name}: a page repeats`).toBe(texts.length);
    for (const t of texts) expect(t.length, `${name}: an empty page`).toBeGreaterThan(0);
    for (const s of pdf.sizes) {
      if (orientation === 'landscape') expect(s.width, `${name}: landscape`).toBeGreaterThan(s.height);
      else expect(s.height, `${name}: portrait`).toBeGreaterThan(s.width);
      // A4 (595 × 842 pt) either way round.
      expect(Math.round(Math.min(s.width, s.height))).toBe(595);
      expect(Math.round(Math.max(s.width, s.height))).toBe(842);
    }
    // The text of the .docx is printed in order: each non-empty paragraph found at or after the previous one.
    const all = texts.join('');
    const paragraphs = (await docxParagraphs(docx.base64)).map(squash).filter((p) => p.length >= 2);
    let at = 0;
    for (const p of paragraphs) {
      const found = all.indexOf(p, at);
      expect(found, `${name}: "${p}" printed in order`).toBeGreaterThanOrEqual(0);
      at = found;
    }
    // …and the last of them on the last page.
    expect(texts.at(-1)).toContain(paragraphs.at(-1));
    // The preview announced the page count that prints.
    expect(announced, `${name}: 共 N 页 in the preview`).toBe(pdf.pages.length);
  }

  it('干部任免审批表: both pages, once each, in order, on exactly two A4 sheets', async () => {
    const cadre = (await app.services.cadres.list({ query: 'lmy' })).items[0];
    const full = await app.services.cadres.get(cadre.id);
    const r = await printFromPreview('renmian', `#/cadres/${cadre.id}`, /任免审批表/, true);
    await expectWholeDocument('renmian', r, 'portrait');
    expect(r.pdf.pages).toHaveLength(2);
    expect(r.note, 'no pagination note on a fixed-layout form').toBe(false);
    const [first, last] = r.pdf.pages.map(squash);
    expect(first).toContain('干部任免审批表');
    expect(first).toContain(cadre.name);
    // Page 2: 奖惩情况 … the family (the last member too), 呈报单位, the approval blocks and 填表人.
    expect(last).toContain('填表人');
    const family = full.family;
    expect(family.length).toBeGreaterThan(0);
    expect(last).toContain(squash(family.at(-1)!.name));
    for (const label of ['奖惩', '呈报', '审批', '机关']) expect(last).toContain(label);
    expect(first).not.toContain('填表人');
  });

  it('干部任免审批表 of long records: every page the form draws prints on one sheet, every period and family member on paper', async () => {
    // Invented records in demo files: 22 résumé entries and 7 family members; 40 entries, 10 members and a long 任免理由.
    const cases = [
      { query: 'wxf', entries: 22, members: 7, reason: '' },
      { query: 'czg', entries: 40, members: 10, reason: '该同志政治立场坚定，工作思路清晰，在招商引资和项目推进中成效明显。'.repeat(16) },
    ];
    for (const [k, c] of cases.entries()) {
      const cadre = (await app.services.cadres.list({ query: c.query })).items[0];
      const full = await app.services.cadres.get(cadre.id);
      const from = Number(full.birthDate.slice(0, 4)) + 19;
      const ym = (half: number) => `${from + Math.floor(half / 2)}.${half % 2 ? '07' : '01'}`;
      const units = ['县发展和改革局', '镇人民政府', '县委办公室', '市商务局投资促进科', '县乡村振兴局', '市委组织部干部一科'];
      const resume = Array.from({ length: c.entries }, (_, i) => ({
        start: ym(i),
        end: i === c.entries - 1 ? null : ym(i + 1),
        text: `${units[i % units.length]}${['科员', '副主任科员', '主任科员', '副科长', '科长', '副主任'][i % 6]}（第${i + 1}段）`,
        concurrent: false,
      }));
      const family = Array.from({ length: c.members }, (_, i) => ({
        relation: ['妻子', '儿子', '女儿', '父亲', '母亲', '岳父', '岳母', '哥哥', '姐姐', '弟弟'][i],
        name: i === 1 ? '热娜古丽·艾山江' : `家属${'甲乙丙丁戊己庚辛壬癸'[i]}`,
        birthDate: `${1950 + i * 4}.0${1 + (i % 9)}`,
        politicalStatus: '群众',
        workUnitAndPost: `某县某单位职工（第${i + 1}位）`,
      }));
      const { id: _id, ...input } = full as unknown as Record<string, unknown>;
      await app.services.cadres.save({ actor: 'e2e' }, { ...(input as object), resume, family, appointReason: c.reason } as never, cadre.id);

      const r = await printFromPreview(`renmian-long-${k + 1}`, `#/cadres/${cadre.id}`, /任免审批表/);
      await expectWholeDocument(`renmian-long-${k + 1}`, r, 'portrait');
      // The form's own pages (2, and its continuation sheet when the record needs one): one sheet each.
      const xml = await JSZip.loadAsync(Buffer.from(r.docx.base64, 'base64')).then((z) => z.file('word/document.xml')!.async('string'));
      const drawnPages = 1 + (xml.match(/<w:pageBreakBefore\/>|<w:br w:type="page"\/>/g)?.length ?? 0);
      expect(r.pdf.pages, `long record ${k + 1}: one sheet per page of the form`).toHaveLength(drawnPages);
      expect(drawnPages).toBeGreaterThanOrEqual(2);
      const all = r.pdf.pages.map(squash).join('');
      for (const e of resume) expect(all, `${e.start} in the printed 简历`).toContain(squash(e.text));
      for (const f of family) expect(all, `${f.name} in the printed family table`).toContain(squash(f.name));
    }
  });

  it('考核鉴定表: prints on its designed two pages, ending with the 组织部门 opinion', async () => {
    const member = (await app.services.batches.get(batchId)).members.find((m) => m.name === '刘思源')!;
    const r = await printFromPreview('appraisal', `#/postings/${member.postingId}`, /考核鉴定表/);
    await expectWholeDocument('appraisal', r, 'portrait');
    // electron/documents/appraisalForm.ts: page 1 the personal data and 主要表现, page 2 results, votes and the opinions.
    expect(r.pdf.pages).toHaveLength(2);
    expect(r.note, 'no pagination note on a fixed-layout form').toBe(false);
    const [first, last] = r.pdf.pages.map(squash);
    expect(first).toContain('挂职干部考核鉴定表');
    expect(first).toContain('刘思源');
    for (const label of ['民主', '测评', '组织', '部门', '盖章']) expect(last).toContain(label);
  });

  it('成长评价报告: every page of the report, the conclusion and signature on the last', async () => {
    const member = (await app.services.batches.get(batchId)).members.find((m) => m.name === '刘思源')!;
    const r = await printFromPreview('growth', `#/postings/${member.postingId}`, /成长评价报告/, true, async (dialog) => {
      // Page by page: the page field and 上一页/下一页 scroll the preview to the sheet, marked by its guide.
      const preview = dialog.getByTestId('document-preview');
      const field = dialog.getByRole('spinbutton', { name: '页码' });
      const count = Number((await dialog.getByTestId('page-count').innerText()).match(/共 (\d+) 页/)![1]);
      expect(count).toBeGreaterThanOrEqual(2);
      await dialog.getByRole('button', { name: /下一页/ }).click();
      await expect.poll(() => field.inputValue()).toBe('2');
      const guide2 = preview.locator('.print-page-guide', { hasText: '第 2 页' });
      await expect.poll(() => guide2.evaluate((g) => g.getBoundingClientRect().top - g.closest('[data-testid=document-preview]')!.getBoundingClientRect().top)).toBeLessThan(40);
      await field.fill(String(count));
      await field.press('Enter');
      const guideLast = preview.locator('.print-page-guide', { hasText: `第 ${count} 页` });
      const box = (await preview.boundingBox())!;
      await expect.poll(async () => (await guideLast.boundingBox())!.y - box.y).toBeLessThan(box.height - 40);
      expect((await guideLast.boundingBox())!.y).toBeGreaterThan(box.y);
      expect(await field.inputValue()).toBe(String(count));
      await dialog.getByRole('button', { name: /上一页/ }).click();
      await expect.poll(() => field.inputValue()).toBe(String(count - 1));
      await screens(dialog.page(), 'print-preview-growth-paging');
    });
    await expectWholeDocument('growth', r, 'portrait');
    expect(r.pdf.pages.length).toBeGreaterThanOrEqual(2);
    expect(r.note, 'the pagination note on a running document').toBe(true);
    const all = r.pdf.pages.map(squash).join('');
    expect(all.indexOf('五、评价结论')).toBeGreaterThan(all.indexOf('四、各阶段成长情况'));
    // GB/T 9704 page numbers at the foot: — 1 — on the first page, — N — on the last.
    expect(squash(r.pdf.pages[0])).toContain('—1—');
    expect(squash(r.pdf.pages.at(-1)!)).toContain(`—${r.pdf.pages.length}—`);
  });

  it('花名册 and 汇总表: landscape, every member once, the 合计 row on the last page', async () => {
    const members = (await app.services.batches.get(batchId)).members;
    const roster = await printFromPreview('roster', `#/batches/${batchId}`, /花名册/, true, async (dialog) => {
      // 用 WPS/Word 打开 in the browser host: the .docx is downloaded for WPS or Word to open.
      const [download] = await Promise.all([dialog.page().waitForEvent('download'), dialog.getByRole('button', { name: /用 WPS\/Word 打开/ }).click()]);
      expect(download.suggestedFilename()).toMatch(/花名册.*\.docx$/);
      const bytes = fs.readFileSync((await download.path())!);
      expect(bytes.subarray(0, 2).toString()).toBe('PK');
    });
    await expectWholeDocument('roster', roster, 'landscape');
    expect(roster.note).toBe(true);
    const rosterText = roster.pdf.pages.map(squash).join('');
    for (const m of members) expect(rosterText.split(m.name).length - 1, `${m.name} in the roster`).toBe(1);
    // The header row heads every page.
    for (const p of roster.pdf.pages) expect(squash(p)).toContain('姓名');

    const summary = await printFromPreview('summary', `#/batches/${batchId}`, /汇总表/);
    await expectWholeDocument('summary', summary, 'landscape');
    expect(summary.note).toBe(true);
    expect(squash(summary.pdf.pages.at(-1)!)).toContain('合计');
    const summaryText = summary.pdf.pages.map(squash).join('');
    for (const m of members) expect(summaryText, `${m.name} in the summary`).toContain(m.name);
  });

  it('a 40-member batch: both tables run over several landscape pages, the header row on each, every member once, 合计 last', async () => {
    // Invented members (基准干部1 … 基准干部40), as the benchmarks make them.
    const big = (await generateRecords(app.services, { postings: 40, perBatch: 40, recordsPerPosting: 35, resultsPerPosting: 2 })).batchIds[0];
    const once = (text: string, n: number) => text.match(new RegExp(`基准干部${n}(?!\\d)`, 'g'))?.length ?? 0;
    for (const form of ['roster', 'summary'] as const) {
      const bigName = (await app.services.batches.get(big)).batch.name;
      const r = await printFromPreview(`${form}-40`, `#/batches/${big}`, form === 'roster' ? /花名册/ : /汇总表/, false, undefined, bigName);
      expect(r.docx.fileName, `${form}: the 40-member batch's document`).toContain(bigName.slice(0, 6));
      await expectWholeDocument(`${form}-40`, r, 'landscape');
      expect(r.pdf.pages.length, `${form}: pages`).toBeGreaterThanOrEqual(2);
      const pages = r.pdf.pages.map(squash);
      for (const p of pages) expect(p, `${form}: the header row on every page`).toContain('姓名');
      const all = pages.join('');
      for (let n = 1; n <= 40; n++) expect(once(all, n), `${form}: 基准干部${n}`).toBe(1);
      if (form === 'summary') expect(pages.at(-1)).toContain('合计');
    }
  });
});
