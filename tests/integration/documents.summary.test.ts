import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CadreInputSchema } from '../../shared/cadre';
import { createHandlers } from '../../electron/api/handlers';
import { dispatch } from '../../electron/api/dispatch';
import { demoCadres, makeIdNumber } from '../../electron/demo/demoCadres';
import { A4, MARGINS_LANDSCAPE } from '../../electron/documents/style';
import { SUMMARY_COLUMNS } from '../../electron/documents/summaryForm';
import type { AppServices } from '../../electron/services/AppServices';
import { BATCH, RESULTS, postingWithRecords } from '../helpers/documentFixtures';
import { stageSheet } from '../helpers/growthFixtures';
import { canRender, docxParts, flat, linesIn, renderDocxMany, textIn, warnIfCannotRender, type Rendered } from '../helpers/renderDocx';
import { runCli } from '../helpers/runCli';
import { tempServices, testCtx } from '../helpers/tempServices';

/** 工作实绩及考核汇总表: a batch's members with grades, days on post, results totals and growth stage, A4 landscape. */

let s: AppServices;
let cleanup: () => Promise<void>;
let dir: string;
const TODAY = new Date(2026, 10, 30);
let small: { id: number; buffer: Buffer; fileName: string };
let big: { id: number; names: string[]; buffer: Buffer };
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
    results: RESULTS,
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

  // A large batch: 45 members, every fifth with a signed project.
  const line = await s.batches.save(testCtx, { name: '2026年一线挂职', type: '一线挂职', direction: '派出', startDate: '2026.01.01', endDate: '2026.12.31' });
  const ids: number[] = [];
  const names: string[] = [];
  for (let i = 0; i < 45; i++) {
    const d = demos[i % demos.length];
    const name = `${d.name[0]}${'一二三四五六七八九十'[i % 10]}${'甲乙丙丁戊'[Math.floor(i / 10)]}`;
    const birth = `${d.birthDate!.replace('.', '')}${String((i % 28) + 1).padStart(2, '0')}`;
    ids.push((await s.cadres.save(testCtx, CadreInputSchema.parse({ ...d, name, idNumber: makeIdNumber('610902', birth, 300 + i, d.gender) }))).id);
    names.push(name);
  }
  const added = await s.batches.addMembers(testCtx, { batchId: line.id, cadreIds: ids, defaults: { status: '在岗', hostUnit: '安康高新技术产业开发区管委会', hostPost: '招商一线挂职' } });
  for (const [i, a] of added.added.entries())
    if (i % 5 === 0) await s.ledger.save(testCtx, { postingId: a.postingId, category: '招商引资', title: `签约项目${i}`, date: '2026.06.01', amount: 100 + i });
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
    // Header, members, 合计.
    expect(rows).toHaveLength(1 + big.names.length + 1);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows.slice(1).some((r) => r.includes('<w:tblHeader/>'))).toBe(false);
    expect(rows.every((r) => r.includes('<w:cantSplit/>') && r.includes('w:hRule="atLeast"'))).toBe(true);
    expect(files.some((f) => /^word\/footer\d+\.xml$/.test(f))).toBe(true);
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
  let r: { small: Rendered; big: Rendered };
  beforeAll(async () => {
    const [a, b] = await renderDocxMany([
      { name: 'summary-small', buffer: small.buffer },
      { name: 'summary-big', buffer: big.buffer },
    ]);
    r = { small: a, big: b };
  }, 180_000);

  /** Each column's band on the landscape page, from the left margin (37 mm). */
  const bands = (() => {
    let left = 37;
    const widths = SUMMARY_COLUMNS.map((c) => c.mm);
    const scale = (297 - 37 - 35) / widths.reduce((a, b) => a + b, 0);
    return widths.map((w) => {
      const band = { left: left + 0.3, right: left + w * scale - 0.3, top: 51.5 };
      left += w * scale;
      return band;
    });
  })();
  /** Where the 合计 row starts on the page. */
  const totalsTop = (t: Rendered) => t.pageWords[t.pages - 1].find((w) => w.text.startsWith('合'))?.y0 ?? Infinity;
  /** A column's header and members' cells, top to bottom (the 合计 row left out). */
  const column = (t: Rendered, header: string) =>
    textIn(t.pageWords[0], { ...bands[SUMMARY_COLUMNS.findIndex((c) => c.header === header)], bottom: totalsTop(t) - 0.5 });

  it('prints a small batch on one page: each member’s grades, days, totals and stage, and the sums', () => {
    const t = r.small;
    expect(t.pages).toBe(1);
    const p = t.pageTexts[0];
    expect(p.startsWith('安康市第7批赴常州挂职干部工作实绩及考核汇总表')).toBe(true);
    expect(p).toContain('派出单位：中共安康市委组织部接收单位：中共常州市委组织部挂职时间：2025.12—2026.11共3人');
    expect(p).toContain('制表日期：2026年11月30日');
    // Column by column, top to bottom: the leader first, then the others in the batch's order.
    expect(column(t, '姓名')).toBe('姓名李明远刘思源卢佳宁');
    expect(column(t, '年度考核')).toBe(flat('年度考核 2026年度优秀 2026年度称职（待审核）'));
    // A draft 期满考核 is nobody's verdict yet: not printed.
    expect(column(t, '期满考核\n等次')).toBe('期满考核等次优秀');
    // 365 days, 7 on leave; the others without leave.
    expect(column(t, '在岗天数\n（比例）')).toBe(flat('在岗天数（比例）358/365 98.1% 365/365 100.0% 365/365 100.0%'));
    expect(column(t, '签约资金\n（万元）')).toBe('签约资金（万元）5500');
    expect(column(t, '消费帮扶\n（万元）')).toBe('消费帮扶（万元）260.5');
    expect(column(t, '项目投资\n（万元）')).toBe('项目投资（万元）6500');
    expect(column(t, '其他工作实绩')).toBe(flat('其他工作实绩 调研报告1篇 活动组织3场 民生实事86户，投入资金35万元'));
    expect(column(t, '成长阶段')).toBe(flat('成长阶段 参与者（第二季度） 未评价 未评价'));
    const top = totalsTop(t);
    expect(textIn(t.pageWords[0], { top: top - 1, bottom: top + 7 })).toBe('合计5500260.56500');
    expect(p).toContain('第1页共1页');
  });

  it('runs a large batch over several landscape pages, the header row on every page, every member once', () => {
    const t = r.big;
    expect(t.pages).toBeGreaterThanOrEqual(2);
    t.pageTexts.forEach((p, i) => {
      expect(p, `第${i + 1}页`).toContain(HEADER);
      expect(p).toContain(`第${i + 1}页共${t.pages}页`);
    });
    const nameBand = bands[1];
    const names = t.pageWords.flatMap((w) => linesIn(w, { ...nameBand, top: 20 }).map(flat)).filter((n) => n !== '姓名');
    expect(names.sort()).toEqual([...big.names].sort());
    // Nine signed projects: 100 + 0, 105, … 140 → 1080 万元 together, on the last page.
    expect(t.pageTexts[t.pages - 1]).toMatch(/合计1080/);
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
