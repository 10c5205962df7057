import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/api/handlers';
import { dispatch } from '../../electron/api/dispatch';
import { demoCadres } from '../../electron/demo/demoCadres';
import { DRAFT_MARK, DRAFT_NOTE } from '../../electron/documents/draftMark';
import { WORD_JOINER, withoutJoiners } from '../../electron/documents/formatting';
import { MARGINS_GBT9704, textWidth } from '../../electron/documents/style';
import type { AppServices } from '../../electron/services/AppServices';
import { BATCH, RESULTS, TYPICAL_SUMMARY, longSummary, postingWithRecords } from '../helpers/documentFixtures';
import { portraitJpeg } from '../helpers/makeJpeg';
import { canRender, docxParts, flat, renderDocxMany, textIn, warnIfCannotRender, type Rendered } from '../helpers/renderDocx';
import { runCli } from '../helpers/runCli';
import { tempServices, testCtx } from '../helpers/tempServices';

/**
 * 挂职干部考核鉴定表 end to end: postings with their 期满考核, annual assessments, leave and results saved through
 * the services, exported by DocumentService, rendered with LibreOffice and read back as a reader sees them.
 */

let s: AppServices;
let cleanup: () => Promise<void>;
let dir: string;
const TODAY = new Date(2026, 10, 30);
const LONG = longSummary(2000);

interface Case {
  cadreId: number;
  postingId: number;
  idNumber: string;
  buffer: Buffer;
  fileName: string;
}
const cases = {} as Record<'typical' | 'long' | 'blank' | 'fallback', Case>;
let batchId: number;
let loneCadreId: number;

beforeAll(async () => {
  ({ s, cleanup, dir } = await tempServices());
  batchId = (await s.batches.save(testCtx, BATCH)).id;
  const demos = demoCadres();
  const typical = await postingWithRecords(s, {
    input: demos[0],
    batchId,
    hostUnit: '常州市发展和改革委员会',
    hostPost: '区域协作处副处长（挂职）',
    // Archived: the form prints clean.
    term: { selfSummary: TYPICAL_SUMMARY, state: '已归档' },
    annual: [{ year: 2026, grade: '优秀', state: '已审核' }],
    results: RESULTS,
    leave: [{ startDate: '2026.01.29', endDate: '2026.02.04' }],
  });
  await s.cadres.setPhoto(testCtx, typical.cadreId, portraitJpeg());
  const long = await postingWithRecords(s, { input: demos[1], batchId, term: { selfSummary: LONG, state: '草稿' }, results: RESULTS.slice(0, 2) });
  // A posting without a 期满考核 yet: the form prints with its blanks to fill in by hand.
  const blank = await postingWithRecords(s, { input: demos[2], batchId, annual: [{ year: 2026, grade: '称职', state: '已提交' }] });
  // A posting entered without 原单位及职务 (its 期满考核 submitted, not yet reviewed): the file's current post is printed.
  const fallback = await postingWithRecords(s, { input: demos[4], batchId, original: { unit: '', post: '' }, term: { selfSummary: TYPICAL_SUMMARY, state: '已提交' } });
  for (const [name, c] of Object.entries({ typical, long, blank, fallback }) as [keyof typeof cases, typeof typical][]) {
    const doc = await s.documents.exportAppraisal(c.cadreId, TODAY);
    cases[name] = { ...c, buffer: doc.buffer, fileName: doc.fileName };
  }
  loneCadreId = (await s.cadres.save(testCtx, demos[3])).id;
});
afterAll(() => cleanup());

describe('挂职干部考核鉴定表: the document', () => {
  it('is named after the cadre, and prints the latest posting found by id, 身份证号 or posting alike', async () => {
    expect(cases.typical.fileName).toBe('挂职干部考核鉴定表-李明远.docx');
    const body = async (b: Buffer) => (await docxParts(b)).documentXml.replace(/<wp:docPr id="\d+"/g, '<wp:docPr');
    const byIdNumber = await s.documents.exportAppraisal(cases.typical.idNumber, TODAY);
    const byPosting = await s.documents.exportAppraisal({ postingId: cases.typical.postingId }, TODAY);
    expect(await body(byIdNumber.buffer)).toBe(await body(cases.typical.buffer));
    expect(await body(byPosting.buffer)).toBe(await body(cases.typical.buffer));
  });

  it('has A4 pages, GB/T 9704 margins, one explicit grid, official fonts and "at least" rows', async () => {
    const { documentXml: xml, stylesXml, files } = await docxParts(cases.typical.buffer);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const m = MARGINS_GBT9704;
    expect(xml).toContain(`<w:pgMar w:top="${m.top}" w:right="${m.right}" w:bottom="${m.bottom}" w:left="${m.left}"`);
    const grids = [...xml.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)].map((g) => [...g[1].matchAll(/w:w="(\d+)"/g)].map((x) => Number(x[1])));
    expect(grids).toHaveLength(1);
    expect(grids[0]).toHaveLength(7);
    expect(grids[0].reduce((a, b) => a + b, 0)).toBe(textWidth(MARGINS_GBT9704));
    expect(xml).toContain('<w:tblLayout w:type="fixed"/>');
    const cells = xml.match(/<w:tc>/g)?.length ?? 0;
    expect(cells).toBeGreaterThan(40);
    expect(xml.match(/<w:tcW w:type="dxa" w:w="\d+"\/>/g)?.length).toBe(cells);
    const heights = [...xml.matchAll(/<w:trHeight ([^>]*)\/>/g)].map((h) => h[1]);
    // 6 rows of personal data, 主要表现, 工作实绩, 3 rows of 民主测评, 考核等次, 3 opinions.
    expect(heights).toHaveLength(15);
    expect(heights.every((h) => h.includes('w:hRule="atLeast"'))).toBe(true);

    const styleOf = (id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}">.*?</w:style>`).exec(stylesXml)?.[0] ?? '';
    const used = new Set([...xml.matchAll(/<w:pStyle w:val="([^"]+)"\/>/g)].map((x) => x[1]));
    for (const id of used) expect(styleOf(id), id).toMatch(/<w:rFonts w:ascii="Times New Roman"[^>]*w:eastAsia="(仿宋_GB2312|方正小标宋简体)"[^>]*w:hAnsi="Times New Roman"\/>/);
    const titleStyle = /<w:pStyle w:val="([^"]+)"\/><\/w:pPr><w:r><w:t[^>]*>挂职干部考核鉴定表</.exec(xml)?.[1] ?? '';
    expect(styleOf(titleStyle)).toMatch(/w:eastAsia="方正小标宋简体".*<w:sz w:val="44"\/>/);
    expect(files.some((f) => /^word\/media\/.+\.jpe?g$/.test(f))).toBe(true);
  });

  it('sets every label of the form at one size', async () => {
    const { documentXml: xml, stylesXml } = await docxParts(cases.long.buffer);
    const LABELS = ['姓　名', '出生年月', '政治', '原单位', '挂职单位', '所在', '年度', '在岗', '挂职', '工作', '民主', '基本称职', '称职以上率', '有效票', '考核日期', '考核', '派出', '组织'];
    const styleIds = new Set<string>();
    for (const label of LABELS) {
      const found = [...xml.matchAll(new RegExp(`<w:pStyle w:val="([^"]+)"/></w:pPr><w:r><w:t[^>]*>${label}</w:t>`, 'g'))].map((m) => m[1]);
      expect(found.length, label).toBeGreaterThan(0);
      for (const id of found) styleIds.add(id);
    }
    const sizes = [...styleIds].map((id) => /<w:sz w:val="(\d+)"\/>/.exec(new RegExp(`<w:style [^>]*w:styleId="${id}">.*?</w:style>`).exec(stylesXml)?.[0] ?? '')?.[1]);
    // One style (one size) for all of them, 五号 (10.5 pt): the size at which the two-line labels fit their rows.
    expect(new Set(sizes)).toEqual(new Set(['21']));
  });

  it('prints 原单位及职务 from the cadre file when the posting has none', async () => {
    const { documentXml } = await docxParts(cases.fallback.buffer);
    expect(flat(documentXml.replace(/<[^>]+>/g, ''))).toContain('原单位及职务安康市文化和旅游广电局产业发展科副科长');
  });

  it('carries the 草稿 mark in the header while the 期满考核 is not archived; archived and blank forms print clean', async () => {
    for (const [name, draft] of [['typical', false], ['long', true], ['blank', false], ['fallback', true]] as const) {
      const { files } = await docxParts(cases[name].buffer);
      expect(files.some((f) => /^word\/header\d+\.xml$/.test(f)), name).toBe(draft);
    }
  });

  it('prints the votes, the rates derived from them and the results totals', async () => {
    const { documentXml } = await docxParts(cases.typical.buffer);
    // Numbers are joined to their measure words (invisible joiners): read as a reader sees the text.
    const xmlText = documentXml.replace(/<[^>]+>/g, '');
    expect(xmlText).toContain(`5500${WORD_JOINER}万${WORD_JOINER}元`);
    const text = flat(withoutJoiners(xmlText));
    // 26 + 9 + 1 + 0 + 1 = 37 votes: 优秀率 26/37, 称职以上率 35/37.
    expect(text).toContain('优秀26称职9基本称职1不称职0弃权1有效票37优秀率70.3%称职以上率94.6%考核日期2026.11.20');
    expect(text).toContain('招商引资2项，签约资金5500万元：促成常州某智能装备有限公司在安康设立生产基地；引进新材料配套项目。');
    expect(text).toContain('消费帮扶1项，销售额260.5万元');
    expect(text).toContain('活动组织1项，3场');
    // 2025.12.01–2026.11.30 is 365 days, 7 of them on leave.
    expect(text).toContain('在岗358天，占98.1%');
  });
});

describe('挂职干部考核鉴定表: refusals and the channels', () => {
  const ctx = { ...testCtx, mode: 'browser' as const };

  it('refuses a cadre with no posting, naming what is missing', async () => {
    await expect(s.documents.exportAppraisal(loneCadreId)).rejects.toThrow('该干部没有挂职记录，无法生成考核鉴定表');
  });

  it('is offered through document:appraisal for a cadre or a posting, never both or neither', async () => {
    const h = createHandlers(s);
    const byCadre = await dispatch(h, 'document:appraisal', { cadreId: cases.typical.cadreId }, ctx);
    expect(byCadre.ok).toBe(true);
    const result = (byCadre as { result: { fileName: string; base64: string } }).result;
    expect(result.fileName).toBe('挂职干部考核鉴定表-李明远.docx');
    expect((await docxParts(Buffer.from(result.base64, 'base64'))).documentXml).toContain('常州市发展和改革委员会区域协作处副处长（挂职）');
    const byPosting = await dispatch(h, 'document:appraisal', { postingId: cases.long.postingId }, ctx);
    expect((byPosting as { result: { fileName: string } }).result.fileName).toBe('挂职干部考核鉴定表-刘思源.docx');

    expect(await dispatch(h, 'document:appraisal', { cadreId: loneCadreId }, ctx)).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '该干部没有挂职记录，无法生成考核鉴定表' },
    });
    for (const input of [{}, { cadreId: 1, postingId: 1 }]) {
      const bad = await dispatch(h, 'document:appraisal', input, ctx);
      expect(bad).toEqual({ ok: false, error: { code: 'VALIDATION', message: '干部：请指定干部档案编号或挂职记录编号（二者选一）' } });
    }
    const missing = await dispatch(h, 'document:appraisal', { postingId: 99999 }, ctx);
    expect(missing).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '未找到编号为 99999 的挂职记录' } });
  });

  it('gives the batch export one member at a time, named <批次>_<姓名>_<表名>.docx', async () => {
    const h = createHandlers(s);
    const r = await dispatch(h, 'document:batchMember', { batchId, cadreId: cases.blank.cadreId, form: 'appraisal' }, ctx);
    expect(r.ok).toBe(true);
    const { fileName, base64 } = (r as { result: { fileName: string; base64: string } }).result;
    expect(fileName).toBe('安康市第7批赴常州挂职干部_卢佳宁_挂职干部考核鉴定表.docx');
    expect((await docxParts(Buffer.from(base64, 'base64'))).documentXml).toContain('卢佳宁');
    const renmian = await dispatch(h, 'document:batchMember', { batchId, cadreId: cases.blank.cadreId, form: 'renmian' }, ctx);
    expect((renmian as { result: { fileName: string } }).result.fileName).toBe('安康市第7批赴常州挂职干部_卢佳宁_干部任免审批表.docx');
    expect(await dispatch(h, 'document:batchMember', { batchId, cadreId: loneCadreId, form: 'appraisal' }, ctx)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: `编号为 ${loneCadreId} 的干部不是批次“安康市第7批赴常州挂职干部”的成员` },
    });
    const bad = await dispatch(h, 'document:batchMember', { batchId, cadreId: loneCadreId, form: 'resume' }, ctx);
    expect((bad as { error: { message: string } }).error.message).toBe('表格：应为renmian、appraisal、growth之一');
  });
});

describe.skipIf(!canRender)('挂职干部考核鉴定表: rendered with LibreOffice', () => {
  let r: Record<keyof typeof cases, Rendered>;
  beforeAll(async () => {
    const names = Object.keys(cases) as (keyof typeof cases)[];
    const rendered = await renderDocxMany(names.map((n) => ({ name: `appraisal-${n}`, buffer: cases[n].buffer })));
    r = Object.fromEntries(names.map((n, i) => [n, rendered[i]])) as typeof r;
  }, 180_000);

  /** The label column (20 mm from the left margin at 28 mm) and the rest of the form, below the page header. */
  const LABELS = { left: 27, right: 48, top: 30 };
  const BODY = { left: 49, right: 183, top: 30 };
  /** The page header, above the 37 mm top margin: the 草稿 mark when there is one. */
  const HEADER = { bottom: 30 };

  it('prints a typical form on two pages: personal data and the signed summary first, the rest on page 2', () => {
    const t = r.typical;
    expect(t.pages).toBe(2);
    const [p1, p2] = t.pageTexts;
    // Archived: no mark.
    expect(t.flatText).not.toContain(DRAFT_MARK);
    t.pageWords.forEach((w) => expect(textIn(w, HEADER)).toBe(''));
    expect(p1.startsWith('挂职干部考核鉴定表')).toBe(true);
    for (const v of ['李明远', '男', '1985.03', '汉族', '中共党员', '大学', '安康市发展和改革委员会副主任', '常州市发展和改革委员会区域协作处副处长（挂职）',
      '2025.12.01—2026.11.30', '安康市第7批赴常州挂职干部', '2026年度优秀', '在岗358天，占98.1%'])
      expect(p1, v).toContain(flat(v));
    // The whole summary, in order, then the signature line.
    const body1 = textIn(t.pageWords[0], BODY);
    expect(body1).toContain(flat(TYPICAL_SUMMARY) + '本人签名：年月日');
    expect(textIn(t.pageWords[0], LABELS)).toBe('姓名民族原单位及职务挂职单位及职务挂职时间年度考核挂职期间主要表现');
    expect(textIn(t.pageWords[1], LABELS)).toBe('工作实绩民主测评考核等次挂职单位鉴定意见派出单位意见组织部门意见');
    const body2 = textIn(t.pageWords[1], BODY);
    for (const v of ['招商引资2项，签约资金5500万元', '优秀26称职9基本称职1', '不称职0弃权1有效票37', '优秀率70.3%称职以上率94.6%考核日期2026.11.20优秀',
      '该同志政治立场坚定，工作认真负责，挂职期间表现优秀，同意鉴定为优秀。（盖章）年月日', '同意挂职单位鉴定意见。（盖章）年月日', '经研究，期满考核确定为优秀等次。（盖章）年月日'])
      expect(body2, v).toContain(flat(v));
    // Each opinion closes with the seal and a date line; the form ends with the last one.
    expect(p2.match(/（盖章）年月日/g)).toHaveLength(3);
    expect(body2.endsWith('（盖章）年月日')).toBe(true);
  });

  it('carries a 2,000-character summary on to the next page whole, the signature after its last line', () => {
    const t = r.long;
    expect([...LONG.replace(/\n/g, '')]).toHaveLength(2000);
    expect(t.pages).toBeGreaterThanOrEqual(2);
    expect(t.pages).toBeLessThanOrEqual(3);
    // Page 1 starts the summary and is filled by it; the next page carries on where it stopped, and every
    // character is printed, in order, before the signature line: nothing clipped, nothing repeated.
    const start = flat(LONG).slice(0, 20);
    const body1 = textIn(t.pageWords[0], BODY);
    expect(body1.indexOf(start)).toBeGreaterThan(0);
    const onPage1 = body1.slice(body1.indexOf(start));
    expect(onPage1.length).toBeGreaterThan(700);
    const following = t.pageWords.slice(1).map((w) => textIn(w, BODY)).join('');
    expect(following.indexOf('本人签名：年月日')).toBeGreaterThan(0);
    expect(onPage1 + following.slice(0, following.indexOf('本人签名：年月日'))).toBe(flat(LONG));
    // Each further page of it is labelled as continued.
    expect(textIn(t.pageWords[1], LABELS)).toBe('挂职期间主要表现（续）');
    // A draft: the mark at the top of every page, above the form.
    t.pageWords.forEach((w, i) => expect(textIn(w, HEADER), `第${i + 1}页`).toBe(flat(DRAFT_NOTE + DRAFT_MARK)));
    // The rest of the form follows it, whole.
    const last = t.pageTexts[t.pages - 1];
    expect(last).toContain('组织部门意见');
    expect(last.endsWith('（盖章）年月日')).toBe(true);
    expect(t.flatText.match(/（盖章）年月日/g)).toHaveLength(3);
  });

  it('prints a form without a 期满考核 with its blanks, to fill in by hand', () => {
    const t = r.blank;
    expect(t.pages).toBe(2);
    expect(t.pageTexts[0]).toContain('卢佳宁');
    expect(t.pageTexts[0]).toContain('照片');
    // A submitted annual grade is marked as such.
    expect(t.pageTexts[0]).toContain('2026年度称职（待审核）');
    expect(t.pageTexts[0]).toContain('本人签名：年月日');
    expect(textIn(t.pageWords[1], BODY)).toBe('优秀称职基本称职不称职弃权有效票优秀率称职以上率考核日期（盖章）年月日（盖章）年月日（盖章）年月日');
    // No 期满考核, nothing to mark.
    expect(t.flatText).not.toContain(DRAFT_MARK);
  });

  it('prints a submitted 期满考核 as a draft, on its two pages, with the file’s current post as 原单位及职务', () => {
    const t = r.fallback;
    expect(t.pages).toBe(2);
    t.pageWords.forEach((w, i) => expect(textIn(w, HEADER), `第${i + 1}页`).toBe(flat(DRAFT_NOTE + DRAFT_MARK)));
    // The mark stays in the header: the form below starts with its title, as a clean one does.
    expect(textIn(t.pageWords[0], { top: 30 }).startsWith('挂职干部考核鉴定表')).toBe(true);
    expect(textIn(t.pageWords[0], BODY)).toContain('张雅琴');
    expect(textIn(t.pageWords[0], BODY)).toContain('安康市文化和旅游广电局产业发展科副科长');
    expect(textIn(t.pageWords[0], LABELS)).toBe('姓名民族原单位及职务挂职单位及职务挂职时间年度考核挂职期间主要表现');
  });
});

describe('export appraisal on the command line', () => {
  it('writes the form for a cadre (id or 身份证号) or a posting, and says clearly what it cannot print', () => {
    const out = path.join(dir, '考核鉴定表.docx');
    const ok = runCli(['--db', s.dbFile, '--json', 'export', 'appraisal', '--cadre', cases.typical.idNumber, '--out', out]);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ form: 'appraisal', out, fileName: '挂职干部考核鉴定表-李明远.docx' });
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');

    const byPosting = runCli(['--db', s.dbFile, '--json', 'export', 'appraisal', '--posting', String(cases.long.postingId), '--out', out]);
    expect(JSON.parse(byPosting.stdout)).toMatchObject({ fileName: '挂职干部考核鉴定表-刘思源.docx' });

    const none = runCli(['--db', s.dbFile, 'export', 'appraisal', '--cadre', String(loneCadreId), '--out', out]);
    expect(none.status).toBe(1);
    expect(none.stderr.trim()).toBe('错误：该干部没有挂职记录，无法生成考核鉴定表');

    const both = runCli(['--db', s.dbFile, 'export', 'appraisal', '--cadre', '1', '--posting', '1', '--out', out]);
    expect(both.status).toBe(2);
    const postingForBatch = runCli(['--db', s.dbFile, 'export', 'roster', '--posting', '1', '--out', out]);
    expect(postingForBatch.status).toBe(2);
    expect(postingForBatch.stderr).toContain('不接受 --posting');
  }, 60_000);
});

warnIfCannotRender('挂职干部考核鉴定表');

