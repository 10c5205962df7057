import { packDocx, type FormPackage } from './packDocx';
import { MARGINS_LANDSCAPE, StyleBook, mm, pageNumberFooter, pt, textWidth, type Align } from './style';
import { DEFAULT_CELL_MARGINS, buildTable, gridColumns, type CellSpec, type RowSpec } from './tableKit';
import { fitBlocks, type SizeStep } from './textFit';
import { AMOUNT_COLUMNS, type SummaryRowVm, type SummaryViewModel } from './viewModels/summaryViewModel';

/**
 * 工作实绩及考核汇总表: one line per member of a batch on A4 landscape — grades, days on post, the results totals
 * that matter most (签约资金, 消费帮扶, 项目投资, in 万元) and the rest in words, the growth stage reached — with a
 * 合计 line, the header row repeated on every page, rows kept whole, page numbers at the foot.
 */

const MARGINS = MARGINS_LANDSCAPE;
const WIDTH = textWidth(MARGINS, 'landscape');

export interface SummaryColumn {
  header: string;
  mm: number;
  align: Align;
  /** Names, days and amounts must not wrap: they shrink to stay on one line. */
  oneLine?: boolean;
  value: (r: SummaryRowVm) => string[];
}

/** `2026年度称职（待审核）` → two lines, breaking before the bracket (narrow columns wrap badly otherwise). */
const breakAtBracket = (lines: readonly string[]) =>
  lines.flatMap((l) => {
    const i = l.indexOf('（');
    return i > 0 ? [l.slice(0, i), l.slice(i)] : [l];
  });

export const SUMMARY_COLUMNS: readonly SummaryColumn[] = [
  { header: '序号', mm: 8, align: 'center', oneLine: true, value: (r) => [String(r.index)] },
  { header: '姓名', mm: 15, align: 'center', oneLine: true, value: (r) => [r.name] },
  { header: '挂职单位及职务', mm: 38, align: 'left', value: (r) => [r.host] },
  { header: '年度考核', mm: 25, align: 'center', oneLine: true, value: (r) => breakAtBracket(r.annual) },
  { header: '期满考核\n等次', mm: 16, align: 'center', oneLine: true, value: (r) => breakAtBracket([r.termGrade]) },
  { header: '在岗天数\n（比例）', mm: 17, align: 'center', oneLine: true, value: (r) => [r.onPostDays, r.onPostRatio].filter(Boolean) },
  ...AMOUNT_COLUMNS.map((c, k): SummaryColumn => ({ header: c.header, mm: 18, align: 'center', oneLine: true, value: (r) => [r.amounts[k]] })),
  { header: '其他工作实绩', mm: 30, align: 'left', value: (r) => r.others },
  { header: '成长阶段', mm: 22, align: 'center', oneLine: true, value: (r) => breakAtBracket([r.stage]) },
];
const COLUMNS = SUMMARY_COLUMNS;
const GRID = gridColumns(
  COLUMNS.map((c) => c.mm),
  WIDTH,
);

const ROW = mm(9);
const HEAD_ROW = mm(12);
const LADDER: readonly SizeStep[] = [
  { size: 10.5, line: 13 },
  { size: 9, line: 11.5 },
];
const PAD_H = DEFAULT_CELL_MARGINS.left + DEFAULT_CELL_MARGINS.right;
const PAD_V = DEFAULT_CELL_MARGINS.top + DEFAULT_CELL_MARGINS.bottom;

function cell(book: StyleBook, lines: string[], col: number): CellSpec {
  // Rows grow with their text; one-line columns shrink a long value rather than wrap it.
  const c = COLUMNS[col];
  const texts = lines.length ? lines : [''];
  const fit = fitBlocks(
    texts.map((text) => ({ text })),
    GRID[col] - PAD_H,
    (c.oneLine ? texts.length : Math.max(2, texts.length)) * pt(LADDER[0].line) + 1,
    LADDER,
  );
  return { content: texts.map((t) => book.para(t, { size: fit.size, line: fit.line, align: c.align })) };
}

/** The summary laid out (pure: reads nothing but the view model). */
export function summaryPackage(vm: SummaryViewModel): FormPackage {
  const book = new StyleBook();
  const head = (text: string, width = WIDTH) => {
    const lines = text.split('\n');
    const fit = fitBlocks(lines.map((l) => ({ text: l })), width - PAD_H, lines.length * pt(LADDER[0].line) + 1, LADDER);
    return lines.map((l) => book.para(l, { font: '黑体', size: fit.size, line: fit.line, align: 'center' }));
  };
  const header: RowSpec = {
    cells: COLUMNS.map((c, i) => ({ content: head(c.header, GRID[i]) })),
    minHeight: Math.max(HEAD_ROW, 2 * pt(13) + PAD_V),
    header: true,
    cantSplit: true,
  };
  const rows: RowSpec[] = vm.rows.map((r) => ({
    cells: COLUMNS.map((c, i) => cell(book, c.value(r), i)),
    minHeight: ROW,
    cantSplit: true,
  }));
  const amountsAt = COLUMNS.findIndex((c) => c.header === AMOUNT_COLUMNS[0].header);
  const total: RowSpec = {
    cells: [
      { content: head('合　计'), span: amountsAt },
      ...vm.totals.map((t, k) => cell(book, [t], amountsAt + k)),
      { content: [book.para('')], span: COLUMNS.length - amountsAt - vm.totals.length },
    ],
    minHeight: ROW,
    cantSplit: true,
  };
  return {
    title: vm.title,
    page: { orientation: 'landscape', margins: MARGINS },
    book,
    footer: pageNumberFooter(),
    body: [
      book.para(vm.title, { font: '小标宋', size: '小二', line: 28, after: 4, align: 'center' }),
      book.para(vm.subtitle, { size: '小四', line: 18, after: 2, align: 'center' }),
      book.para(`制表日期：${vm.madeOn}`, { size: '五号', line: 16, after: 4, align: 'right' }),
      buildTable({ columns: GRID, rows: [header, ...rows, total] }),
      book.para('注：年度考核、期满考核等次为已审核结果，“待审核”为已提交尚未审核；成长阶段为最近一次完成评分的成长评价所达到的阶段。', {
        size: '小五',
        line: 14,
        before: 3,
      }),
    ],
  };
}

export function summaryForm(vm: SummaryViewModel): Promise<Buffer> {
  return packDocx(summaryPackage(vm));
}
