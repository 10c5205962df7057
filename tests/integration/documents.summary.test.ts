import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CadreInputSchema } from '../../shared/cadre';
import { createHandlers } from '../../electron/api/handlers';
import { dispatch } from '../../electron/api/dispatch';
import { demoCadres, makeIdNumber } from '../../electron/demo/demoCadres';
import { KEEP_AT_END } from '../../electron/documents/batchTableKit';
import { DRAFT_MARK, DRAFT_NOTE } from '../../electron/documents/draftMark';
import { A4, MARGINS_LANDSCAPE } from '../../electron/documents/style';
import { SUMMARY_COLUMNS } from '../../electron/documents/summaryForm';
import type { AppServices } from '../../electron/services/AppServices';
import { BATCH, RESULTS, postingWithRecords } from '../helpers/documentFixtures';
import { stageSheet } from '../helpers/growthFixtures';
import { canRender, docxParts, flat, linesIn, renderDocxMany, textIn, warnIfCannotRender, type Rendered, type Word } from '../helpers/renderDocx';
import { runCli } from '../helpers/runCli';
import { tempServices, testCtx } from '../helpers/tempServices';

/** 工作实绩及考核汇总表: a batch's members with grades, days on post, results totals and growth stage, A4 landscape. */

let s: AppServices;
let cleanup: () => Promise<void>;
let dir: string;
const TODAY = new Date(2026, 10, 30);
let small: { id: number; buffer: Buffer; fileName: string };
let big: { id: number; names: string[]; buffer: Buffer };
/** Members of the large batch: as many as put the 合计 row alone on the last page when nothing keeps it (see below). */
const BIG = 43;

/** The same document with its parts edited (e.g. the keep-with-next or the word joiners taken out, for comparison). */
async function edited(buffer: Buffer, edit: (xml: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buffer);
  for (const p of ['word/document.xml', 'word/styles.xml']) zip.file(p, edit(await zip.file(p)!.async('string')));
  return zip.generateAsync({ type: 'nodebuffer' });
}
let emptyId: number;

beforeAll(async () => {
  ({ s, cleanup, dir } = await tempServices());
  const demos = demoCadres();
  small = { id: (await s.batches.save(testCtx, BATCH)).id, buffer: Buffer.alloc(0), fileName: '' };
  const lmy = await postingWithRecords(s, {
    input: demos[0],
    batchId: small.id,
    hostUnit: '常州市发展和改革委员会',
    hostPost: '区域协作处副处长（挂职）',
    term: { selfSummary: '挂职期间圆满完成任务。' },
    annual: [{ year: 2026, grade: '优秀', state: '已审核' }],
    // Two units of one category: `活动组织3场、1200人次` wraps in its narrow column.
    results: [...RESULTS, { category: '活动组织', title: '安康富硒茶推介会', date: '2026.08.12', quantity: 1200, quantityUnit: '人次' }],
    leave: [{ startDate: '2026.01.29', endDate: '2026.02.04' }],
  });
  await postingWithRecords(s, {
    input: demos[1],
    batchId: small.id,
    term: { selfSummary: '', state: '草稿' },
    annual: [{ year: 2026, grade: '称职', state: '已提交' }],
    results: [
      { category: '项目建设', title: '园区标准化厂房二期开工', date: '2026.07.08', amount: 6500 },
      { category: '民生实事', title: '双河村组道路维修', date: '2026.07.20', amount: 35 },
      { category: '民生实事', title: '协调解决村民饮水问题', date: '2026.09.03', quantity: 86, quantityUnit: '户' },
    ],
  });
  await postingWithRecords(s, { input: demos[2], batchId: small.id });
  // 李明远 is the batch's leader (first line); his growth: 参与者 at the second quarter.
  await s.batches.save(testCtx, { ...BATCH, leaderId: lmy.cadreId }, small.id);
  const template = await s.growthTemplates.active();
  for (const [period, scores] of [['第一季度', [72, 50, 40, 30]], ['第二季度', [80, 68, 55, 40]]] as const) {
    const e = await s.growth.save(testCtx, { postingId: lmy.postingId, period });
    await s.growth.saveRater(testCtx, { evaluationId: e.id, rater: '挂职单位', scores: stageSheet(template, [...scores]) });
  }
  const doc = await s.documents.exportSummary(small.id, TODAY);
  small = { ...small, buffer: doc.buffer, fileName: doc.fileName };

  // A large batch: BIG members, every fifth with a signed project (every tenth with a quarter: 2 decimals).
  const line = await s.batches.save(testCtx, { name: '2026年一线挂职', type: '一线挂职', direction: '派出', startDate: '2026.01.01', endDate: '2026.12.31' });
  const ids: number[] = [];
  const names: string[] = [];
  for (let i = 0; i < BIG; i++) {
    const d = demos[i % demos.length];
    const name = `${d.name[0]}${'一二三四五六七八九十'[i % 10]}${'甲乙丙丁戊'[Math.floor(i / 10)]}`;
    const birth = `${d.birthDate!.replace('.', '')}${String((i % 28) + 1).padStart(2, '0')}`;
    ids.push((await s.cadres.save(testCtx, CadreInputSchema.parse({ ...d, name, idNumber: makeIdNumber('610902', birth, 300 + i, d.gender) }))).id);
    names.push(name);
  }
  const added = await s.batches.addMembers(testCtx, { batchId: line.id, cadreIds: ids, defaults: { status: '在岗', hostUnit: '安康高新技术产业开发区管委会', hostPost: '招商一线挂职' } });
  for (const [i, a] of added.added.entries())
    if (i % 5 === 0) await s.ledger.save(testCtx, { postingId: a.postingId, category: '招商引资', title: `签约项目${i}`, date: '2026.06.01', amount: 100 + i + (i % 10 === 0 ? 0.25 : 0) });
  big = { id: line.id, names, buffer: (await s.documents.exportSummary('2026年一线挂职', TODAY)).buffer };
  emptyId = (await s.batches.save(testCtx, { ...BATCH, name: '尚无成员的批次' })).id;
});
afterAll(() => cleanup());

/** The header row as read line by line: the first lines of the headers, then the second ones (序号 wraps in its narrow column). */
const HEADER = '序姓名挂职单位及职务年度考核期满考核在岗天数签约资金消费帮扶项目投资其他工作实绩成长阶段号等次（比例）（万元）（万元）（万元）';

describe('工作实绩及考核汇总表: the document', () => {
  it('is named after the batch, A4 landscape, a fixed grid, a repeated header row and whole rows', async () => {
    expect(small.fileName).toBe('安康市第7批赴常州挂职干部工作实绩及考核汇总表.docx');
    const { documentXml: xml, files } = await docxParts(big.buffer);
    expect(xml).toContain(`<w:pgSz w:w="${A4.height}" w:h="${A4.width}" w:orient="landscape"/>`);
    const m = MARGINS_LANDSCAPE;
    expect(xml).toContain(`<w:pgMar w:top="${m.top}" w:right="${m.right}" w:bottom="${m.bottom}" w:left="${m.left}"`);
    const cols = [...(/<w:tblGrid>(.*?)<\/w:tblGrid>/.exec(xml)?.[1] ?? '').matchAll(/w:w="(\d+)"/g)].map((x) => Number(x[1]));
    expect(cols).toHaveLength(SUMMARY_COLUMNS.length);
    expect(cols.reduce((a, b) => a + b, 0)).toBe(A4.height - m.left - m.right);
    const rows = [...xml.matchAll(/<w:tr>(.*?)<\/w:tr>/g)].map((r) => r[1]);
    // Header, members, 合计, and the line under the table (填报单位…) as its open last row.
    expect(rows).toHaveLength(1 + big.names.length + 2);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows.slice(1).some((r) => r.includes('<w:tblHeader/>'))).toBe(false);
    expect(rows.every((r) => r.includes('<w:cantSplit/>') && r.includes('w:hRule="atLeast"'))).toBe(true);
    expect(files.some((f) => /^word\/footer\d+\.xml$/.test(f))).toBe(true);
    expect(rows[rows.length - 1]).toContain('填报单位（盖章）：');
  });

  it('keeps the last rows with the 合计 and the 合计 with the line under the table, and no other rows', async () => {
    const { documentXml: xml, stylesXml } = await docxParts(big.buffer);
    const keeping = new Set([...stylesXml.matchAll(/<w:style [^>]*w:styleId="([^"]+)">(?:(?!<\/w:style>).)*<w:keepNext\/>/g)].map((m) => m[1]));
    const rows = [...xml.matchAll(/<w:tr>(.*?)<\/w:tr>/g)].map((r) => r[1]);
    /** Every paragraph of the row is kept with the next. */
    const kept = (row: string) => [...row.matchAll(/<w:pStyle w:val="([^"]+)"\/>/g)].every((m) => keeping.has(m[1]));
    const members = rows.slice(1, 1 + BIG).map(kept);
    expect(members.filter(Boolean)).toHaveLength(KEEP_AT_END);
    expect(members.slice(-KEEP_AT_END)).toEqual(new Array(KEEP_AT_END).fill(true));
    expect(kept(rows[1 + BIG])).toBe(true);
    expect(kept(rows[2 + BIG])).toBe(false);
  });

  it('marks a table printing grades or stages of records not archived as a draft', async () => {
    // The small batch prints a reviewed and a submitted annual grade and a stage from draft evaluations.
    expect((await docxParts(small.buffer)).files.some((f) => /^word\/header\d+\.xml$/.test(f))).toBe(true);
    // The large one prints no grades or stages at all: clean.
    expect((await docxParts(big.buffer)).files.some((f) => /^word\/header\d+\.xml$/.test(f))).toBe(false);
  });

  it('is offered through document:summary, and refuses a batch without members', async () => {
    await expect(s.documents.exportSummary(emptyId)).rejects.toThrow('批次“尚无成员的批次”还没有成员，没有可打印的汇总表');
    const h = createHandlers(s);
    const ctx = { ...testCtx, mode: 'browser' as const };
    const ok = await dispatch(h, 'document:summary', { batchId: small.id }, ctx);
    const { fileName, base64 } = (ok as { result: { fileName: string; base64: string } }).result;
    expect(fileName).toBe('安康市第7批赴常州挂职干部工作实绩及考核汇总表.docx');
    expect((await docxParts(Buffer.from(base64, 'base64'))).documentXml).toContain('区域协作处副处长（挂职）');
    expect(await dispatch(h, 'document:summary', { batchId: 99999 }, ctx)).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '未找到批次“99999”' } });
  });
});

describe.skipIf(!canRender)('工作实绩及考核汇总表: rendered with LibreOffice', () => {
  /** The forms, and for comparison the same forms without what keeps their ends together or joins units to numbers. */
  let r: { small: Rendered; big: Rendered; bigUnkept: Rendered; smallUnjoined: Rendered };
  beforeAll(async () => {
    const [a, b, c, d] = await renderDocxMany([
      { name: 'summary-small', buffer: small.buffer },
      { name: 'summary-big', buffer: big.buffer },
      { name: 'summary-big-unkept', buffer: await edited(big.buffer, (x) => x.replace(/<w:keepNext\/>/g, '')) },
      { name: 'summary-small-unjoined', buffer: await edited(small.buffer, (x) => x.replace(/[\u2060\u200b]/g, '')) },
    ]);
    r = { small: a, big: b, bigUnkept: c, smallUnjoined: d };
  }, 180_000);

  /** The page header, above the 28 mm top margin of the landscape page: the 草稿 mark when there is one. */
  const HEADER_BAND = { bottom: 24 };

  /** Each column's band on the landscape page, from the left margin (37 mm). */
  const bands = (() => {
    let left = 37;
    const widths = SUMMARY_COLUMNS.map((c) => c.mm);
    const scale = (297 - 37 - 35) / widths.reduce((a, b) => a + b, 0);
    return widths.map((w) => {
      const band = { left: left + 0.3, right: left + w * scale - 0.3, top: 44 };
      left += w * scale;
      return band;
    });
  })();
  /** Where the 合计 row starts on the page. */
  const totalsTop = (t: Rendered) => t.pageWords[t.pages - 1].find((w) => w.text.startsWith('合'))?.y0 ?? Infinity;
  /** A column's header and members' cells, top to bottom (the 合计 row left out). */
  const column = (t: Rendered, header: string) =>
    textIn(t.pageWords[0], { ...bands[SUMMARY_COLUMNS.findIndex((c) => c.header === header)], bottom: totalsTop(t) - 0.5 });
  /** The 序号 of the member rows on a page. */
  const numbersOn = (words: readonly Word[]) => linesIn(words, { ...bands[0], top: 20 }).filter((l) => /^\d+$/.test(l)).map(Number);
  /** Consecutive lines of a column where a number and its measure word (or the two characters of one) were parted. */
  const parted = (lines: readonly string[]) =>
    lines.slice(1).flatMap((b, i) => {
      const a = lines[i];
      return (/\d$/.test(a) && /^[\u4e00-\u9fff]/.test(b)) || (/万$/.test(a) && /^元/.test(b)) || (/人$/.test(a) && /^次/.test(b)) ? [`${a}｜${b}`] : [];
    });

  it('prints a small batch on one page: each member’s grades, days, totals and stage, and the sums', () => {
    const t = r.small;
    expect(t.pages).toBe(1);
    const p = t.pageTexts[0];
    // Below the page header (the 草稿 mark, see below), the title first.
    expect(textIn(t.pageWords[0], { top: 24 }).startsWith('安康市第7批赴常州挂职干部工作实绩及考核汇总表')).toBe(true);
    expect(p).toContain('派出单位：中共安康市委组织部接收单位：中共常州市委组织部挂职时间：2025.12—2026.11共3人');
    // Column by column, top to bottom: the leader first, then the others in the batch's order.
    expect(column(t, '姓名')).toBe('姓名李明远刘思源卢佳宁');
    expect(column(t, '年度考核')).toBe(flat('年度考核 2026年度优秀 2026年度称职（待审核）'));
    // A draft 期满考核 is nobody's verdict yet: not printed.
    expect(column(t, '期满考核\n等次')).toBe('期满考核等次优秀');
    // 365 days, 7 on leave; the others without leave.
    expect(column(t, '在岗天数\n（比例）')).toBe(flat('在岗天数（比例）358/365 98.1% 365/365 100.0% 365/365 100.0%'));
    // Money at one precision: 260.5 needs one decimal, so every amount has one.
    expect(column(t, '签约资金\n（万元）')).toBe('签约资金（万元）5500.0');
    expect(column(t, '消费帮扶\n（万元）')).toBe('消费帮扶（万元）260.5');
    expect(column(t, '项目投资\n（万元）')).toBe('项目投资（万元）6500.0');
    expect(column(t, '其他工作实绩')).toBe(flat('其他工作实绩 调研报告1篇 活动组织3场、1200人次 民生实事86户，投入资金35万元'));
    expect(column(t, '成长阶段')).toBe(flat('成长阶段 参与者（第二季度） 未评价 未评价'));
    const top = totalsTop(t);
    expect(textIn(t.pageWords[0], { top: top - 1, bottom: top + 7 })).toBe('合计5500.0260.56500.0');
    // Under the table: the line for the seal and the hand, the unit of the batch's side filled in.
    expect(p).toContain('填报单位（盖章）：中共安康市委组织部制表人：制表日期：2026年11月30日注：');
    expect(p).toContain('第1页共1页');
  });

  it('never parts a number from its measure word', () => {
    const band = { ...bands[SUMMARY_COLUMNS.findIndex((c) => c.header === '其他工作实绩')], bottom: totalsTop(r.small) - 0.5 };
    const lines = (t: Rendered) => linesIn(t.pageWords[0], band).map(flat);
    // Wrapped in the narrow column, each number stays with its unit…
    expect(lines(r.small).length).toBeGreaterThan(5);
    expect(parted(lines(r.small))).toEqual([]);
    // …which without the joiners it does not (86｜户, 35｜万元, 3｜场、1200人次): the test sees a parted one.
    expect(parted(lines(r.smallUnjoined)).length).toBeGreaterThan(0);
  });

  it('carries the 草稿 mark on every page of a table with figures of records not archived, and none on one without', () => {
    expect(textIn(r.small.pageWords[0], HEADER_BAND)).toBe(flat(DRAFT_NOTE + DRAFT_MARK));
    r.big.pageWords.forEach((w, i) => expect(textIn(w, HEADER_BAND), `第${i + 1}页`).toBe(''));
    expect(r.big.flatText).not.toContain(DRAFT_MARK);
  });

  it('runs a large batch over several landscape pages, the header row on every page, every member once', () => {
    const t = r.big;
    expect(t.pages).toBeGreaterThanOrEqual(2);
    t.pageTexts.forEach((p, i) => {
      expect(p, `第${i + 1}页`).toContain(HEADER);
      expect(p).toContain(`第${i + 1}页共${t.pages}页`);
    });
    const nameBand = bands[1];
    // (Above the 合计 on the last page: the line under the table runs through the column too.)
    const names = t.pageWords
      .flatMap((w, i) => linesIn(w, { ...nameBand, top: 20, bottom: i === t.pages - 1 ? totalsTop(t) : Infinity }).map(flat))
      .filter((n) => n !== '姓名');
    expect(names.sort()).toEqual([...big.names].sort());
    // Nine signed projects: 100 + 0, 105, … 140 and a quarter on five of them → 1081.25 万元, on the last page.
    expect(t.pageTexts[t.pages - 1]).toMatch(/合计1081\.25/);
  });

  it('keeps the 合计 with the rows above it and with the line under the table on the last page', () => {
    const t = r.big;
    const last = t.pageWords[t.pages - 1];
    const text = t.pageTexts[t.pages - 1];
    expect(text).toMatch(/合计1081\.25/);
    expect(text).toContain('填报单位（盖章）：制表人：制表日期：2026年11月30日');
    // At least KEEP_AT_END members' rows above the 合计, the last ones, in order.
    const numbers = numbersOn(last);
    expect(numbers.length).toBeGreaterThanOrEqual(KEEP_AT_END);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => BIG - numbers.length + 1 + i));
    expect(Math.max(...last.filter((w) => /^\d+$/.test(w.text) && w.x0 < 45).map((w) => w.y0))).toBeLessThan(totalsTop(t));
    // Every page holds at least KEEP_AT_END rows, and every member is on some page once.
    const perPage = t.pageWords.map(numbersOn);
    perPage.forEach((n, i) => expect(n.length, `第${i + 1}页`).toBeGreaterThanOrEqual(KEEP_AT_END));
    expect(perPage.flat()).toEqual(Array.from({ length: BIG }, (_, i) => i + 1));
    // Without the keeps, this batch leaves the 合计 alone on its last page: the case the keeps are for.
    const u = r.bigUnkept;
    expect(u.pageTexts[u.pages - 1], `BIG = ${BIG} no longer puts 合计 alone; choose another size`).toMatch(/合计1081\.25/);
    expect(numbersOn(u.pageWords[u.pages - 1])).toEqual([]);
  });

  it('prints money right-aligned at one precision, the 合计 too', () => {
    const t = r.big;
    const band = { ...bands[SUMMARY_COLUMNS.findIndex((c) => c.header === '签约资金\n（万元）')], top: 20 };
    // Inside the table: below the title and subtitle of page 1 (the page header on the others), above the page numbers.
    const inBand = (w: Word, page: number) => (w.x0 + w.x1) / 2 > band.left && (w.x0 + w.x1) / 2 < band.right && w.y0 > (page === 0 ? 44 : 24) && w.y1 < 185;
    const amounts = t.pageWords.flatMap((words, page) => words.filter((w) => /^\d[\d.]*$/.test(w.text) && inBand(w, page)));
    // Nine projects and the 合计; two decimals each (100.25 needs them, so 105.00 has them too).
    expect(amounts.map((w) => w.text)).toHaveLength(10);
    for (const w of amounts) expect(w.text).toMatch(/^\d+\.\d{2}$/);
    expect(amounts.map((w) => w.text)).toContain('105.00');
    // Right-aligned: their right edges line up.
    const rights = amounts.map((w) => w.x1);
    expect(Math.max(...rights) - Math.min(...rights)).toBeLessThan(0.6);
    // At one size: the 合计 (the longest) is not set smaller than the rest.
    const heights = amounts.map((w) => w.y1 - w.y0);
    expect(Math.max(...heights) - Math.min(...heights)).toBeLessThan(0.2);
  });
});

describe('export summary on the command line', () => {
  it('writes the summary for a batch name', () => {
    const out = path.join(dir, '汇总表.docx');
    const r = runCli(['--db', s.dbFile, '--json', 'export', 'summary', '--batch', '安康市第7批赴常州挂职干部', '--out', out]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ form: 'summary', out, fileName: '安康市第7批赴常州挂职干部工作实绩及考核汇总表.docx' });
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const none = runCli(['--db', s.dbFile, 'export', 'summary', '--batch', '尚无成员的批次', '--out', out]);
    expect(none.status).toBe(1);
    expect(none.stderr.trim()).toBe('错误：批次“尚无成员的批次”还没有成员，没有可打印的汇总表');
  }, 60_000);
});

warnIfCannotRender('工作实绩及考核汇总表');
