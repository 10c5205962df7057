import ExcelJS from 'exceljs';
import { XMLValidator } from 'fast-xml-parser';
import JSZip from 'jszip';
import { Footer, Paragraph, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import { createHandlers, type Handlers } from '../../electron/api/handlers';
import { packDocx, packDocxPlain } from '../../electron/documents/packDocx';
import { StyleBook } from '../../electron/documents/style';
import { parseLrmx } from '../../electron/exchange/lrmx/lrmxParse';
import type { AppServices } from '../../electron/services/AppServices';
import type { CadreData } from '../../shared/cadre';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { patchedRosterXlsx, HOSTILE_PERSON } from '../helpers/hostileFiles';
import { asFile, lrmxXml, quirkyResume } from '../helpers/lrmxFixtures';
import { canRender, renderDocx, warnIfCannotRender } from '../helpers/renderDocx';
import { tempServices, testCtx } from '../helpers/tempServices';

/**
 * Characters XML 1.0 cannot carry (issue 15, item 4): taken out at every entry — LRMX import, roster import, API
 * input — with a note where a file brought them, and never written to a document, even from text stored before.
 */

/** Raw XML-illegal characters, and character references to them (`&#xFFFF;` is as fatal as the character). */
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|&#x0*(?:[0-8BCEF]|1[0-9A-F]|FFF[EF]|D[89A-F][0-9A-F]{2});|&#0*(?:[0-8]|1[124-9]|2\d|3[01]|6553[45]);/i;

/** Every XML part of a .docx/.xlsx: free of illegal characters and well-formed. Returns the problems found. */
async function xmlProblems(buffer: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(buffer);
  const problems: string[] = [];
  for (const name of Object.keys(zip.files)) {
    if (zip.files[name].dir || !/\.(xml|rels)$/.test(name)) continue;
    const xml = await zip.files[name].async('string');
    const bad = ILLEGAL.exec(xml);
    if (bad) problems.push(`${name}: U+${bad[0].codePointAt(0)!.toString(16).toUpperCase()} ${JSON.stringify(xml.slice(Math.max(0, bad.index - 20), bad.index + 20))}`);
    const valid = XMLValidator.validate(xml);
    if (valid !== true) problems.push(`${name}: ${valid.err.msg}`);
  }
  return problems;
}

/** The .xlsx opened the way a strict reader opens it (exceljs refuses a part with an illegal character). */
async function openXlsx(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

let s: AppServices;
let h: Handlers;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ s, cleanup } = await tempServices());
  h = createHandlers(s);
});
afterAll(() => cleanup());

const call = (channel: string, input: unknown) => dispatch(h, channel, input, { ...testCtx, mode: 'browser' }, { error: () => undefined });
const noIllegal = (v: unknown) => expect(JSON.stringify(v)).not.toMatch(/\\u000[0-8bcef]|\\u001[0-9a-f]|\\ufff[ef]|[\uFFFE\uFFFF]/i);

describe('LRMX import', () => {
  // 现任职务 with `&#xFFFF;`, one 简历 line with a raw U+0001, a family member's 工作单位及职务 with a raw U+0008.
  const xml = lrmxXml({
    person: {
      XianRenZhiWu: '安康市发展和改革委员会MARK副主任',
      JianLi: quirkyResume('\r\n').replace('安康市发展和改革委员会科员', '安康市发展和改革委员会\u0001科员'),
    },
  })
    .replace('MARK', '&#xFFFF;')
    .replace('安康市中心医院护士', '安康市中心医院\u0008护士');
  const file = asFile('控制字符.lrmx', Buffer.from(xml, 'utf8'));

  it('takes the characters out and says so in the preview, field by field', async () => {
    const [preview] = await s.exchange.previewLrmx([file]);
    const [done] = await s.exchange.importLrmx(testCtx, [file]);
    expect(preview.status).toBe('create');
    expect(preview.status !== 'error' && preview.notes).toEqual(
      expect.arrayContaining(['现任职务：去除了 1 个无法打印的控制字符', '简历：去除了 1 个无法打印的控制字符', '家庭成员第1项的工作单位及职务：去除了 1 个无法打印的控制字符']),
    );
    expect(done.status).toBe('created');
    const cadre = await s.cadres.get(done.status === 'created' ? done.cadreId : 0);
    expect(cadre.currentPosition).toBe('安康市发展和改革委员会副主任');
    expect(cadre.resume[1].text).toBe('安康市发展和改革委员会科员');
    expect(cadre.family[0].workUnitAndPost).toBe('安康市中心医院护士');
    noIllegal(cadre);
  });

  it('the 任免审批表 of the imported file opens (every part well-formed, LibreOffice renders it)', async () => {
    const parsed = parseLrmx(Buffer.from(xml, 'utf8'), 'x.lrmx');
    expect(parsed.ok).toBe(true);
    const doc = await s.documents.exportRenmian(parsed.ok ? parsed.record.data.idNumber : '', new Date(2025, 5, 30));
    expect(await xmlProblems(doc.buffer)).toEqual([]);
    if (!canRender) return warnIfCannotRender('xmlIllegal: 任免审批表');
    const rendered = await renderDocx('控制字符', doc.buffer);
    expect(rendered.pages).toBeGreaterThanOrEqual(1);
    expect(rendered.flatText).toContain('安康市发展和改革委员会副主任');
  }, 120_000);
});

describe('roster import', () => {
  it('takes out what a cell had (Excel writes U+0008 as _x0008_) and names the row and column in the notes', async () => {
    const bytes = await patchedRosterXlsx({});
    const zip = await JSZip.loadAsync(bytes);
    const strings = (await zip.file('xl/sharedStrings.xml')!.async('string')).replace('安康市统计局', '安康市_x0008_统计局');
    zip.file('xl/sharedStrings.xml', strings);
    const roster = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });

    const preview = await s.exchange.previewRoster('花名册.xlsx', roster);
    expect(preview.errors).toEqual([]);
    expect(preview.notes).toContain('第 2 行 工作单位：去除了 1 个无法打印的控制字符');
    const r = await s.exchange.importRoster(testCtx, '花名册.xlsx', roster);
    expect(r).toMatchObject({ ok: true, created: 1 });
    const cadre = (await s.cadres.findByIdNumber(HOSTILE_PERSON.idNumber))!;
    expect(cadre.workUnit).toBe('安康市统计局');
  });
});

function person(name: string, idNumber: string): CadreData {
  const parsed = parseLrmx(Buffer.from(lrmxXml({ person: { XingMing: name, ShenFenZheng: idNumber, ChuShengNianYue: null, XingBie: null } }), 'utf8'), 'p.lrmx');
  if (!parsed.ok) throw new Error(parsed.errors.join('；'));
  return parsed.record.data;
}

describe('API input', () => {
  it('cadre:save stores every text field without them (one place: the dispatcher), the documents open', async () => {
    const data = person('林晓岚', makeIdNumber('610902', '19890517', 141, '女'));
    data.name = '林\uFFFE晓岚';
    data.currentPosition = '安康市\u0001审计局副局长';
    data.resume[0] = { ...data.resume[0], text: `${data.resume[0].text}\uFFFF` };
    data.family[0] = { ...data.family[0], workUnitAndPost: '安康市\uD800中心医院' };
    const saved = await call('cadre:save', { data });
    expect(saved.ok).toBe(true);
    const cadre = (saved as { result: { id: number } }).result;
    const stored = await s.cadres.get(cadre.id);
    expect(stored.name).toBe('林晓岚');
    expect(stored.currentPosition).toBe('安康市审计局副局长');
    expect(stored.family[0].workUnitAndPost).toBe('安康市中心医院');
    noIllegal(stored);

    const docx = await call('document:renmian', { cadreId: cadre.id });
    expect(docx.ok).toBe(true);
    expect(await xmlProblems(Buffer.from((docx as { result: { base64: string } }).result.base64, 'base64'))).toEqual([]);
  });

  it('passwords are left exactly as typed (compared byte for byte, never printed)', async () => {
    const env = await tempServices();
    try {
      const hh = createHandlers(env.s);
      const c = (channel: string, input: unknown) => dispatch(hh, channel, input, { actor: 'os-user', mode: 'browser' }, { error: () => undefined });
      expect((await c('auth:setupAdmin', { username: 'admin1', name: '管理员', password: 'abc\u0001defg1' })).ok).toBe(true);
      expect((await c('auth:signIn', { username: 'admin1', password: 'abc\u0001defg1' })).ok).toBe(true);
      expect((await c('auth:signIn', { username: 'admin1', password: 'abcdefg1' })).ok).toBe(false);
    } finally {
      await env.cleanup();
    }
  });
});

describe('documents written from text stored before the entries were cleaned', () => {
  it('the 任免审批表 and the Excel roster export leave the characters out and open', async () => {
    // The service alone (no dispatcher, no import) still stores them: text from before this version.
    const data = person('傅清扬', makeIdNumber('610902', '19910304', 153, '男'));
    data.name = '傅\uFFFF清扬';
    data.currentPosition = '安康市\uFFFE林业局\u0008科长';
    const saved = await s.cadres.save(testCtx, data);
    expect(saved.name).toBe('傅\uFFFF清扬');

    const doc = await s.documents.exportRenmian(saved.id, new Date(2025, 5, 30));
    expect(await xmlProblems(doc.buffer)).toEqual([]);

    const xlsx = await s.exchange.exportRoster({});
    expect(await xmlProblems(xlsx.bytes)).toEqual([]);
    const wb = await openXlsx(xlsx.bytes);
    const names = wb.worksheets[0].getColumn(2).values.map(String);
    expect(names).toContain('傅清扬');
  });

  it('docx Packer output (forms with footers) is cleaned too', async () => {
    const book = new StyleBook();
    const body = [new Paragraph({ style: book.styleId(), children: [new TextRun('甲\uFFFF乙\uFFFE丙\u0001丁')] })];
    const plain = await packDocxPlain({ title: '测\uFFFF试', book, body, footer: new Footer({ children: [new Paragraph('页\uFFFF脚')] }) });
    expect(await xmlProblems(plain)).toEqual([]);
    const fast = await packDocx({ title: '测\uFFFF试', book, body });
    expect(await xmlProblems(fast)).toEqual([]);
    expect(await (await JSZip.loadAsync(fast)).file('word/document.xml')!.async('string')).toContain('甲乙丙丁');
  });
});
