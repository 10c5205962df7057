import { ImageRun, Paragraph, TextRun } from 'docx';
import { packDocx, type FormPackage } from './packDocx';
import { MARGINS_GBT9704, StyleBook, font, halfPoints, mm, officialPageNumberFooters, paraProps, pt, textWidth, type ParaStyle } from './style';
import { NO_LINE, buildTable, gridColumns, type CellSpec, type RowSpec } from './tableKit';
import { fitBlocks, textEm, type SizeStep } from './textFit';
import { scoreText } from './formatting';
import { SERIES_STYLES, THRESHOLD_COLOR, trajectoryChart } from './trajectoryChart';
import { GROWTH_STAGES } from '../../shared/growth';
import type { GrowthReportViewModel } from './viewModels/growthReportViewModel';

/**
 * 成长评价报告 “从学习者到传递者”, a narrative report set as GB/T 9704 prescribes: A4, margins 37/35/28/26 mm,
 * title in 2号 方正小标宋简体, body in 3号 仿宋_GB2312 on a 22-line page (28.95 pt pitch) with a two-character
 * first-line indent, headings 一、 in 黑体 and （一） in 楷体, page numbers `— 1 —` in 4号 宋体 (odd pages right, even
 * left). Sections: 基本情况, the stage scores per period (a table), the trajectory (a chart drawn as a PNG, with the
 * period names in a table lined up under it and a legend), each stage with its narrative and evidence, the
 * conclusion, and the signature and date for the seal.
 */

const MARGINS = MARGINS_GBT9704;
const WIDTH = textWidth(MARGINS);
const WIDTH_MM = (WIDTH * 25.4) / 1440;
/** 22 lines on the 225 mm text block. */
const LINE = 28.95;
const BODY_SIZE = 16;
const INDENT = pt(BODY_SIZE * 2);
const CHART_HEIGHT_MM = 72;

/** Body text: widow/orphan control on (GB/T 9704 never leaves one line of a paragraph alone on a page). */
const BODY: ParaStyle = { font: '仿宋', size: '三号', line: LINE, align: 'justify', indent: { firstLine: INDENT }, widowControl: true };
const H1: ParaStyle = { ...BODY, font: '黑体', keepNext: true };
const H2: ParaStyle = { ...BODY, font: '楷体', keepNext: true };
const TABLE_TEXT: readonly SizeStep[] = [
  { size: 12, line: 16 },
  { size: 10.5, line: 14 },
  { size: 9, line: 12 },
];

// Score table (mm): 评价时段 | 学习者 | 参与者 | 践行者 | 传递者 | 综合得分 | 达到阶段
const SCORE_GRID = gridColumns([27, 18, 18, 18, 18, 20, 37], WIDTH);
const SCORE_ROW = mm(8);
const PAD_H = mm(3);

function cellText(book: StyleBook, lines: string[], width: number, font: 'fs' | 'ht' = 'fs'): Paragraph[] {
  const fit = fitBlocks(lines.map((text) => ({ text })), width - PAD_H, lines.length * pt(TABLE_TEXT[0].line) + 1, TABLE_TEXT);
  return lines.map((t) => book.para(t, { font: font === 'ht' ? '黑体' : '仿宋', size: fit.size, line: fit.line, align: 'center' }));
}

function scoreTable(book: StyleBook, vm: GrowthReportViewModel) {
  const headers = ['评价时段', ...GROWTH_STAGES, '综合得分', '达到阶段'];
  const header: RowSpec = { cells: headers.map((h, i) => ({ content: cellText(book, [h], SCORE_GRID[i], 'ht') })), minHeight: SCORE_ROW, header: true, cantSplit: true };
  const rows: RowSpec[] = vm.periods.map((r) => ({
    cells: [r.period, ...r.scores, r.total, r.reached].map((t, i) => ({ content: cellText(book, [t], SCORE_GRID[i]) })),
    minHeight: SCORE_ROW,
    cantSplit: true,
  }));
  return buildTable({ columns: SCORE_GRID, rows: [header, ...rows] });
}

function chartBlock(book: StyleBook, vm: GrowthReportViewModel) {
  const chart = trajectoryChart({ periods: vm.chart.periods.length, series: vm.chart.series.map((scores) => ({ scores })), threshold: vm.chart.threshold }, WIDTH_MM, CHART_HEIGHT_MM);
  const px = (v: number) => Math.round((v / 25.4) * 96);
  const image = new Paragraph({
    ...paraProps({ align: 'center' }),
    keepNext: true,
    children: [
      new ImageRun({
        type: 'png',
        data: chart.png,
        transformation: { width: px(chart.widthMm), height: px(chart.heightMm) },
        altText: { name: '成长轨迹图', title: '成长轨迹图', description: `各阶段得分变化：${vm.chart.periods.join('、')}` },
      }),
    ],
  });
  // The period names, each centred under its point: a borderless table on the chart's own columns.
  const columns = gridColumns(chart.labelColumnsMm, WIDTH);
  const none = { top: NO_LINE, bottom: NO_LINE, left: NO_LINE, right: NO_LINE };
  const labelCells: CellSpec[] = [
    { content: [book.para('')], borders: none },
    ...vm.chart.periods.map((p, i): CellSpec => ({ content: cellText(book, [p], columns[i + 1]), borders: none, vAlign: 'top' })),
    { content: [book.para('')], borders: none },
  ];
  const labels = buildTable({ columns, rows: [{ cells: labelCells, cantSplit: true }], outerLine: 0, innerLine: 0, cellMargins: { top: 0, bottom: 0, left: mm(0.5), right: mm(0.5) } });
  // The legend: each stage's marker in its colour, then the dashed pass mark.
  const legendRuns: TextRun[] = [];
  const run = (text: string, color?: string) => new TextRun({ text, color, font: font('仿宋'), size: halfPoints('小四') });
  GROWTH_STAGES.forEach((stage, k) => {
    const st = SERIES_STYLES[k];
    legendRuns.push(run(`${k ? '　　' : ''}${st.symbol}`, st.hex), run(` ${stage}`));
  });
  if (vm.chart.threshold !== null) legendRuns.push(run('　　- - -', THRESHOLD_COLOR.hex), run(` 达标线（${scoreText(vm.chart.threshold)}）`));
  const legend = new Paragraph({ ...paraProps({ align: 'center', line: 20, before: 4 }), keepNext: true, children: legendRuns });
  const caption = book.para('图1　各阶段得分变化', { font: '黑体', size: '小四', line: 20, before: 2, after: 8, align: 'center' });
  return [image, labels, legend, caption];
}

/** 署名 centred over the date (GB/T 9704), the date four characters in from the right. */
function signature(book: StyleBook, vm: GrowthReportViewModel): Paragraph[] {
  const em = pt(BODY_SIZE);
  const dateRight = 4 * em;
  const issuer = vm.issuer || '（盖章）';
  const issuerRight = Math.max(0, Math.round(dateRight + ((textEm(vm.date) - textEm(issuer)) / 2) * em));
  const line = { font: '仿宋' as const, size: '三号' as const, line: LINE, align: 'right' as const };
  return [
    book.para('', line),
    book.para('', line),
    book.para(issuer, { ...line, indent: { right: issuerRight } }),
    book.para(vm.date, { ...line, indent: { right: dateRight } }),
  ];
}

export function growthReportPackage(vm: GrowthReportViewModel): FormPackage {
  const book = new StyleBook();
  const p = (text: string, style: ParaStyle = BODY) => book.para(text, style);
  const body = [
    book.para(vm.title, { font: '小标宋', size: '二号', line: 35, align: 'center' }),
    book.para(vm.subtitle, { font: '楷体', size: '三号', line: LINE, align: 'center' }),
    book.para('', { size: '三号', line: LINE }),
    p(vm.intro),
    p('一、基本情况', H1),
    p(vm.basicInfo),
    p('二、各阶段评分情况', H1),
    p(vm.scoreIntro),
    scoreTable(book, vm),
    ...vm.scoreNotes.map((n, i) => book.para(`${i === 0 ? '注：' : ''}${n}`, { size: '小四', line: 20, before: i === 0 ? 3 : 0, align: 'justify', indent: { left: i === 0 ? 0 : pt(24) } })),
    p('三、成长轨迹', H1),
    // Heading, sentence and chart move together.
    p(vm.chartIntro, { ...BODY, keepNext: true }),
    ...chartBlock(book, vm),
    p('四、各阶段成长情况', H1),
    ...vm.stages.flatMap((s) => [
      p(s.heading, H2),
      ...(s.description ? [p(`本阶段要求：${s.description}`)] : []),
      p(s.achievement),
      ...s.narrative.map((t) => p(t)),
      ...(s.evidence.length ? [p('佐证材料：', { ...BODY, keepNext: true }), ...s.evidence.map((e) => p(e))] : []),
    ]),
    p('五、评价结论', H1),
    ...vm.conclusion.map((t) => p(t)),
    ...signature(book, vm),
  ];
  return {
    title: vm.title,
    page: { margins: MARGINS, footerDistance: mm(21) },
    book,
    footers: officialPageNumberFooters(),
    draft: vm.draft,
    body,
  };
}

/** The 成长评价报告 as a .docx. Pure: reads nothing but the view model. */
export function growthReport(vm: GrowthReportViewModel): Promise<Buffer> {
  return packDocx(growthReportPackage(vm));
}
