import { batchBodyRows, batchGrid, batchHeaderRow, batchTablePackage, type BatchColumn } from './batchTableKit';
import { StyleBook, mm } from './style';
import { packDocx, type FormPackage } from './packDocx';
import type { RosterRowVm, RosterViewModel } from './viewModels/rosterViewModel';

/**
 * 挂职干部花名册: one line per member of a batch on A4 landscape, the header row repeated at the top of every
 * page, rows kept whole (a row never splits across pages), page numbers at the foot.
 */

const COLUMNS: BatchColumn<RosterRowVm>[] = [
  { header: '序号', mm: 9, align: 'center', oneLine: true, value: (r) => [String(r.index)] },
  { header: '姓名', mm: 15, align: 'center', oneLine: true, value: (r) => [r.name] },
  { header: '性别', mm: 8, align: 'center', oneLine: true, value: (r) => [r.gender] },
  { header: '出生\n年月', mm: 18, align: 'center', oneLine: true, value: (r) => [r.birth] },
  { header: '政治\n面貌', mm: 20, align: 'center', value: (r) => [r.politicalStatus] },
  { header: '学历', mm: 13, align: 'center', value: (r) => [r.education] },
  { header: '原单位及职务', mm: 40, align: 'left', value: (r) => [r.original] },
  { header: '挂职单位及职务', mm: 40, align: 'left', value: (r) => [r.host] },
  { header: '挂职时间', mm: 22, align: 'center', value: (r) => [r.period] },
  { header: '联系电话', mm: 26, align: 'center', oneLine: true, value: (r) => [r.phone] },
  { header: '备注', mm: 14, align: 'center', value: (r) => [r.remark] },
];
const GRID = batchGrid(COLUMNS);

const ROW = mm(8);
const HEAD_ROW = mm(11);

/** The roster as a .docx (pure: reads nothing but the view model). */
export function rosterPackage(vm: RosterViewModel): FormPackage {
  const book = new StyleBook();
  const header = batchHeaderRow(
    COLUMNS.map((c) => ({ content: c.header.split('\n').map((l) => book.para(l, { font: '黑体', size: '五号', line: 13, align: 'center' })) })),
    HEAD_ROW,
  );
  const rows = batchBodyRows(book, COLUMNS, GRID, vm.rows, ROW);
  return batchTablePackage(book, vm, GRID, [header, ...rows]);
}

export function rosterForm(vm: RosterViewModel): Promise<Buffer> {
  return packDocx(rosterPackage(vm));
}
