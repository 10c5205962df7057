import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CadreInputSchema } from '../../shared/cadre';
import type { BatchInput } from '../../shared/batch';
import { createHandlers } from '../../electron/api/handlers';
import { dispatch } from '../../electron/api/dispatch';
import { demoCadres, makeIdNumber } from '../../electron/demo/demoCadres';
import { KEEP_AT_END } from '../../electron/documents/batchTableKit';
import { DRAFT_MARK } from '../../electron/documents/draftMark';
import { MARGINS_LANDSCAPE, A4 } from '../../electron/documents/style';
import { rosterTitle, unitAndPost } from '../../electron/documents/viewModels/rosterViewModel';
import type { AppServices } from '../../electron/services/AppServices';
import { canRender, docxParts, flat, linesIn, renderDocxMany, warnIfCannotRender, type Rendered, type Word } from '../helpers/renderDocx';
import { tempServices, testCtx } from '../helpers/tempServices';
import { cliDbArgs } from '../helpers/runCli';

/** 挂职干部花名册: a batch's members on A4 landscape, the header row on every page, rendered with LibreOffice. */

let s: AppServices;
let cleanup: () => Promise<void>;
let dir: string;
const TODAY = new Date(2026, 0, 15);

const changzhou: BatchInput = {
  name: '安康市第7批赴常州挂职干部',
  type: '东西部协作/对口支援',
  direction: '派出',
  fromPlace: '安康市',
  toPlace: '常州市',
  dispatchingOrg: '中共安康市委组织部',
  receivingOrg: '中共常州市委组织部',
  startDate: '2025.12.01',
  endDate: '2026.11.30',
};
const HOSTS = ['常州市武进区商务局', '常州市发展和改革委员会', '常州市天宁区茶山街道办事处', '常州国家高新技术产业开发区管委会经济发展局'];

const HEADER = '序姓名性出生政治学历原单位及职务挂职单位及职务挂职时间联系电话备注号别年月面貌';

let small: { id: number; names: string[]; buffer: Buffer; fileName: string };
let big: { id: number; names: string[]; buffer: Buffer };
/** Members of the large batch: as many as leave one row alone on the last page when nothing keeps the end together. */
const BIG = 48;

/** The same document with its keep-with-next taken out, for comparison. */
async function unkept(buffer: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buffer);
  for (const p of ['word/document.xml', 'word/styles.xml']) zip.file(p, (await zip.file(p)!.async('string')).replace(/<w:keepNext\/>/g, ''));
  return zip.generateAsync({ type: 'nodebuffer' });
}
let emptyId: number;

beforeAll(async () => {
  ({ s, cleanup, dir } = await tempServices());
  const demos = demoCadres();
  const ids: number[] = [];
  const names: string[] = [];
  for (let i = 0; i < 6 + BIG; i++) {
    const d = demos[i % demos.length];
    const name = i < demos.length ? d.name : `${d.name[0]}${'一二三四五六七八九十'[i % 10]}${'甲乙丙丁戊己'[Math.floor(i / 10)]}`;
    const birth = `${d.birthDate!.replace('.', '')}${String((i % 28) + 1).padStart(2, '0')}`;
    ids.push((await s.cadres.save(testCtx, CadreInputSchema.parse({ ...d, name, idNumber: makeIdNumber('610902', birth, 100 + i, d.gender) }))).id);
    names.push(name);
  }
  const b = await s.batches.save(testCtx, changzhou);
  await s.db.write((m) =>
    s.batches.addMembersWith(
      m,
      testCtx,
      b.id,
      ids.slice(0, 6).map((cadreId, i) => ({ cadreId, hostUnit: HOSTS[i % 4], hostPost: i % 2 ? '副局长' : '局长助理', status: '在岗' as const })),
    ),
  );
  await s.batches.save(testCtx, { ...changzhou, leaderId: ids[2] }, b.id);
  const doc = await s.documents.exportRoster(b.id, TODAY);
  small = { id: b.id, names: names.slice(0, 6), buffer: doc.buffer, fileName: doc.fileName };

  const line = await s.batches.save(testCtx, { name: '2026年一线挂职', type: '一线挂职', direction: '派出', startDate: '2026.01.01', endDate: '2026.12.31' });
  await s.db.write((m) =>
    s.batches.addMembersWith(
      m,
      testCtx,
      line.id,
      ids.slice(6).map((cadreId, i) => ({ cadreId, hostUnit: HOSTS[i % 4], hostPost: '挂职干部', status: i % 7 ? ('在岗' as const) : ('拟派' as const) })),
    ),
  );
  big = { id: line.id, names: names.slice(6), buffer: (await s.documents.exportRoster('2026年一线挂职', TODAY)).buffer };
  emptyId = (await s.batches.save(testCtx, { ...changzhou, name: '尚无成员的批次' })).id;
});
afterAll(() => cleanup());

describe('挂职干部花名册: the document', () => {
  it('completes the title and joins unit and post without repeating the unit', () => {
    expect(rosterTitle('安康市第7批赴常州挂职干部')).toBe('安康市第7批赴常州挂职干部花名册');
    expect(rosterTitle('2026年一线挂职')).toBe('2026年一线挂职干部花名册');
    expect(rosterTitle('赴常州跟班学习')).toBe('赴常州跟班学习挂职干部花名册');
    expect(rosterTitle('第6批花名册')).toBe('第6批花名册');
    expect(unitAndPost('安康市商务局', '安康市商务局投资促进科科长')).toBe('安康市商务局投资促进科科长');
    expect(unitAndPost('常州市武进区商务局', '副局长')).toBe('常州市武进区商务局副局长');
    expect(unitAndPost('', '副局长')).toBe('副局长');
    expect(small.fileName).toBe('安康市第7批赴常州挂职干部花名册.docx');
  });

  it('is A4 landscape with a fixed grid, a repeated header row, whole rows and page numbers', async () => {
    const { documentXml: xml, files } = await docxParts(big.buffer);
    expect(xml).toContain(`<w:pgSz w:w="${A4.height}" w:h="${A4.width}" w:orient="landscape"/>`);
    const m = MARGINS_LANDSCAPE;
    expect(xml).toContain(`<w:pgMar w:top="${m.top}" w:right="${m.right}" w:bottom="${m.bottom}" w:left="${m.left}"`);
    const cols = [...(/<w:tblGrid>(.*?)<\/w:tblGrid>/.exec(xml)?.[1] ?? '').matchAll(/w:w="(\d+)"/g)].map((x) => Number(x[1]));
    expect(cols).toHaveLength(11);
    expect(cols.reduce((a, b) => a + b, 0)).toBe(A4.height - m.left - m.right);
    expect(xml).toContain('<w:tblLayout w:type="fixed"/>');
    const rows = [...xml.matchAll(/<w:tr>(.*?)<\/w:tr>/g)].map((r) => r[1]);
    // Header, members, and the line under the table (填报单位…) as its open last row.
    expect(rows).toHaveLength(1 + big.names.length + 1);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows.slice(1).some((r) => r.includes('<w:tblHeader/>'))).toBe(false);
    expect(rows.every((r) => r.includes('<w:cantSplit/>') && r.includes('w:hRule="atLeast"'))).toBe(true);
    expect(files.some((f) => /^word\/footer\d+\.xml$/.test(f))).toBe(true);
    expect(rows[rows.length - 1]).toContain('填报单位（盖章）：');
    // Not a workflow record: never a 草稿 mark.
    expect(files.some((f) => /^word\/header\d+\.xml$/.test(f))).toBe(false);
  });

  it('refuses a batch with nothing to print, and is offered to the UI through document:roster', async () => {
    await expect(s.documents.exportRoster(emptyId)).rejects.toThrow('批次“尚无成员的批次”还没有成员，没有可打印的花名册');
    const h = createHandlers(s);
    const ctx = { ...testCtx, mode: 'browser' as const };
    const ok = await dispatch(h, 'document:roster', { batchId: small.id }, ctx);
    expect(ok.ok).toBe(true);
    const { fileName, base64 } = (ok as { result: { fileName: string; base64: string } }).result;
    expect(fileName).toBe('安康市第7批赴常州挂职干部花名册.docx');
    expect((await docxParts(Buffer.from(base64, 'base64'))).documentXml).toContain('常州市武进区商务局局长助理');
    const missing = await dispatch(h, 'document:roster', { batchId: 99999 }, ctx);
    expect(missing).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '未找到批次“99999”' } });
  });
});

describe.skipIf(!canRender)('挂职干部花名册: rendered with LibreOffice', () => {
  let r: { small: Rendered; big: Rendered; bigUnkept: Rendered };
  beforeAll(async () => {
    const [a, b, c] = await renderDocxMany([
      { name: 'roster-small', buffer: small.buffer },
      { name: 'roster-big', buffer: big.buffer },
      { name: 'roster-big-unkept', buffer: await unkept(big.buffer) },
    ]);
    r = { small: a, big: b, bigUnkept: c };
  }, 180_000);
  /** The 序号 of the member rows on a page (the 序号 column, 37–45 mm from the left edge). */
  const numbersOn = (words: readonly Word[]) => linesIn(words, { left: 36, right: 45, top: 20 }).filter((l) => /^\d+$/.test(l)).map(Number);

  it('prints a small batch on one page with the leader first', () => {
    const t = r.small;
    expect(t.pages).toBe(1);
    const p = t.pageTexts[0];
    expect(p.startsWith('安康市第7批赴常州挂职干部花名册')).toBe(true);
    expect(p).toContain('派出单位：中共安康市委组织部接收单位：中共常州市委组织部挂职时间：2025.12—2026.11共6人');
    // Under the table: 填报单位 (the batch's sending department), 制表人 for the hand, 制表日期.
    expect(p).toContain('填报单位（盖章）：中共安康市委组织部制表人：制表日期：2026年1月15日');
    expect(p).not.toContain(DRAFT_MARK);
    // The header row, line by line: 序号 and 性别 wrap in their narrow columns, 出生年月 and 政治面貌 are set on two lines.
    expect(p).toContain(HEADER);
    for (const n of small.names) expect(p).toContain(n);
    // Leader (卢佳宁, the third file) first, marked 组长; the rest by pinyin.
    expect(p).toMatch(/1卢佳宁女1990\.09中共党员大学.*组长/);
    expect(p.indexOf('卢佳宁')).toBeLessThan(p.indexOf('陈志刚'));
    expect(p).toContain('第1页共1页');
  });

  it('runs a large batch over several landscape pages, the header row on every page, every member once', () => {
    const t = r.big;
    expect(t.pages).toBeGreaterThanOrEqual(3);
    t.pageWords.forEach((words, i) => {
      const p = t.pageTexts[i];
      // The header row heads every page (the title only the first).
      expect(p, `第${i + 1}页`).toContain(HEADER);
      expect(p).toContain(`第${i + 1}页共${t.pages}页`);
      // Landscape: words run beyond the 210 mm width of a portrait page.
      expect(Math.max(...words.map((w) => w.x1))).toBeGreaterThan(215);
    });
    // Each member's name once, in the 姓名 column (37–52 mm from the left edge), and numbered 1…N in order (on the
    // last page above the line under the table, which runs through the column too).
    const signOffTop = (words: readonly Word[]) => words.find((w) => w.text.startsWith('填报单位'))?.y0 ?? Infinity;
    const names = t.pageWords.flatMap((w) => linesIn(w, { left: 45, right: 60, top: 20, bottom: signOffTop(w) - 0.5 }).map(flat)).filter((n) => n !== '姓名');
    expect(names.sort()).toEqual([...big.names].sort());
    const numbers = t.pageWords.flatMap(numbersOn);
    expect(numbers).toEqual(big.names.map((_, i) => i + 1));
  });

  it('never leaves a row alone on a page: the last rows stay together with the line under the table', () => {
    const t = r.big;
    const perPage = t.pageWords.map(numbersOn);
    perPage.forEach((n, i) => expect(n.length, `第${i + 1}页`).toBeGreaterThanOrEqual(KEEP_AT_END));
    const last = t.pageTexts[t.pages - 1];
    expect(perPage[t.pages - 1].at(-1)).toBe(BIG);
    expect(last).toContain('填报单位（盖章）：制表人：制表日期：2026年1月15日');
    expect(t.flatText.match(/填报单位/g)).toHaveLength(1);
    // Without the keeps, this batch leaves its last row alone on the last page: the case the keeps are for.
    const u = r.bigUnkept;
    expect(u.pageWords.map(numbersOn).at(-1), `BIG = ${BIG} no longer leaves a row alone; choose another size`).toEqual([BIG]);
  });
});

describe('export roster on the command line', () => {
  const exec = promisify(execFile);
  it('writes the roster for a batch id or name', async () => {
    const out = path.join(dir, '花名册.docx');
    const r = await exec(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...cliDbArgs(s.dbFile), '--json', 'export', 'roster', '--batch', '安康市第7批赴常州挂职干部', '--out', out], {
      cwd: path.resolve(__dirname, '../..'),
    });
    expect(JSON.parse(r.stdout)).toMatchObject({ form: 'roster', out, fileName: '安康市第7批赴常州挂职干部花名册.docx' });
    expect((await docxParts(fs.readFileSync(out))).documentXml).toContain('安康市第7批赴常州挂职干部花名册');
  }, 60_000);
});

warnIfCannotRender('挂职干部花名册');
