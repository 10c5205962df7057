import { BATCH_LADDER, BATCH_WIDTH, batchBodyRows, batchCell, batchGrid, batchHeaderRow, batchTablePackage, columnStep, type BatchColumn } from './batchTableKit';
import { PAD_H } from './formKit';
import { packDocx, type FormPackage } from './packDocx';
import { StyleBook, mm, pt } from './style';
import type { CellSpec, RowSpec } from './tableKit';
import { fitBlocks } from './textFit';
import { AMOUNT_COLUMNS, type SummaryRowVm, type SummaryViewModel } from './viewModels/summaryViewModel';

/**
 * 工作实绩及考核汇总表: one line per member of a batch on A4 landscape — grades, days on post, the results totals
 * that matter most (签约资金, 消费帮扶, 项目投资, in 万元) and the rest in words, the growth stage reached — with a
 * 合计 line, the header row repeated on every page, rows kept whole, page numbers at the foot.
 */

export type SummaryColumn = BatchColumn<SummaryRowVm>;

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
  // Money right-aligned, every amount of the table at one precision (the view model's), so the digits line up.
  ...AMOUNT_COLUMNS.map((c, k): SummaryColumn => ({ header: c.header, mm: 18, align: 'right', oneLine: true, value: (r) => [r.amounts[k]] })),
  { header: '其他工作实绩', mm: 30, align: 'left', value: (r) => r.others },
  { header: '成长阶段', mm: 22, align: 'center', oneLine: true, value: (r) => breakAtBracket([r.stage]) },
];
const COLUMNS = SUMMARY_COLUMNS;
const GRID = batchGrid(COLUMNS);

const ROW = mm(9);
const HEAD_ROW = mm(12);


/** The summary laid out (pure: reads nothing but the view model). */
export function summaryPackage(vm: SummaryViewModel): FormPackage {
  const book = new StyleBook();
  const head = (text: string, width = BATCH_WIDTH, keepNext = false) => {
    const lines = text.split('\n');
    const fit = fitBlocks(lines.map((l) => ({ text: l })), width - PAD_H, lines.length * pt(BATCH_LADDER[0].line) + 1, BATCH_LADDER);
    return lines.map((l) => book.para(l, { font: '黑体', size: fit.size, line: fit.line, align: 'center', ...(keepNext ? { keepNext } : {}) }));
  };
  const header = batchHeaderRow(
    COLUMNS.map((c, i) => ({ content: head(c.header, GRID[i]) })),
    HEAD_ROW,
  );
  // The money columns at one size each (the size their longest amount, the 合计 included, fits at).
  const amountsAt = COLUMNS.findIndex((c) => c.header === AMOUNT_COLUMNS[0].header);
  const columns = COLUMNS.map((c, i): SummaryColumn => {
    const k = i - amountsAt;
    if (k < 0 || k >= AMOUNT_COLUMNS.length) return c;
    return { ...c, step: columnStep([...vm.rows.map((r) => r.amounts[k]), vm.totals[k]], GRID[i]) };
  });
  const cell = (lines: string[], col: number, keepNext = false): CellSpec => batchCell(book, lines, GRID[col], columns[col], keepNext);
  const rows = batchBodyRows(book, columns, GRID, vm.rows, ROW);
  // 合计 stays with the rows above it (they keep with it) and with the line under the table (it keeps with that).
  const total: RowSpec = {
    cells: [
      { content: head('合　计', BATCH_WIDTH, true), span: amountsAt },
      ...vm.totals.map((t, k) => cell([t], amountsAt + k, true)),
      { content: [book.para('', { keepNext: true })], span: COLUMNS.length - amountsAt - vm.totals.length },
    ],
    minHeight: ROW,
    cantSplit: true,
  };
  return batchTablePackage(book, vm, GRID, [header, ...rows, total], () => [
    book.para('注：年度考核、期满考核等次为已审核结果，“待审核”为已提交尚未审核；成长阶段为最近一次完成评分的成长评价所达到的阶段。', {
      size: '小五',
      line: 14,
      before: 3,
    }),
  ]);
}

export function summaryForm(vm: SummaryViewModel): Promise<Buffer> {
  return packDocx(summaryPackage(vm));
}
