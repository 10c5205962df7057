import { CELL, LABEL_LADDER, PAD_H, PAD_V, RowBuilder, SEAL_CLOSING, photoCell, textSections } from './formKit';
import { packDocx, type FormPackage } from './packDocx';
import { MARGINS_GBT9704, StyleBook, mm, pt, textHeight, textWidth, type Align } from './style';
import { buildTable, gridColumns, spanWidth, type CellSpec, type RowSpec } from './tableKit';
import { fitBlocks, type SizeStep } from './textFit';
import type { AppraisalViewModel } from './viewModels/appraisalViewModel';

/**
 * 挂职干部考核鉴定表: page 1 holds the personal data with the photo, the posting, and 挂职期间主要表现 (the cadre's
 * own summary, signed and dated) filling the rest of the page; page 2 the work results, the 民主测评 votes and rates,
 * the grade, and the three opinions (挂职单位, 派出单位, 组织部门), each closing with （盖章） and a date line.
 * One table over one grid, so the sections line up; rows are "at least" their height, so a long summary or opinion
 * carries on to the next page whole instead of being clipped.
 */

const MARGINS = MARGINS_GBT9704;
const WIDTH = textWidth(MARGINS);
const PAGE_HEIGHT = textHeight(MARGINS);
/** Room kept free at the foot of each page for rounding between renderers. */
const SLACK = mm(5);

// Grid (mm): 标签 | 值 | 标签 | 值 | 标签 | 值 | 照片
const GRID = gridColumns([20, 22, 18, 22, 20, 22, 32], WIDTH);
const BODY = spanWidth(GRID, 1, 6);

const TITLE = { size: 22, line: 30, after: 8 };
const ROW = mm(11);
const PHOTO_MM = { width: 30, height: 40 };
const VOTE_ROW = mm(9);
const GRADE_ROW = mm(12);
const SUMMARY_MIN = mm(70);
const RESULTS_MIN = mm(28);
const OPINION_MIN = mm(36);

/** Prose: 小四 at 1.5 lines, then 五号. Smaller would be hard to read; a long text goes on to the next page instead. */
const PROSE: readonly SizeStep[] = [
  { size: 12, line: 18 },
  { size: 10.5, line: 15 },
];
const LIST: readonly SizeStep[] = [{ size: 12, line: 16 }];

/**
 * The form's labels, all at one size: each label cell is made empty and filled in at the end with the largest
 * size at which every label of the form fits its cell (so 姓名 and 原单位及职务 do not differ in size).
 */
class Labels {
  private readonly pending: { cell: CellSpec; lines: string[]; width: number; height: number }[] = [];
  constructor(private readonly book: StyleBook) {}

  /** A label cell over grid columns `start`…`start + span − 1` in a row at least `minHeight` tall. */
  cell(text: string, start: number, span: number, minHeight: number, extra: Partial<CellSpec> = {}): CellSpec {
    const cell: CellSpec = { content: [], span, ...extra };
    this.pending.push({ cell, lines: text.split('\n'), width: spanWidth(GRID, start, span), height: minHeight });
    return cell;
  }

  /** The size every label is set at: the largest step at which all of them fit. */
  step(): SizeStep {
    const fitsAll = (step: SizeStep) => this.pending.every((l) => fitBlocks(l.lines.map((text) => ({ text })), l.width - PAD_H, l.height - PAD_V, [step]).fits);
    return LABEL_LADDER.find(fitsAll) ?? LABEL_LADDER[LABEL_LADDER.length - 1];
  }

  /** Sets every label at the one size; call once all rows are made. */
  finish(): SizeStep {
    const step = this.step();
    for (const l of this.pending) l.cell.content = l.lines.map((t) => this.book.para(t, { size: step.size, line: step.line, align: 'center' }));
    return step;
  }
}

/** Rows of label/value cells, the labels through `labels` (one size for the whole form). */
class Row extends RowBuilder {
  private at: number;
  constructor(
    book: StyleBook,
    private readonly labels: Labels,
    minHeight: number,
    startCol = 0,
  ) {
    super(book, GRID, minHeight, startCol);
    this.at = startCol;
  }

  override label(text: string, span = 1, extra: Partial<CellSpec> = {}): this {
    return this.cell(this.labels.cell(text, this.at, span, this.minHeight, extra));
  }

  override cell(spec: CellSpec): this {
    this.at += spec.span ?? 1;
    return super.cell(spec);
  }

  override value(lines: string | readonly string[], span = 1, align: Align = 'center', extra: Partial<CellSpec> = {}): this {
    this.at += span;
    return super.value(lines, span, align, extra);
  }
}

function basicRows(book: StyleBook, labels: Labels, vm: AppraisalViewModel): { rows: RowSpec[]; height: number } {
  const row = () => new Row(book, labels, ROW);
  const rows = [
    row().label('姓　名').value(vm.name).label('性　别').value(vm.gender).label('出生年月').value(vm.birth).cell(photoCell(book, vm.photo, PHOTO_MM, 4)),
    row().label('民　族').value(vm.nation).label('政治\n面貌').value(vm.politicalStatus).label('学　历').value(vm.education),
    row().label('原单位\n及职务').value(vm.originalPost, 5, 'left'),
    row().label('挂职单位\n及职务').value(vm.hostPost, 5, 'left'),
    row().label('挂职\n时间').value(vm.term, 3).label('所在\n批次').value(vm.batchName, 2),
    row().label('年度\n考核').value(vm.annual, 3).label('在岗\n情况').value(vm.onPost, 2),
  ];
  const photoRows = rows.slice(0, 4).reduce((n, r) => n + r.height, 0);
  const height = Math.max(photoRows, mm(PHOTO_MM.height) + PAD_V) + rows.slice(4).reduce((n, r) => n + r.height, 0);
  return { rows: rows.map((r) => r.row()), height };
}

/**
 * A tall section: the label on the left, the text with its closing block on the right; a text longer than
 * `firstBox` continues in further rows (labelled 续) on the next pages.
 */
function section(
  book: StyleBook,
  labels: Labels,
  label: string,
  paragraphs: readonly string[],
  closing: Parameters<typeof textSections>[2],
  minHeight: number,
  firstBox = PAGE_HEIGHT - SLACK,
  ladder = PROSE,
): { rows: RowSpec[]; height: number; parts: number } {
  const parts = textSections(book, paragraphs, closing, { width: BODY, minHeight, firstBox, nextBox: PAGE_HEIGHT - SLACK, ladder });
  const rows = parts.map((p) => ({
    cells: [
      labels.cell(p.continued ? `${label}\n（续）` : label, 0, 1, Math.min(p.height, minHeight)),
      { content: p.content, span: 6, vAlign: 'top' as const, margins: { top: mm(2) } },
    ],
    minHeight: p.height,
    cantSplit: p.cantSplit,
  }));
  return { rows, height: parts.reduce((n, p) => n + p.height, 0), parts: parts.length };
}

/** Label/value pairs per 民主测评 row: the grid's six columns right of the section label. */
const VOTE_PAIRS_PER_ROW = 3;

/**
 * 民主测评: the vote cells (VOTE_COLUMNS in order, then 有效票) three pairs a row, so a grade added there adds a
 * cell (and a row when needed) instead of shifting the others; then the rates and the date.
 */
function voteRows(book: StyleBook, labels: Labels, vm: AppraisalViewModel): RowSpec[] {
  const pairs = (cells: readonly { label: string; value: string }[]) => {
    const b = new Row(book, labels, VOTE_ROW, 1);
    for (const c of cells) b.label(c.label).value(c.value);
    // A short last row is closed with one blank cell, so the table stays rectangular.
    const left = (VOTE_PAIRS_PER_ROW - cells.length) * 2;
    if (left > 0) b.value('', left);
    return b;
  };
  const builders: Row[] = [];
  for (let i = 0; i < vm.votes.length; i += VOTE_PAIRS_PER_ROW) builders.push(pairs(vm.votes.slice(i, i + VOTE_PAIRS_PER_ROW)));
  builders.push(
    pairs([
      { label: '优秀率', value: vm.excellentRate },
      { label: '称职以上率', value: vm.competentRate },
      { label: '考核日期', value: vm.assessmentDate },
    ]),
  );
  const height = builders.reduce((n, b) => n + b.height, 0);
  builders[0].cells.unshift(labels.cell('民主\n测评', 0, 1, height, { rowSpan: builders.length }));
  return builders.map((b) => b.row());
}

/** The 考核鉴定表 laid out: its styles and body, ready to pack. */
export function appraisalPackage(vm: AppraisalViewModel): FormPackage {
  const book = new StyleBook();
  const labels = new Labels(book);
  const title = book.para('挂职干部考核鉴定表', { font: '小标宋', size: TITLE.size, line: TITLE.line, after: TITLE.after, align: 'center' });
  const basic = basicRows(book, labels, vm);

  // 主要表现 takes the rest of page 1.
  const page1Left = PAGE_HEIGHT - pt(TITLE.line + TITLE.after) - basic.height - SLACK;
  const summaryBox = Math.max(SUMMARY_MIN, page1Left);
  const summary = section(
    book,
    labels,
    '挂职\n期间\n主要\n表现',
    vm.selfSummary,
    [{ text: '本人签名：　　　　　　　　　　年　　月　　日', align: 'right', indentRight: mm(6) }],
    summaryBox,
    summaryBox,
  );
  const summaryFits = summary.parts === 1;

  const results = section(book, labels, '工作\n实绩', vm.results, [], RESULTS_MIN, undefined, LIST);
  const votes = voteRows(book, labels, vm);
  const voteHeight = votes.reduce((n, r) => n + (r.minHeight ?? 0), 0);
  const grade = new Row(book, labels, GRADE_ROW).label('考核\n等次').value(vm.finalGrade, 6, 'left', { margins: { left: mm(4) } });

  // The three opinions share what is left of page 2 (when page 1 held the summary): 4 : 3 : 3.
  const page2Left = PAGE_HEIGHT - results.height - voteHeight - grade.height - SLACK;
  const share = summaryFits ? Math.max(3 * OPINION_MIN, page2Left) : 3 * OPINION_MIN;
  const opinions = [
    section(book, labels, '挂职\n单位\n鉴定\n意见', vm.hostOpinion, SEAL_CLOSING, Math.max(OPINION_MIN, Math.floor(share * 0.4))),
    section(book, labels, '派出\n单位\n意见', vm.dispatchOpinion, SEAL_CLOSING, Math.max(OPINION_MIN, Math.floor(share * 0.3))),
    section(book, labels, '组织\n部门\n意见', vm.orgOpinion, SEAL_CLOSING, Math.max(OPINION_MIN, Math.floor(share * 0.3))),
  ];

  labels.finish();
  const rows: RowSpec[] = [...basic.rows, ...summary.rows, ...results.rows, ...votes, grade.row(), ...opinions.flatMap((o) => o.rows)];
  return {
    title: `挂职干部考核鉴定表（${vm.name}）`,
    page: { margins: MARGINS },
    book,
    draft: vm.draft,
    // A document ends with a paragraph (Word adds one after a final table anyway): a 1 pt one needs no room.
    body: [title, buildTable({ columns: GRID, rows, cellMargins: CELL }), book.para('', { line: 1 })],
  };
}

/** The 挂职干部考核鉴定表 as a .docx. Pure: reads nothing but the view model. */
export function appraisalForm(vm: AppraisalViewModel): Promise<Buffer> {
  return packDocx(appraisalPackage(vm));
}
