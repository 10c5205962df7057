import { Paragraph } from 'docx';
import { CELL, PAD_H, PAD_V, RowBuilder, VALUE_LADDER, fitted, labelCell as label, photoCell } from './formKit';
import { fitBlocks, lineCount, textEm, type FitBlock, type SizeStep } from './textFit';
import { MARGINS_GBT9704, StyleBook, mm, pt, textHeight, textWidth } from './style';
import { buildTable, gridColumns, spanWidth, type CellSpec, type RowSpec } from './tableKit';
import { packDocx, type FormPackage } from './packDocx';
import type { RenmianViewModel } from './viewModels/renmianViewModel';

/**
 * 干部任免审批表: the national two-page form. Page 1: the personal data grid with the photo, the schooling rows,
 * the three post rows and the tall 简历 cell; page 2: 奖惩情况, 年度考核结果, 任免理由, the family table and the
 * approval blocks. Each text cell is set at the largest size (小四 → 五号 → 小五) that keeps it within its printed
 * height, so a normal file prints on exactly two pages; text that fits at no size makes its row grow ("at least"
 * heights) and continues on the next page instead of being clipped.
 */

const MARGINS = MARGINS_GBT9704;
const WIDTH = textWidth(MARGINS);
const PAGE_HEIGHT = textHeight(MARGINS);
/** Room kept free at the foot of each page for rounding between renderers. */
const SLACK = mm(4);

// Page 1 grid (mm): 标签 | 值 | 标签 | 值 | 标签 | 值 | 照片
const P1 = gridColumns([18, 21, 17, 21, 20, 20, 39], WIDTH);
// Page 2 grid (mm): 标签 | 称谓 | 姓名 | 年龄 | 政治面貌 | 工作单位及职务 (two columns, split for the approval blocks)
const P2 = gridColumns([18, 14, 20, 12, 20, 18, 54], WIDTH);

const TITLE = { size: 22, line: 30, after: 8 };
const ROW_TOP = mm(13); // rows 1–4: four of them hold the 36 × 49 mm photo
const ROW_EDU = mm(14);
const ROW_POST = mm(10);
const ROW_TEXT2 = mm(24); // 奖惩情况 / 年度考核结果 / 任免理由
const ROW_FAMILY = mm(8);
const ROW_FAMILY_HEAD = mm(12);
const FAMILY_ROWS = 7;
const ROW_REPORT = mm(24);
const ROW_APPROVAL_MIN = mm(30);
const FILLER_LINE = { size: 12, line: 16, before: 4 };

const PHOTO_MM = { width: 36, height: 49 };

/** `1985.03（39岁）` on two lines where the cell is too narrow for one, breaking before the age. */
function birthLines(birth: string, width: number): string[] {
  const i = birth.indexOf('（');
  if (i <= 0) return [birth];
  const oneLine = lineCount(birth, VALUE_LADDER[0].size, width - PAD_H) === 1;
  return oneLine ? [birth] : [birth.slice(0, i), birth.slice(i)];
}

const RESUME_LINE_RE = /^(\d{4}\.\d{2}--(?:\d{4}\.\d{2}| {7})?)\s+(.*)$/;
/** Room for `2003.09--2007.07` and a gap, in em of the 简历's size. */
const RESUME_TAB_EM = textEm('0000.00--0000.00') + 0.6;

interface ResumeLine {
  period: string;
  text: string;
}

function splitResumeLine(line: string): ResumeLine {
  const m = RESUME_LINE_RE.exec(line);
  if (m) return { period: m[1].trimEnd(), text: m[2] };
  return { period: '', text: line };
}

/** 简历: the period, a tab, then the text; continuation lines hang under the text (as on the printed form). */
function resumeCell(book: StyleBook, lines: readonly string[], width: number, height: number): { cell: CellSpec; height: number } {
  const top = mm(2);
  const box = { w: width - PAD_H, h: height - top - CELL.bottom };
  const parsed = lines.map(splitResumeLine);
  // The indent depends on the size: fit each step with its own indent.
  let chosen: { step: SizeStep; lines: number; fits: boolean } | null = null;
  for (const step of VALUE_LADDER) {
    const indent = Math.round(RESUME_TAB_EM * pt(step.size));
    const blocks: FitBlock[] = parsed.map((l) => ({ text: l.text, indentTwips: indent }));
    const fit = fitBlocks(blocks, box.w, box.h, [step]);
    chosen = { step, lines: fit.lines, fits: fit.fits };
    if (fit.fits) break;
  }
  const { step } = chosen!;
  const indent = Math.round(RESUME_TAB_EM * pt(step.size));
  const style = { size: step.size, line: step.line, indent: { left: indent, hanging: indent }, tab: indent };
  const paragraphs = parsed.map((l) => book.para(`${l.period}\t${l.text}`, style));
  return {
    cell: { content: paragraphs.length ? paragraphs : [book.para('')], span: 6, vAlign: 'top', margins: { top } },
    height: Math.max(height, chosen!.lines * pt(step.line) + top + CELL.bottom),
  };
}

function page1(book: StyleBook, vm: RenmianViewModel): { title: Paragraph; rows: RowSpec[] } {
  const title = book.para('干部任免审批表', { font: '小标宋', size: TITLE.size, line: TITLE.line, after: TITLE.after, align: 'center' });
  const r1 = new RowBuilder(book, P1, ROW_TOP)
    .label('姓　名')
    .value(vm.name)
    .label('性　别')
    .value(vm.gender)
    .label('出生年月\n（　岁）')
    .value(birthLines(vm.birth, P1[5]))
    .cell(photoCell(book, vm.photo, PHOTO_MM, 4));
  const r2 = new RowBuilder(book, P1, ROW_TOP).label('民　族').value(vm.nation).label('籍　贯').value(vm.nativePlace).label('出生地').value(vm.birthPlace);
  const r3 = new RowBuilder(book, P1, ROW_TOP).label('入　党\n时　间').value(vm.partyJoin).label('参加工\n作时间').value(vm.workStart).label('健　康\n状　况').value(vm.health);
  const r4 = new RowBuilder(book, P1, ROW_TOP).label('专业技\n术职务').value(vm.techTitle, 2).label('熟悉专业\n有何专长').value(vm.expertise, 2);
  const ft = vm.fullTime;
  const pt_ = vm.partTime;
  const r5 = new RowBuilder(book, P1, ROW_EDU)
    .label('学　历\n学　位', 1, { rowSpan: 2 })
    .label('全日制\n教　育')
    .value(ft.credentials, 2)
    .label('毕业院校\n系及专业')
    .value(ft.schools, 2, 'left');
  const r6 = new RowBuilder(book, P1, ROW_EDU, 1).label('在　职\n教　育').value(pt_.credentials, 2).label('毕业院校\n系及专业').value(pt_.schools, 2, 'left');
  const posts = [
    ['现 任 职 务', vm.currentPosition],
    ['拟 任 职 务', vm.proposedPosition],
    ['拟 免 职 务', vm.proposedRemoval],
  ].map(([l, v]) => new RowBuilder(book, P1, ROW_POST).label(l, 2).value(v, 5, 'left'));

  // The 简历 cell takes what is left of the page.
  const used =
    pt(TITLE.line + TITLE.after) +
    Math.max(r1.height + r2.height + r3.height + r4.height, mm(PHOTO_MM.height) + PAD_V) +
    r5.height +
    r6.height +
    posts.reduce((n, r) => n + r.height, 0);
  const resumeHeight = Math.max(mm(60), PAGE_HEIGHT - used - SLACK);
  const resume = resumeCell(book, vm.resumeLines, spanWidth(P1, 1, 6), resumeHeight);
  const resumeRow: RowSpec = {
    cells: [label(book, '简\n\n\n\n历', P1, 0, 1, resumeHeight), resume.cell],
    minHeight: resumeHeight,
  };
  return { title, rows: [r1.row(), r2.row(), r3.row(), r4.row(), r5.row(), r6.row(), ...posts.map((p) => p.row()), resumeRow] };
}

/** A tall text cell of page 2 (奖惩情况 …): left-aligned from the top, fitted to the row. */
function textRow(book: StyleBook, labelText: string, text: string, minHeight: number): { row: RowSpec; height: number } {
  const lines = text.split(/\r?\n/);
  const width = spanWidth(P2, 1, 6);
  const top = mm(1.5);
  const f = fitBlocks(lines.map((t) => ({ text: t })), width - PAD_H, minHeight - top - CELL.bottom, VALUE_LADDER);
  const height = Math.max(minHeight, f.lines * pt(f.line) + top + CELL.bottom);
  const paragraphs = lines.map((t) => book.para(t, { size: f.size, line: f.line }));
  return {
    row: { cells: [label(book, labelText, P2, 0, 1, minHeight), { content: paragraphs, span: 6, vAlign: 'top', margins: { top } }], minHeight: height },
    height,
  };
}

function sealBlock(book: StyleBook, date: string): Paragraph[] {
  const right = { align: 'right' as const, indent: { right: mm(6) }, line: 18 };
  return [book.para('（盖章）', right), book.para(date || '年　　月　　日', right)];
}

function page2(book: StyleBook, vm: RenmianViewModel): { rows: RowSpec[]; filler: Paragraph; breakPara: Paragraph } {
  const texts = [
    textRow(book, '奖　惩\n情　况', vm.rewards, ROW_TEXT2),
    textRow(book, '年度考\n核结果', vm.annualAssessment, ROW_TEXT2),
    textRow(book, '任　免\n理　由', vm.appointmentReason, ROW_TEXT2),
  ];
  const members = vm.family.length;
  const familyCount = Math.max(FAMILY_ROWS, members);
  const head = new RowBuilder(book, P2, ROW_FAMILY_HEAD, 1).label('称谓').label('姓　名').label('年龄').label('政治\n面貌').label('工作单位及职务', 2);
  const familyLabel = label(book, '家庭\n主要\n成员\n及重\n要社\n会关\n系', P2, 0, 1, ROW_FAMILY_HEAD + familyCount * ROW_FAMILY, { rowSpan: familyCount + 1 });
  head.cells.unshift(familyLabel);
  const familyRows = Array.from({ length: familyCount }, (_, i) => {
    const f = vm.family[i];
    return new RowBuilder(book, P2, ROW_FAMILY, 1)
      .value(f?.relation ?? '')
      .value(f?.name ?? '')
      .value(f?.age ?? '')
      .value(f?.politicalStatus ?? '')
      .value(f?.workUnitAndPost ?? '', 2, 'left');
  });

  const reportWidth = spanWidth(P2, 1, 6);
  const unit = fitted(book, [vm.reportingUnit], reportWidth, mm(10), 'left');
  const report: RowSpec = {
    cells: [label(book, '呈　报\n单　位', P2, 0, 1, ROW_REPORT), { content: [...unit.paragraphs, book.para('', { line: 12 }), ...sealBlock(book, vm.fillDate)], span: 6 }],
    minHeight: ROW_REPORT,
    cantSplit: true,
  };

  const filler = book.para(`填表人：${vm.formFiller}`, { size: FILLER_LINE.size, line: FILLER_LINE.line, before: FILLER_LINE.before });
  const breakPara = new Paragraph({ children: [], pageBreakBefore: true, spacing: { before: 0, after: 0, line: 20, lineRule: 'exact' } });

  const used =
    20 +
    texts.reduce((n, t) => n + t.height, 0) +
    head.height +
    familyRows.reduce((n, r) => n + r.height, 0) +
    ROW_REPORT +
    pt(FILLER_LINE.line + FILLER_LINE.before);
  const approvalHeight = Math.max(ROW_APPROVAL_MIN, PAGE_HEIGHT - used - SLACK);
  const approval: RowSpec = {
    cells: [
      label(book, '审　批\n机　关\n意　见', P2, 0, 1, approvalHeight),
      { content: sealBlock(book, ''), span: 4, vAlign: 'bottom', margins: { bottom: mm(3) } },
      label(book, '行政机\n关任免\n意　见', P2, 5, 1, approvalHeight),
      { content: sealBlock(book, ''), span: 1, vAlign: 'bottom', margins: { bottom: mm(3) } },
    ],
    minHeight: approvalHeight,
    cantSplit: true,
  };
  return {
    rows: [...texts.map((t) => t.row), head.row(), ...familyRows.map((r) => r.row()), report, approval],
    filler,
    breakPara,
  };
}

/** The 干部任免审批表 laid out: its styles and body, ready to pack. */
export function renmianPackage(vm: RenmianViewModel): FormPackage {
  const book = new StyleBook();
  const p1 = page1(book, vm);
  const p2 = page2(book, vm);
  return {
    title: `干部任免审批表（${vm.name}）`,
    page: { margins: MARGINS },
    book,
    body: [p1.title, buildTable({ columns: P1, rows: p1.rows }), p2.breakPara, buildTable({ columns: P2, rows: p2.rows }), p2.filler],
  };
}

/** The 干部任免审批表 as a .docx. Pure: reads nothing but the view model. */
export function renmianForm(vm: RenmianViewModel): Promise<Buffer> {
  return packDocx(renmianPackage(vm));
}
