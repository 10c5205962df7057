import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CadreInputSchema, type CadreInput } from '../../shared/cadre';
import { formatResumeLine } from '../../shared/resume';
import { createHandlers } from '../../electron/api/handlers';
import { dispatch } from '../../electron/api/dispatch';
import { demoCadres } from '../../electron/demo/demoCadres';
import { MARGINS_GBT9704, textWidth } from '../../electron/documents/style';
import type { AppServices } from '../../electron/services/AppServices';
import { portraitJpeg } from '../helpers/makeJpeg';
import { canRender, docxParts, flat, renderDocxMany, textIn, warnIfCannotRender, type Rendered } from '../helpers/renderDocx';
import { tempServices, testCtx } from '../helpers/tempServices';
import { cliDbArgs } from '../helpers/runCli';

/**
 * 干部任免审批表 end to end: files saved through the service, exported by DocumentService, rendered with
 * LibreOffice and read back as a reader would see them (page count, text on each page), plus the XML facts that
 * make WPS and Word lay the form out the same (A4, margins, grids, official fonts, "at least" rows).
 */

let s: AppServices;
let cleanup: () => Promise<void>;
let dir: string;
const TODAY = new Date(2025, 5, 30);

const base = (): CadreInput => ({ ...demoCadres()[0], ageCalcDate: '2025.06.30', fillDate: '2025.06.30' });

/** A realistic 15-entry 简历: mostly one line each, a few long ones, one concurrent study line. */
function fifteenEntries(): CadreInput['resume'] {
  const posts = [
    '西北大学经济管理学院国民经济管理专业学习',
    '安康市汉滨区五里镇人民政府科员',
    '安康市汉滨区五里镇人民政府党政办公室副主任',
    '安康市汉滨区五里镇人民政府党政办公室主任',
    '安康市汉滨区五里镇党委委员、组织委员',
    '安康市汉滨区五里镇党委委员、副镇长',
    '安康市发展和改革委员会综合科副科长',
    '安康市发展和改革委员会综合科科长',
    '安康市发展和改革委员会固定资产投资科科长（其间挂任宁陕县发展和改革局副局长）',
    '安康市发展和改革委员会党组成员、副主任',
    '安康市发展和改革委员会党组成员、副主任，兼任安康市重点项目建设服务中心主任',
    '挂职常州市武进区发展和改革局副局长',
    '安康市发展和改革委员会党组成员、副主任',
    '安康市发展和改革委员会党组副书记、副主任',
  ];
  const entries: NonNullable<CadreInput['resume']> = [];
  let y = 2003;
  posts.forEach((text, i) => {
    const start = `${y}.${i === 0 ? '09' : '08'}`;
    y += i === 0 ? 4 : 1 + (i % 2);
    const end = i === posts.length - 1 ? null : `${y}.${i === 0 ? '07' : '08'}`;
    entries.push({ start, end, text, concurrent: false });
    if (i === 5) entries.push({ start: '2012.09', end: '2015.06', text: '西北大学公共管理学院公共管理专业在职研究生学习，获公共管理硕士学位', concurrent: true });
  });
  return entries;
}

const LONG_REWARDS = [
  '2012年被中共安康市汉滨区委评为优秀共产党员；',
  '2015年被安康市人民政府记三等功一次；',
  '2017年被中共安康市委、安康市人民政府评为全市脱贫攻坚先进个人；',
  '2019年被陕西省发展和改革委员会评为全省发展改革系统先进工作者；',
  '2021年被中共安康市委评为全市优秀党务工作者；',
  '2023年被安康市人民政府嘉奖一次。',
].join('\n');

function extremeInput(): CadreInput {
  const resume = Array.from({ length: 40 }, (_, i) => {
    const y = 2005 + Math.floor(i / 2);
    const h = i % 2 === 0;
    return {
      start: `${y}.${h ? '01' : '07'}`,
      end: `${y}.${h ? '06' : '12'}`,
      text: `安康市某某区某某街道办事处社区建设与基层治理工作第${i + 1}阶段，负责统筹协调辖区内各项重点工作任务`,
      concurrent: false,
    };
  });
  return {
    ...base(),
    resume,
    rewards: '在挂职期间先后参与组织招商引资推介活动并获得通报表扬，'.repeat(55).slice(0, 1500),
    family: Array.from({ length: 9 }, (_, i) => ({ relation: '兄弟', name: `李长${'一二三四五六七八九'[i]}`, birthDate: '1980.01', politicalStatus: '群众', workUnitAndPost: '安康市某某公司职员' })),
  };
}

interface Case {
  name: string;
  id: number;
  input: CadreInput;
  buffer: Buffer;
  fileName: string;
  warnings?: string[];
}
const cases: Record<'typical' | 'long' | 'extreme' | 'bare', Case> = {} as never;

beforeAll(async () => {
  ({ s, cleanup, dir } = await tempServices());
  const inputs: Record<keyof typeof cases, CadreInput> = {
    typical: base(),
    long: { ...demoCadres()[3], ageCalcDate: '2025.06.30', resume: fifteenEntries(), rewards: LONG_REWARDS, appointmentReason: '工作需要，拟提名为安康市发展和改革委员会主任人选。' },
    extreme: { ...extremeInput(), idNumber: demoCadres()[5].idNumber, name: demoCadres()[5].name, gender: demoCadres()[5].gender, birthDate: demoCadres()[5].birthDate },
    bare: { name: '周敏', gender: '女', idNumber: demoCadres()[9].idNumber },
  };
  for (const [name, input] of Object.entries(inputs) as [keyof typeof cases, CadreInput][]) {
    const saved = await s.cadres.save(testCtx, CadreInputSchema.parse(input));
    if (name !== 'bare') await s.cadres.setPhoto(testCtx, saved.id, portraitJpeg());
    const doc = await s.documents.exportRenmian(saved.id, TODAY);
    cases[name] = { name, id: saved.id, input, buffer: doc.buffer, fileName: doc.fileName, warnings: doc.warnings };
  }
});
afterAll(() => cleanup());

describe('干部任免审批表: the document', () => {
  it('is named after the cadre and found by id or 身份证号 alike', async () => {
    expect(cases.typical.fileName).toBe('干部任免审批表-李明远.docx');
    const byIdNumber = await s.documents.exportRenmian(CadreInputSchema.parse(cases.typical.input).idNumber, TODAY);
    // The docx package numbers drawings across documents: compare with those ids set aside.
    const body = async (b: Buffer) => (await docxParts(b)).documentXml.replace(/<wp:docPr id="\d+"/g, '<wp:docPr');
    expect(await body(byIdNumber.buffer)).toBe(await body(cases.typical.buffer));
  });

  it('has A4 pages, GB/T 9704 margins, explicit grids, official fonts and "at least" rows', async () => {
    const { documentXml: xml, stylesXml, files } = await docxParts(cases.typical.buffer);
    expect(stylesXml).not.toBe('');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const m = MARGINS_GBT9704;
    expect(xml).toContain(`<w:pgMar w:top="${m.top}" w:right="${m.right}" w:bottom="${m.bottom}" w:left="${m.left}"`);
    expect([m.top, m.bottom, m.left, m.right]).toEqual([2098, 1984, 1587, 1474]);

    const grids = [...xml.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)].map((g) => [...g[1].matchAll(/w:w="(\d+)"/g)].map((x) => Number(x[1])));
    expect(grids).toHaveLength(2);
    for (const cols of grids) {
      expect(cols).toHaveLength(7);
      expect(cols.every((c) => c > 0)).toBe(true);
      expect(cols.reduce((a, b) => a + b, 0)).toBe(textWidth(MARGINS_GBT9704));
    }
    expect(xml).toContain('<w:tblLayout w:type="fixed"/>');
    // Every cell carries its width in DXA.
    const cells = xml.match(/<w:tc>/g)?.length ?? 0;
    const dxaWidths = xml.match(/<w:tcW w:type="dxa" w:w="\d+"\/>/g)?.length ?? 0;
    expect(cells).toBeGreaterThan(80);
    expect(dxaWidths).toBe(cells);

    // Fonts and sizes live in named paragraph styles (East Asian and Latin faces set apart); every paragraph uses one.
    expect(stylesXml).toMatch(/<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"[^>]*w:eastAsia="仿宋_GB2312"[^>]*w:hAnsi="Times New Roman"/);
    expect(stylesXml).toMatch(/<w:lang [^>]*w:eastAsia="zh-CN"/);
    const styleOf = (id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}">.*?</w:style>`).exec(stylesXml)?.[0] ?? '';
    const used = new Set([...xml.matchAll(/<w:pStyle w:val="([^"]+)"\/>/g)].map((m) => m[1]));
    expect(used.size).toBeGreaterThan(3);
    for (const id of used) expect(styleOf(id), id).toMatch(/<w:rFonts w:ascii="Times New Roman"[^>]*w:eastAsia="(仿宋_GB2312|方正小标宋简体)"[^>]*w:hAnsi="Times New Roman"\/>/);
    // The title: 方正小标宋简体 二号 (22 pt = 44 half-points), centred.
    const titleStyle = /<w:pStyle w:val="([^"]+)"\/><\/w:pPr><w:r><w:t[^>]*>干部任免审批表</.exec(xml)?.[1] ?? '';
    expect(styleOf(titleStyle)).toMatch(/w:eastAsia="方正小标宋简体".*<w:sz w:val="44"\/>/);
    expect(styleOf(titleStyle)).toContain('<w:jc w:val="center"/>');
    // Labels and values: 仿宋_GB2312 小四 (24 half-points) at the most.
    const sizes = [...used].map((id) => Number(/<w:sz w:val="(\d+)"\/>/.exec(styleOf(id))?.[1]));
    expect(sizes.filter((n) => n !== 44).every((n) => n <= 24 && n >= 18)).toBe(true);

    const heights = [...xml.matchAll(/<w:trHeight ([^>]*)\/>/g)].map((h) => h[1]);
    expect(heights.length).toBeGreaterThan(20);
    expect(heights.every((h) => h.includes('w:hRule="atLeast"'))).toBe(true);
    expect(xml).not.toMatch(/w:hRule="exact"/);
    expect(xml).toContain('w:vMerge w:val="restart"');
    expect(files.some((f) => /^word\/media\/.+\.(jpe?g)$/.test(f))).toBe(true);
  });

  it('leaves the photo cell reading 照片 when there is no photo', async () => {
    const { documentXml, files } = await docxParts(cases.bare.buffer);
    expect(documentXml).toContain('>照片<');
    expect(files.some((f) => f.startsWith('word/media/'))).toBe(false);
  });

  it('is offered to the UI through document:renmian as base64, and refuses a missing file in Chinese', async () => {
    const h = createHandlers(s);
    const ctx = { ...testCtx, mode: 'browser' as const };
    const ok = await dispatch(h, 'document:renmian', { cadreId: cases.typical.id }, ctx);
    expect(ok.ok).toBe(true);
    const result = (ok as { result: { fileName: string; base64: string } }).result;
    expect(result.fileName).toBe('干部任免审批表-李明远.docx');
    const bytes = Buffer.from(result.base64, 'base64');
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const { documentXml } = await docxParts(bytes);
    expect(documentXml).toContain('李明远');
    // A form that fits its two pages has nothing to warn about; one with a continuation sheet says so.
    expect(result).not.toHaveProperty('warnings');
    const long = await dispatch(h, 'document:renmian', { cadreId: cases.extreme.id }, ctx);
    expect((long as { result: { warnings?: string[] } }).result.warnings).toEqual(cases.extreme.warnings);

    const missing = await dispatch(h, 'document:renmian', { cadreId: 99999 }, ctx);
    expect(missing).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '未找到编号为 99999 的干部档案' } });
    const bad = await dispatch(h, 'document:renmian', { cadreId: 'x' }, ctx);
    expect(bad.ok).toBe(false);
    expect((bad as { error: { message: string } }).error.message).toMatch(/^干部：/);
  });

  it('refuses to print a file in the recycle bin', async () => {
    const saved = await s.cadres.save(testCtx, CadreInputSchema.parse({ ...demoCadres()[7] }));
    await s.cadres.remove(testCtx, saved.id);
    await expect(s.documents.exportRenmian(saved.id)).rejects.toThrow('“杨建国”的档案在回收站中，恢复后才能打印');
  });
});

describe.skipIf(!canRender)('干部任免审批表: rendered with LibreOffice', () => {
  let r: Record<keyof typeof cases, Rendered>;
  beforeAll(async () => {
    const rendered = await renderDocxMany(Object.values(cases).map((c) => ({ name: `renmian-${c.name}`, buffer: c.buffer })));
    r = Object.fromEntries(Object.keys(cases).map((k, i) => [k, rendered[i]])) as typeof r;
  }, 180_000);

  const resumeTexts = (c: Case) => CadreInputSchema.parse(c.input).resume.map((e) => flat(formatResumeLine(e)));
  // Columns of the page in mm: the label column runs from the left margin (28 mm) for 18 mm.
  const LABELS = { left: 27, right: 46 };
  const VALUES = { left: 46, right: 185 };
  /** The 简历 cell of page 1: from its first period (`2003.09--…`) down. */
  const resumeBand = (t: Rendered) => {
    const first = t.pageWords[0].find((w) => /^\d{4}\.\d{2}--/.test(w.text));
    return { ...VALUES, top: (first?.y0 ?? 0) - 0.5 };
  };

  it('prints a normal file on exactly two pages: the grid and 简历 on page 1, the rest on page 2', () => {
    const t = r.typical;
    expect(t.pages).toBe(2);
    const [p1, p2] = t.pageTexts;
    expect(p1.startsWith('干部任免审批表')).toBe(true);
    for (const v of ['李明远', '男', '1985.03', '（40岁）', '汉族', '陕西安康', '陕西汉阴', '2005.06', '2007.08', '健康', '经济管理', '安康市发展和改革委员会副主任'])
      expect(p1, v).toContain(flat(v));
    // Columns of the schooling rows: 学历/学位 (67–105 mm), 毕业院校系及专业 (125–184 mm).
    expect(textIn(t.pageWords[0], { left: 67, right: 105 })).toContain('大学学士研究生公共管理硕士');
    expect(textIn(t.pageWords[0], { left: 126, right: 185 })).toContain('西北大学经济管理学院国民经济管理专业西北大学公共管理学院公共管理专业');
    expect(textIn(t.pageWords[0], resumeBand(t))).toBe(resumeTexts(cases.typical).join(''));

    expect(textIn(t.pageWords[1], LABELS)).toBe('奖惩情况年度考核结果任免理由家庭主要成员及重要社会关系呈报单位审批机关意见填表人：干部科');
    const values2 = textIn(t.pageWords[1], VALUES);
    for (const v of ['2017年被评为全市脱贫攻坚先进个人', '2023年、2024年年度考核均为称职，2025年年度考核优秀', '称谓姓名年龄政治面貌工作单位及职务', '中共安康市委组织部（盖章）2025年6月30日', '行政机关任免意见'])
      expect(values2, v).toContain(flat(v));
    // Family ages at the form's 计算年龄时间 (2025.06.30): spouse born 1986.03, child 2014.03, father 1958.03.
    expect(values2).toContain('妻子何静39中共党员安康市第一中学教师');
    expect(values2).toContain('儿子李子涵11群众安康市育才小学学生');
    expect(values2).toContain('父亲李德厚67中共党员已退休');
    expect(p2.endsWith('填表人：干部科')).toBe(true);
  });

  it('keeps a 15-line 简历 and a long 奖惩 on two pages, every line whole', () => {
    const t = r.long;
    expect(CadreInputSchema.parse(cases.long.input).resume).toHaveLength(15);
    expect(t.pages).toBe(2);
    expect(textIn(t.pageWords[0], resumeBand(t))).toBe(resumeTexts(cases.long).join(''));
    const values2 = textIn(t.pageWords[1], VALUES);
    expect(values2).toContain(flat(LONG_REWARDS));
    expect(values2).toContain(flat('工作需要，拟提名为安康市发展和改革委员会主任人选。'));
    expect(t.pageTexts[1]).toContain('填表人');
  });

  it('puts what fits at no size on a labelled continuation sheet after the two pages, and says so', () => {
    const t = r.extreme;
    expect(cases.typical.warnings).toBeUndefined();
    expect(cases.extreme.warnings).toHaveLength(1);
    expect(cases.extreme.warnings![0]).toMatch(/简历的后\d+条、奖惩情况的后半部分已续印在.*干部任免审批表（续）/);
    // Two pages of the form, then one continuation sheet: title, name, labelled rows.
    expect(t.pages).toBe(3);
    expect(textIn(t.pageWords[0], LABELS).endsWith('简历')).toBe(true);
    expect(textIn(t.pageWords[1], LABELS).startsWith('奖惩情况')).toBe(true);
    const sheet = t.pageTexts[2];
    expect(sheet.startsWith('干部任免审批表（续）')).toBe(true);
    expect(sheet).toContain(`姓名：${flat(CadreInputSchema.parse(cases.extreme.input).name)}`);
    const firstPeriod = t.pageWords[2].find((w) => /^\d{4}\.\d{2}--/.test(w.text))!;
    expect(textIn(t.pageWords[2], { ...LABELS, top: firstPeriod.y0 - 1 })).toBe('简历（续）奖惩情况（续）');

    // Every 简历 line whole and in order: page 1 up to its note, then the sheet; then the rest of 奖惩情况.
    const lines = resumeTexts(cases.extreme).join('');
    const onPage1 = textIn(t.pageWords[0], resumeBand(t));
    expect(onPage1.endsWith('（续见附页）')).toBe(true);
    const onSheet = textIn(t.pageWords[2], { ...VALUES, top: firstPeriod.y0 - 0.5 });
    const resume = onPage1.replace('（续见附页）', '') + onSheet;
    expect(resume.startsWith(lines)).toBe(true);
    const labels2 = t.pageWords[1].filter((w) => w.x1 < VALUES.left);
    const assessmentTop = labels2.find((w) => w.text.startsWith('年度考'))!.y0;
    const rewardsOnPage2 = textIn(t.pageWords[1], { ...VALUES, bottom: assessmentTop - 3 });
    expect(rewardsOnPage2.endsWith('（续见附页）')).toBe(true);
    expect(rewardsOnPage2.replace('（续见附页）', '') + resume.slice(lines.length)).toBe(flat(CadreInputSchema.parse(cases.extreme.input).rewards));
    // The family table and the rest of page 2 stay on page 2.
    for (let i = 0; i < 9; i++) expect(t.pageTexts[1]).toContain(`兄弟李长${'一二三四五六七八九'[i]}45群众安康市某某公司职员`);
    expect(t.pageTexts[1].endsWith('填表人：干部科')).toBe(true);
  });

  it('prints an almost empty file on two pages with the blanks to fill by hand', () => {
    const t = r.bare;
    expect(t.pages).toBe(2);
    expect(flat(t.pageTexts[0])).toContain('周敏');
    expect(flat(t.pageTexts[0])).toContain('照片');
    // No 出生年月 on file: taken from the 身份证号 (1986.08.09), age at the day of printing (2025.06.30).
    expect(t.pageTexts[0]).toMatch(/出生年月1986\.08（岁）（38岁）/);
    expect(flat(t.pageTexts[1])).toContain('年月日');
  });
});

describe('export renmian on the command line', () => {
  const exec = promisify(execFile);
  const cli = (...args: string[]) =>
    exec(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...cliDbArgs(s.dbFile), ...args], { cwd: path.resolve(__dirname, '../..') }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('writes the form for an id or 身份证号, and says clearly what it cannot print', async () => {
    const out = path.join(dir, '任免表.docx');
    const ok = await cli('--json', 'export', 'renmian', '--cadre', CadreInputSchema.parse(cases.typical.input).idNumber, '--out', out);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ form: 'renmian', out, fileName: '干部任免审批表-李明远.docx' });
    const { documentXml } = await docxParts(fs.readFileSync(out));
    expect(documentXml).toContain('李明远');

    // A file without any posting has no 考核鉴定表 to print.
    const noPosting = await cli('export', 'appraisal', '--cadre', String(cases.typical.id), '--out', out);
    expect(noPosting.code).toBe(1);
    expect(noPosting.stderr.trim()).toBe('错误：该干部没有挂职记录，无法生成考核鉴定表');

    const missing = await cli('export', 'renmian', '--cadre', '99999', '--out', out);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('错误：未找到编号为 99999 的干部档案');

    const usage = await cli('export', 'renmian', '--out', out);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--cadre');
  }, 60_000);
});

warnIfCannotRender('干部任免审批表');
