import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CadreInputSchema, type CadreInput } from '../../shared/cadre';
import { formatResumeLine } from '../../shared/resume';
import { createHandlers } from '../../electron/api/handlers';
import { dispatch } from '../../electron/api/dispatch';
import { demoCadres } from '../../electron/demo/demoCadres';
import { CELL_FLOOR_PT, TEXT_FLOOR_PT } from '../../electron/documents/textFit';
import type { AppServices } from '../../electron/services/AppServices';
import { LONG_FAMILY, longRenmianInput, manyRelatives } from '../helpers/documentFixtures';
import { portraitJpeg } from '../helpers/makeJpeg';
import { canRender, docxParts, flat, linesIn, renderDocxMany, textIn, warnIfCannotRender, type FontSet, type Rendered, type Word } from '../helpers/renderDocx';
import { tempServices, testCtx } from '../helpers/tempServices';

/**
 * 干部任免审批表 on long, real-looking records (invented people): 20, 22, 26 and 40 résumé entries, ten relatives with
 * long transliterated names, a 任免理由 of about 560 characters, long minority names in 姓名. The form keeps its two
 * pages by shrinking each block to its floor (7.5 pt for the tall text blocks, 9 pt for the cells) and tightening
 * the lines; only the 40-entry 简历 cannot fit even so, and goes on, labelled, on a continuation sheet, with a
 * warning for the clerk. Rendered with LibreOffice with two font sets: Times New Roman's widths (Liberation) and the
 * wider DejaVu faces.
 */

let s: AppServices;
let cleanup: () => Promise<void>;
const TODAY = new Date(2025, 5, 30);

const base = (): CadreInput => ({ ...demoCadres()[0], ageCalcDate: '2025.06.30', fillDate: '2025.06.30' });

type Name = 'r20' | 'r22' | 'r26' | 'r40' | 'f24';
interface Case {
  id: number;
  input: ReturnType<typeof CadreInputSchema.parse>;
  buffer: Buffer;
  warnings?: string[];
}
const cases = {} as Record<Name, Case>;

const INPUTS: Record<Name, () => CadreInput> = {
  // The 8-character name, 20 entries, ten relatives, the long 任免理由.
  r20: () => longRenmianInput(base(), 20),
  // 22 entries with seven relatives and a short 任免理由.
  r22: () => ({ ...longRenmianInput(base(), 22, '阿依努尔·买买提', 1), family: LONG_FAMILY.slice(0, 7), appointmentReason: '工作需要。' }),
  // 26 entries and a 9-character Kazakh-style name.
  r26: () => longRenmianInput(base(), 26, '古丽巴哈尔·努尔兰', 2),
  // 40 entries and a 13-character name: the 简历 cannot fit page 1 even at the floor.
  r40: () => longRenmianInput(base(), 40, '阿依夏木古丽·阿不都热合曼', 3),
  // 24 relatives: more than page 2 holds at the floor; the rest go on the continuation sheet under the table's head.
  f24: () => ({ ...longRenmianInput(base(), 12, '米娜瓦尔·阿不都拉', 4), family: manyRelatives(24) }),
};

beforeAll(async () => {
  ({ s, cleanup } = await tempServices());
  for (const [name, make] of Object.entries(INPUTS) as [Name, () => CadreInput][]) {
    const saved = await s.cadres.save(testCtx, CadreInputSchema.parse(make()));
    await s.cadres.setPhoto(testCtx, saved.id, portraitJpeg());
    const doc = await s.documents.exportRenmian(saved.id, TODAY);
    cases[name] = { id: saved.id, input: CadreInputSchema.parse(make()), buffer: doc.buffer, warnings: doc.warnings };
  }
});
afterAll(() => cleanup());

/** Every paragraph's text with its font size in points (from its named style). */
async function paragraphSizes(buffer: Buffer): Promise<{ text: string; size: number }[]> {
  const { documentXml, stylesXml } = await docxParts(buffer);
  const sizeOf = new Map(
    [...stylesXml.matchAll(/<w:style [^>]*w:styleId="([^"]+)">(.*?)<\/w:style>/g)].map((m) => [m[1], Number(/<w:sz w:val="(\d+)"\/>/.exec(m[2])?.[1] ?? 0) / 2]),
  );
  return [...documentXml.matchAll(/<w:p>(.*?)<\/w:p>/g)]
    .map((p) => ({
      style: /<w:pStyle w:val="([^"]+)"\/>/.exec(p[1])?.[1],
      text: [...p[1].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    }))
    .filter((p) => p.style && p.text)
    .map((p) => ({ text: p.text, size: sizeOf.get(p.style!) ?? 0 }));
}

describe('干部任免审批表 on long records: the document', () => {
  it('fits 20, 22 and 26 entries without a warning, and says so for the 40-entry 简历 that needs a continuation sheet', () => {
    for (const name of ['r20', 'r22', 'r26'] as const) expect(cases[name].warnings, name).toBeUndefined();
    expect(cases.r40.warnings).toHaveLength(1);
    expect(cases.r40.warnings![0]).toMatch(/^内容超出两页表格的容量.*简历的后\d+条已续印在第2页之后的附页“干部任免审批表（续）”上/);
    expect(cases.f24.warnings).toHaveLength(1);
    expect(cases.f24.warnings![0]).toMatch(/：家庭主要成员的后\d+人已续印在/);
  });

  it('carries the warning to the preview through document:renmian', async () => {
    const h = createHandlers(s);
    const ctx = { ...testCtx, mode: 'browser' as const };
    const long = await dispatch(h, 'document:renmian', { cadreId: cases.r40.id }, ctx);
    expect((long as { result: { warnings?: string[] } }).result.warnings).toEqual(cases.r40.warnings);
    const fits = await dispatch(h, 'document:renmian', { cadreId: cases.r26.id }, ctx);
    expect((fits as { result: object }).result).not.toHaveProperty('warnings');
  });

  it('uses no font below the floor, and one size per block rather than per cell', async () => {
    for (const name of Object.keys(cases) as Name[]) {
      const c = cases[name].input;
      const paras = await paragraphSizes(cases[name].buffer);
      const size = (text: string) => paras.find((p) => p.text === text)?.size;
      expect(Math.min(...paras.map((p) => p.size)), name).toBeGreaterThanOrEqual(TEXT_FLOOR_PT);
      // The grid's values of page 1 (姓名 may be broken over two paragraphs): one size, not below 9 pt.
      const grid = [c.gender, c.nation, c.nativePlace, c.birthPlace, c.workStartDate, c.health].map(size);
      expect(new Set(grid).size, `${name} grid ${grid}`).toBe(1);
      expect(grid[0]!, name).toBeGreaterThanOrEqual(CELL_FLOOR_PT);
      const nameParts = paras.slice(paras.findIndex((p) => p.text === '姓　名') + 1, paras.findIndex((p) => p.text === '性　别'));
      expect(nameParts.map((p) => p.text).join(''), name).toBe(c.name);
      for (const p of nameParts) expect(p.size, `${name} 姓名 ${p.text}`).toBe(grid[0]);
      // The family table: one size for every cell, not below 9 pt.
      const family = c.family.flatMap((f) => [f.relation, f.politicalStatus, f.workUnitAndPost]).map(size);
      expect(new Set(family).size, `${name} family ${family}`).toBe(1);
      expect(family[0]!, name).toBeGreaterThanOrEqual(CELL_FLOOR_PT);
      // The 简历: one size for every entry; the page-2 text blocks: one size.
      const resume = paras.filter((p) => /^(\d{4}\.\d{2}--|（其间：)/.test(p.text)).map((p) => p.size);
      expect(resume.length, name).toBe(c.resume.length);
      expect(new Set(resume).size, name).toBe(1);
      const texts = [c.rewards.split('\n')[0], c.annualAssessment, c.appointmentReason.split('\n')[0]].map(size);
      expect(new Set(texts).size, `${name} texts ${texts}`).toBe(1);
    }
  });

  it('keeps row 1 at its printed height whatever the length of the name', async () => {
    for (const name of Object.keys(cases) as Name[]) {
      const { documentXml } = await docxParts(cases[name].buffer);
      const first = /<w:trHeight w:val="(\d+)" w:hRule="atLeast"\/>/.exec(documentXml)?.[1];
      expect(Number(first), name).toBe(737); // 13 mm, as for a two-character name
    }
  });
});

describe.skipIf(!canRender)('干部任免审批表 on long records: rendered with LibreOffice', () => {
  const rendered = {} as Record<FontSet, Record<Name, Rendered>>;
  beforeAll(async () => {
    const names = Object.keys(cases) as Name[];
    for (const fonts of ['liberation', 'dejavu'] as const) {
      const r = await renderDocxMany(names.map((n) => ({ name: `renmian-long-${n}-${fonts}`, buffer: cases[n].buffer })), fonts);
      rendered[fonts] = Object.fromEntries(names.map((n, i) => [n, r[i]])) as Record<Name, Rendered>;
    }
  }, 300_000);

  // Columns of the page in mm (left margin 28 mm): labels 28–46, page 1's values and 简历 46–184.
  const LABELS = { left: 27, right: 46 };
  const VALUES = { left: 46, right: 185 };
  // The family table's columns on page 2: 姓名 59–81, 工作单位及职务 113–184.
  const FAMILY_NAME = { left: 59.5, right: 81 };
  const FAMILY_UNIT = { left: 113.5, right: 185 };
  const resumeTexts = (c: Case) => c.input.resume.map((e) => flat(formatResumeLine(e)));
  const firstPeriod = (words: Word[]) => words.find((w) => /^\d{4}\.\d{2}--/.test(w.text))!;
  /** The family table's band on page 2: below its head row (称谓 …), above 呈报单位. */
  const familyBand = (words: Word[]) => {
    const head = words.find((w) => w.text === '称谓')!;
    const report = words.find((w) => w.text.startsWith('呈') && w.x1 < LABELS.right);
    return { top: head.y1 + 0.5, bottom: report ? report.y0 - 3 : Infinity };
  };

  for (const fonts of ['liberation', 'dejavu'] as const) {
    describe(`with ${fonts === 'liberation' ? 'Times New Roman’s widths (Liberation Serif)' : 'the wider DejaVu Serif'}`, () => {
      it('prints 20, 22 and 26 entries on exactly two pages, and 40 on two pages and a continuation sheet', () => {
        const r = rendered[fonts];
        expect([r.r20.pages, r.r22.pages, r.r26.pages, r.r40.pages, r.f24.pages]).toEqual([2, 2, 2, 3, 3]);
      });

      it('ends page 1 with the 简历 block and starts page 2 with 奖惩情况, labels intact', () => {
        for (const name of Object.keys(cases) as Name[]) {
          const t = rendered[fonts][name];
          const labels1 = textIn(t.pageWords[0], LABELS);
          expect(labels1, name).toMatch(/^姓名民族入党时间专业技术职务学历学位.*简历$/);
          // The lowest words of page 1 are the 简历's last line (or its note that the rest is on the sheet).
          const lastY = Math.max(...t.pageWords[0].map((w) => w.y1));
          const lastLine = flat(linesIn(t.pageWords[0].filter((w) => w.y1 > lastY - 1), VALUES).join(''));
          const entries = resumeTexts(cases[name]);
          expect(name === 'r40' ? '（续见附页）' : entries[entries.length - 1], name).toContain(lastLine.replace(/^\d{4}\.\d{2}--(\d{4}\.\d{2})?/, ''));
          const goesOn = name === 'f24' ? '（续见附页）' : '';
          expect(textIn(t.pageWords[1], LABELS), name).toBe(`奖惩情况年度考核结果任免理由家庭主要成员及重要社会关系${goesOn}呈报单位审批机关意见填表人：干部科`);
          const topWord = t.pageWords[1].reduce((a, b) => (b.y0 < a.y0 ? b : a));
          expect(flat(cases[name].input.rewards).startsWith(topWord.text), name).toBe(true);
          expect(t.pageTexts[1].endsWith('填表人：干部科'), name).toBe(true);
        }
      });

      it('prints every 简历 entry whole and in order, on page 1 (and the continuation sheet)', () => {
        for (const name of Object.keys(cases) as Name[]) {
          const t = rendered[fonts][name];
          const lines = resumeTexts(cases[name]).join('');
          const onPage1 = textIn(t.pageWords[0], { ...VALUES, top: firstPeriod(t.pageWords[0]).y0 - 0.5 });
          if (name !== 'r40') {
            expect(onPage1, name).toBe(lines);
            continue;
          }
          expect(onPage1.endsWith('（续见附页）')).toBe(true);
          const sheet = t.pageWords[2];
          expect(t.pageTexts[2].startsWith('干部任免审批表（续）')).toBe(true);
          expect(t.pageTexts[2]).toContain(`姓名：${flat(cases.r40.input.name)}`);
          const top = firstPeriod(sheet).y0 - 0.5;
          expect(textIn(sheet, { ...LABELS, top })).toBe('简历（续）');
          expect(onPage1.replace('（续见附页）', '') + textIn(sheet, { ...VALUES, top })).toBe(lines);
        }
      });

      it('prints every family member, long names and units whole, and the whole 任免理由 on page 2', () => {
        for (const name of Object.keys(cases) as Name[]) {
          const t = rendered[fonts][name];
          const family = cases[name].input.family;
          // Page 2's table, and for 24 relatives the rest under the table's head on the continuation sheet.
          const pages = name === 'f24' ? [1, 2] : [1];
          const column = (col: typeof FAMILY_NAME) => pages.map((p) => textIn(t.pageWords[p], { ...col, ...familyBand(t.pageWords[p]) })).join('');
          expect(column(FAMILY_NAME), name).toBe(family.map((f) => flat(f.name)).join(''));
          expect(column(FAMILY_UNIT), name).toBe(family.map((f) => flat(f.workUnitAndPost)).join(''));
          // Each transliterated name on at most two lines of its cell.
          const nameLines = pages.reduce((n, p) => n + linesIn(t.pageWords[p], { ...FAMILY_NAME, ...familyBand(t.pageWords[p]) }).length, 0);
          expect(nameLines, name).toBeLessThanOrEqual(2 * family.length);
          if (name === 'f24') {
            expect(t.pageTexts[2].startsWith('干部任免审批表（续）')).toBe(true);
            expect(textIn(t.pageWords[2], LABELS)).toContain('家庭主要成员及重要社会关系（续）');
          }
          const values2 = textIn(t.pageWords[1], VALUES);
          expect(values2, name).toContain(flat(cases[name].input.appointmentReason));
          expect(values2, name).toContain(flat(cases[name].input.rewards));
        }
      });

      it('keeps an 8- or 9-character minority name to two lines in 姓名, and row 1 at the height of a short name', () => {
        for (const name of Object.keys(cases) as Name[]) {
          const t = rendered[fonts][name];
          // The 姓名 cell: the value column 46–68 mm, row 1 (from the grid's top to the 民族 label).
          const nation = t.pageWords[0].find((w) => w.text.startsWith('民') && w.x1 < LABELS.right)!;
          const gridTop = t.pageWords[0].find((w) => w.text.startsWith('姓'))!.y0 - 4;
          const lines = linesIn(t.pageWords[0], { left: 46, right: 68, top: gridTop, bottom: nation.y0 - 2 });
          expect(flat(lines.join('')), name).toBe(flat(cases[name].input.name));
          if (name !== 'r40') expect(lines.length, `${name}: ${lines.join(' / ')}`).toBeLessThanOrEqual(2);
          // Row 1 never grows: the 民族 label sits one 13 mm row below the 姓名 label, as on the form of a short name.
          const nameLabel = t.pageWords[0].find((w) => w.text.startsWith('姓') && w.x1 < LABELS.right)!;
          expect(nation.y0 - nameLabel.y0, name).toBeCloseTo(13.2, 0);
        }
      });
    });
  }
});

warnIfCannotRender('干部任免审批表（长档案）');
