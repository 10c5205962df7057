import { MARGINS_LANDSCAPE, StyleBook, mm, pageNumberFooter, pt, textWidth, type Align } from './style';
import { DEFAULT_CELL_MARGINS, buildTable, gridColumns, type CellSpec, type RowSpec } from './tableKit';
import { fitBlocks, type SizeStep } from './textFit';
import { packDocx, type FormPackage } from './packDocx';
import type { RosterRowVm, RosterViewModel } from './viewModels/rosterViewModel';

/**
 * 挂职干部花名册: one line per member of a batch on A4 landscape, the header row repeated at the top of every
 * page, rows kept whole (a row never splits across pages), page numbers at the foot.
 */

const MARGINS = MARGINS_LANDSCAPE;
const WIDTH = textWidth(MARGINS, 'landscape');

interface Column {
  header: string;
  mm: number;
  align: Align;
  /** Dates, numbers and names must not wrap: they shrink to stay on one line. */
  oneLine?: boolean;
  value: (r: RosterRowVm) => string;
}

const COLUMNS: Column[] = [
  { header: '序号', mm: 9, align: 'center', oneLine: true, value: (r) => String(r.index) },
  { header: '姓名', mm: 15, align: 'center', oneLine: true, value: (r) => r.name },
  { header: '性别', mm: 8, align: 'center', oneLine: true, value: (r) => r.gender },
  { header: '出生\n年月', mm: 18, align: 'center', oneLine: true, value: (r) => r.birth },
  { header: '政治\n面貌', mm: 20, align: 'center', value: (r) => r.politicalStatus },
  { header: '学历', mm: 13, align: 'center', value: (r) => r.education },
  { header: '原单位及职务', mm: 40, align: 'left', value: (r) => r.original },
  { header: '挂职单位及职务', mm: 40, align: 'left', value: (r) => r.host },
  { header: '挂职时间', mm: 22, align: 'center', value: (r) => r.period },
  { header: '联系电话', mm: 26, align: 'center', oneLine: true, value: (r) => r.phone },
  { header: '备注', mm: 14, align: 'center', value: (r) => r.remark },
];
const GRID = gridColumns(
  COLUMNS.map((c) => c.mm),
  WIDTH,
);

const ROW = mm(8);
const HEAD_ROW = mm(11);
const LADDER: readonly SizeStep[] = [
  { size: 10.5, line: 13 },
  { size: 9, line: 11.5 },
];
const PAD_H = DEFAULT_CELL_MARGINS.left + DEFAULT_CELL_MARGINS.right;
const PAD_V = DEFAULT_CELL_MARGINS.top + DEFAULT_CELL_MARGINS.bottom;

function cell(book: StyleBook, text: string, col: number): CellSpec {
  // Rows grow with their text; the size only shrinks to keep a long unit name to two lines (one for dates).
  const c = COLUMNS[col];
  const fit = fitBlocks([{ text }], GRID[col] - PAD_H, (c.oneLine ? 1 : 2) * pt(LADDER[0].line) + 1, LADDER);
  return { content: [book.para(text, { size: fit.size, line: fit.line, align: c.align })] };
}

/** The roster as a .docx (pure: reads nothing but the view model). */
export function rosterPackage(vm: RosterViewModel): FormPackage {
  const book = new StyleBook();
  const header: RowSpec = {
    cells: COLUMNS.map((c) => ({ content: c.header.split('\n').map((l) => book.para(l, { font: '黑体', size: '五号', line: 13, align: 'center' })) })),
    minHeight: Math.max(HEAD_ROW, 2 * pt(13) + PAD_V),
    header: true,
    cantSplit: true,
  };
  const rows: RowSpec[] = vm.rows.map((r) => ({
    cells: COLUMNS.map((c, i) => cell(book, c.value(r), i)),
    minHeight: ROW,
    cantSplit: true,
  }));
  return {
    title: vm.title,
    page: { orientation: 'landscape', margins: MARGINS },
    book,
    footer: pageNumberFooter(),
    body: [
      book.para(vm.title, { font: '小标宋', size: '小二', line: 28, after: 4, align: 'center' }),
      book.para(vm.subtitle, { size: '小四', line: 18, after: 2, align: 'center' }),
      book.para(`制表日期：${vm.madeOn}`, { size: '五号', line: 16, after: 4, align: 'right' }),
      buildTable({ columns: GRID, rows: [header, ...rows] }),
    ],
  };
}

export function rosterForm(vm: RosterViewModel): Promise<Buffer> {
  return packDocx(rosterPackage(vm));
}
