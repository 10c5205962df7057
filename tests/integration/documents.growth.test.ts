import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROWTH_RATERS, type GrowthRater, type GrowthTemplate } from '../../shared/growth';
import { createHandlers } from '../../electron/api/handlers';
import { dispatch } from '../../electron/api/dispatch';
import { demoCadres } from '../../electron/demo/demoCadres';
import { DRAFT_MARK, DRAFT_NOTE } from '../../electron/documents/draftMark';
import { formatScore } from '../../electron/documents/formatting';
import { pngSize } from '../../electron/documents/png';
import { MARGINS_GBT9704 } from '../../electron/documents/style';
import type { AppServices } from '../../electron/services/AppServices';
import { BATCH, RESULTS, postingWithRecords } from '../helpers/documentFixtures';
import { stageSheet } from '../helpers/growthFixtures';
import { canRender, docxParts, flat, renderDocxMany, textIn, warnIfCannotRender, type Rendered } from '../helpers/renderDocx';
import { runCli } from '../helpers/runCli';
import { tempServices, testCtx } from '../helpers/tempServices';

/**
 * 成长评价报告 end to end: evaluations scored through the services, the report exported, rendered with LibreOffice
 * and read back — GB/T 9704 page setup, fonts and page numbers, the score table, the chart with its period labels,
 * each stage's narrative and evidence, the conclusion and the signature.
 */

let s: AppServices;
let cleanup: () => Promise<void>;
let dir: string;
let template: GrowthTemplate;
const TODAY = new Date(2026, 10, 30);

/** Per period: the score every rater gives each stage's indicators (so each stage scores exactly that). */
const FULL: [string, number[], string][] = [
  ['第一季度', [72, 50, 40, 30], '已归档'],
  ['第二季度', [80, 68, 55, 40], '已归档'],
  ['第三季度', [86, 78, 72, 55], '已审核'],
  ['第四季度', [90, 86, 84, 72], '已审核'],
  // The evaluation the report concludes on is archived: the report prints clean.
  ['期满', [92, 88, 86, 80], '已归档'],
];
const NARRATIVES = {
  学习者: '到岗后及时转变角色，参加集中学习和联组学习，随同分管领导走访企业和社区，较快融入了新集体。',
  参与者: '参与单位重点工作的筹备，细心做好分工范围内的日常事务，与同事配合默契。',
  践行者: '独立承办武进—安康产业合作对接会，从策划筹备到现场调度和总结反馈全程负责，推动合作事项落地。',
  传递者: '总结挂职地“一月一调度”的项目推进机制，形成经验材料，向派出单位和下一批挂职干部分享交流。',
};

const STEPS: Record<string, ('submit' | 'review' | 'archive')[]> = { 草稿: [], 已提交: ['submit'], 已审核: ['submit', 'review'], 已归档: ['submit', 'review', 'archive'] };

async function evaluate(postingId: number, period: string, perStage: number[], state: string, extra: { without?: GrowthRater[]; evidence?: unknown[]; comment?: string } = {}) {
  const e = await s.growth.save(testCtx, { postingId, period, narratives: NARRATIVES, evidence: extra.evidence ?? [] });
  for (const rater of GROWTH_RATERS) {
    if (extra.without?.includes(rater)) continue;
    await s.growth.saveRater(testCtx, { evaluationId: e.id, rater, scores: stageSheet(template, perStage), comment: rater === '挂职单位' ? (extra.comment ?? '') : '' });
  }
  for (const action of STEPS[state]) await s.growth.transition(testCtx, { id: e.id, action });
  return e.id;
}

const cases = {} as Record<'full' | 'partial', { cadreId: number; postingId: number; idNumber: string; buffer: Buffer; fileName: string }>;
let bare: { cadreId: number; postingId: number };
let unscored: { cadreId: number; postingId: number };
let batchId: number;

beforeAll(async () => {
  ({ s, cleanup, dir } = await tempServices());
  template = await s.growthTemplates.active();
  batchId = (await s.batches.save(testCtx, BATCH)).id;
  const demos = demoCadres();
  const full = await postingWithRecords(s, { input: demos[0], batchId, hostUnit: '常州市发展和改革委员会', hostPost: '区域协作处副处长（挂职）', results: RESULTS });
  const ledger = await s.ledger.list({ scope: 'posting', id: full.postingId });
  const signed = ledger.items.find((r) => r.title === '促成常州某智能装备有限公司在安康设立生产基地')!;
  const meeting = ledger.items.find((r) => r.category === '活动组织')!;
  for (const [period, scores, state] of FULL) {
    const late = period === '第四季度' || period === '期满';
    await evaluate(full.postingId, period, scores, state, {
      evidence: late
        ? [
            { indicatorCode: '3.3', refKind: 'result', refId: signed.id },
            { indicatorCode: '3.1', refKind: 'result', refId: meeting.id, note: '牵头筹办' },
          ]
        : [],
      comment: period === '期满' ? '工作认真负责，进步明显，经验做法已在派出单位推广。' : '',
    });
  }
  const partial = await postingWithRecords(s, { input: demos[1], batchId });
  await evaluate(partial.postingId, '第一季度', [66, 52, 38, 30], '已审核');
  // Scores with decimals: printed as 72.5 and 63.25, the others without any.
  await evaluate(partial.postingId, '第二季度', [72.5, 63.25, 48, 35], '已审核');
  await evaluate(partial.postingId, '第三季度', [74, 66, 54, 40], '草稿', { without: ['派出单位', '组织部门'] });
  bare = await postingWithRecords(s, { input: demos[2], batchId });
  unscored = await postingWithRecords(s, { input: demos[3], batchId });
  const half = await s.growth.save(testCtx, { postingId: unscored.postingId, period: '第一季度' });
  await s.growth.saveRater(testCtx, { evaluationId: half.id, rater: '挂职单位', scores: { '1.1': 80 } });
  for (const [name, c] of Object.entries({ full, partial }) as [keyof typeof cases, typeof full][]) {
    const doc = await s.documents.exportGrowth(c.cadreId, TODAY);
    cases[name] = { ...c, buffer: doc.buffer, fileName: doc.fileName };
  }
});
afterAll(() => cleanup());

/** The stage weights of the template (the sums of their indicators' weights), for the totals: `76`, `76.5`. */
const total = (perStage: number[]) => formatScore(perStage.reduce((a, x, k) => a + x * template.stages[k].weight, 0) / 100);

describe('成长评价报告: the document', () => {
  it('is named after the cadre, found by id, 身份证号 or posting alike', async () => {
    expect(cases.full.fileName).toBe('成长评价报告-李明远.docx');
    const body = async (b: Buffer) => (await docxParts(b)).documentXml.replace(/<wp:docPr id="\d+"/g, '<wp:docPr');
    expect(await body((await s.documents.exportGrowth(cases.full.idNumber, TODAY)).buffer)).toBe(await body(cases.full.buffer));
    expect(await body((await s.documents.exportGrowth({ postingId: cases.full.postingId }, TODAY)).buffer)).toBe(await body(cases.full.buffer));
  });

  it('is set as GB/T 9704 prescribes: A4, 37/35/28/26 mm, 2号小标宋 title, 3号仿宋 body on 22 lines, 黑体 and 楷体 headings', async () => {
    const { documentXml: xml, stylesXml } = await docxParts(cases.full.buffer);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const m = MARGINS_GBT9704;
    expect([m.top, m.bottom, m.left, m.right]).toEqual([2098, 1984, 1587, 1474]);
    expect(xml).toContain(`<w:pgMar w:top="${m.top}" w:right="${m.right}" w:bottom="${m.bottom}" w:left="${m.left}"`);
    const styleOf = (id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}">.*?</w:style>`).exec(stylesXml)?.[0] ?? '';
    const styleOfText = (text: string) => styleOf(new RegExp(`<w:pStyle w:val="([^"]+)"/>(?:(?!</w:p>).)*?<w:t[^>]*>${text}`).exec(xml)?.[1] ?? '');
    expect(styleOfText('李明远同志挂职锻炼成长评价报告')).toMatch(/w:eastAsia="方正小标宋简体".*<w:sz w:val="44"\/>/);
    expect(styleOfText('——从学习者到传递者')).toMatch(/w:eastAsia="楷体_GB2312".*<w:sz w:val="32"\/>/);
    // Body: 仿宋_GB2312 16 pt, exact 28.95 pt pitch (579 twips: 22 lines on the 225 mm block), two-character indent.
    const body = styleOfText('按照');
    expect(body).toMatch(/w:eastAsia="仿宋_GB2312"/);
    expect(body).toContain('<w:sz w:val="32"/>');
    expect(body).toMatch(/<w:spacing [^>]*w:line="579" w:lineRule="exact"/);
    expect(body).toMatch(/<w:ind w:firstLine="640"\/>/);
    expect(22 * 579).toBeLessThanOrEqual(16838 - m.top - m.bottom);
    expect(styleOfText('一、基本情况')).toMatch(/w:eastAsia="黑体".*<w:sz w:val="32"\/>/);
    // Widow/orphan control on the body text, the headings and every paragraph of the narrative.
    for (const text of ['按照', '一、基本情况', '（一）学习者阶段', '综合挂职期间', NARRATIVES.践行者]) expect(styleOfText(text), text).toContain('<w:widowControl/>');
    expect(styleOfText('（一）学习者阶段')).toMatch(/w:eastAsia="楷体_GB2312".*<w:sz w:val="32"\/>/);
    // Every table has an explicit grid.
    const grids = [...xml.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)].map((g) => [...g[1].matchAll(/w:w="(\d+)"/g)].map((x) => Number(x[1])));
    expect(grids.length).toBe(2);
    for (const cols of grids) expect(cols.reduce((a, b) => a + b, 0)).toBe(11906 - m.left - m.right);
  });

  it('numbers pages `— 1 —` in 4号宋体, odd pages on the right and even pages on the left', async () => {
    const zip = await JSZip.loadAsync(cases.full.buffer);
    expect(await zip.file('word/settings.xml')!.async('string')).toContain('<w:evenAndOddHeaders/>');
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:footerReference w:type="default" r:id="rId\d+"\/>/);
    expect(xml).toMatch(/<w:footerReference w:type="even" r:id="rId\d+"\/>/);
    const footers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/footer\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    expect(footers).toHaveLength(2);
    for (const f of footers) {
      expect(f).toMatch(/w:eastAsia="宋体"/);
      expect(f).toContain('<w:sz w:val="28"/>');
      expect(f).toContain('— ');
      expect(f).toMatch(/PAGE/);
    }
    expect(footers.some((f) => f.includes('<w:jc w:val="right"/>'))).toBe(true);
    expect(footers.some((f) => f.includes('<w:jc w:val="left"/>'))).toBe(true);
  });

  it('carries the trajectory chart as a PNG drawn to the text width', async () => {
    const zip = await JSZip.loadAsync(cases.full.buffer);
    const pngs = Object.keys(zip.files).filter((f) => /^word\/media\/.+\.png$/.test(f));
    expect(pngs).toHaveLength(1);
    const size = pngSize(await zip.file(pngs[0])!.async('uint8array'));
    // 156 mm × 72 mm at 200 dpi.
    expect(size).toEqual({ width: 1228, height: 567 });
  });

  it('refuses what has nothing to report, in Chinese, and is offered through document:growth', async () => {
    await expect(s.documents.exportGrowth(bare.cadreId)).rejects.toThrow('该干部的这段挂职还没有成长评价，无法生成成长评价报告');
    await expect(s.documents.exportGrowth({ postingId: unscored.postingId })).rejects.toThrow('该干部的成长评价还没有完成评分，无法生成成长评价报告');
    const lone = await s.cadres.save(testCtx, demoCadres()[4]);
    await expect(s.documents.exportGrowth(lone.id)).rejects.toThrow('该干部没有挂职记录，无法生成成长评价报告');

    const h = createHandlers(s);
    const ctx = { ...testCtx, mode: 'browser' as const };
    const ok = await dispatch(h, 'document:growth', { postingId: cases.partial.postingId }, ctx);
    expect((ok as { result: { fileName: string } }).result.fileName).toBe('成长评价报告-刘思源.docx');
    const member = await dispatch(h, 'document:batchMember', { batchId, cadreId: cases.full.cadreId, form: 'growth' }, ctx);
    expect((member as { result: { fileName: string } }).result.fileName).toBe('安康市第7批赴常州挂职干部_李明远_成长评价报告.docx');
    expect(await dispatch(h, 'document:growth', { cadreId: bare.cadreId }, ctx)).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '该干部的这段挂职还没有成长评价，无法生成成长评价报告' },
    });
  });
});

describe.skipIf(!canRender)('成长评价报告: rendered with LibreOffice', () => {
  let r: Record<keyof typeof cases, Rendered>;
  beforeAll(async () => {
    const names = Object.keys(cases) as (keyof typeof cases)[];
    const rendered = await renderDocxMany(names.map((n) => ({ name: `growth-${n}`, buffer: cases[n].buffer })));
    r = Object.fromEntries(names.map((n, i) => [n, rendered[i]])) as typeof r;
  }, 180_000);

  it('reads as a report: title, the five sections in order, the score table, the chart labels and legend', () => {
    const t = r.full;
    expect(t.pages).toBeGreaterThanOrEqual(3);
    expect(t.pages).toBeLessThanOrEqual(5);
    const text = t.flatText;
    expect(text.startsWith('李明远同志挂职锻炼成长评价报告——从学习者到传递者')).toBe(true);
    const order = ['一、基本情况', '二、各阶段评分情况', '三、成长轨迹', '四、各阶段成长情况', '（一）学习者阶段', '（二）参与者阶段', '（三）践行者阶段', '（四）传递者阶段', '五、评价结论'];
    const at = order.map((h) => text.indexOf(h));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain(flat('李明远，男，汉族，1985年3月出生，中共党员，大学学历。挂职前任安康市发展和改革委员会副主任。2025年12月至2026年11月，作为安康市第7批赴常州挂职干部，挂任常州市发展和改革委员会区域协作处副处长（挂职）。'));
    // The table: one row per period with the four stage scores, the total and the stage reached.
    expect(text).toContain('评价时段学习者参与者践行者传递者综合得分达到阶段');
    const reached = ['学习者', '参与者', '践行者', '传递者', '传递者'];
    FULL.forEach(([period, scores], i) => expect(text).toContain(`${period}${scores.join('')}${total(scores)}${reached[i]}`));
    // Under the chart: the periods in order, the legend, the caption.
    expect(text).toContain('第一季度第二季度第三季度第四季度期满●学习者■参与者▲践行者◆传递者---达标线（60分）图1各阶段得分变化');
  });

  it('tells each stage with when it was reached, the narrative and the evidence; concludes and signs', () => {
    const text = r.full.flatText;
    expect(text).toContain('第一季度评价首次达到本阶段标准（得分72分），期满评价得分92分。');
    expect(text).toContain('第四季度评价首次达到本阶段标准（得分72分），期满评价得分80分。');
    for (const n of Object.values(NARRATIVES)) expect(text).toContain(flat(n));
    expect(text).toContain('佐证材料：1．招商引资：促成常州某智能装备有限公司在安康设立生产基地（签约资金4000万元）（工作实绩）2．活动组织：武进—安康产业合作对接会（3场）（独立承办，牵头筹办）');
    expect(text).toContain('综合挂职期间5次成长评价，李明远同志在期满评价中综合得分' + total(FULL[4][1]) + '分，已达到“传递者”阶段，完成了从学习者到传递者的转变。');
    expect(text).toContain('从第一季度评价的“学习者”到期满评价的“传递者”，四个阶段得分均有提高。');
    expect(text).toContain('挂职单位评价：工作认真负责，进步明显，经验做法已在派出单位推广。');
    expect(text).toMatch(/中共安康市委组织部2026年11月30日—\d+—$/);
  });

  it('puts `— n —` on every page, odd pages at the right and even pages at the left', () => {
    const t = r.full;
    t.pageWords.forEach((words, i) => {
      const n = i + 1;
      const mark = words.find((w) => w.text === String(n) && w.y0 > 262);
      expect(mark, `第${n}页`).toBeDefined();
      // Text block: 28–184 mm from the left edge.
      if (n % 2) expect(mark!.x1).toBeGreaterThan(170);
      else expect(mark!.x0).toBeLessThan(45);
      expect(t.pageTexts[i].endsWith(`—${n}—`)).toBe(true);
    });
  });

  it('marks a partial, unreviewed evaluation and a stage not reached', () => {
    const text = r.partial.flatText;
    expect(text).toContain('第三季度74665440');
    expect(text).toContain('参与者＊');
    expect(text).toContain('注：＊第三季度（派出单位、组织部门未评分）：按已评分主体的权重折算。');
    expect(text).toContain('第三季度评价尚为草稿，其得分以审核结果为准。');
    expect(text).toContain('第三季度评价本阶段得分54分，距60分的达标线尚差6分。');
    expect(text).toContain('已达到“参与者”阶段。');
  });

  it('prints every score as 76分 or 76.5分, never 76.00分', () => {
    for (const t of [r.full, r.partial]) {
      expect(t.flatText).not.toMatch(/\d\.\d*0分/);
      expect(t.flatText).not.toMatch(/\d\.00(?!\d)/);
    }
    expect(r.partial.flatText).toContain('第二季度72.563.254835');
    expect(r.full.flatText).toContain('期满评价得分92分');
    expect(r.full.flatText).toContain('达标分数线60分');
  });

  it('carries the 草稿 mark on every page while the evaluation it concludes on is not archived', () => {
    /** The page header, above the 37 mm top margin. */
    const HEADER = { bottom: 30 };
    // 李明远's 期满 evaluation is archived: clean.
    r.full.pageWords.forEach((w, i) => expect(textIn(w, HEADER), `第${i + 1}页`).toBe(''));
    expect(r.full.flatText).not.toContain(DRAFT_MARK);
    // 刘思源's report concludes on the third quarter's draft: marked, on every page (odd and even headers).
    expect(r.partial.pages).toBeGreaterThanOrEqual(2);
    r.partial.pageWords.forEach((w, i) => expect(textIn(w, HEADER), `第${i + 1}页`).toBe(flat(DRAFT_NOTE + DRAFT_MARK)));
  });
});

describe('export growth on the command line', () => {
  it('writes the report for a cadre or a posting and refuses one with nothing to report', () => {
    const out = path.join(dir, '成长评价报告.docx');
    const ok = runCli(['--db', s.dbFile, '--json', 'export', 'growth', '--cadre', cases.full.idNumber, '--out', out]);
    expect(ok.stderr).toBe('');
    expect(JSON.parse(ok.stdout)).toMatchObject({ form: 'growth', out, fileName: '成长评价报告-李明远.docx' });
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const none = runCli(['--db', s.dbFile, 'export', 'growth', '--posting', String(bare.postingId), '--out', out]);
    expect(none.status).toBe(1);
    expect(none.stderr.trim()).toBe('错误：该干部的这段挂职还没有成长评价，无法生成成长评价报告');
  }, 60_000);
});

warnIfCannotRender('成长评价报告');
