import { Paragraph } from 'docx';
import { CELL, PAD_H, PAD_V, photoCell } from './formKit';
import { CELL_LADDER, MeasuredText, TEXT_LADDER, textEm, type SizeStep } from './textFit';
import { MARGINS_GBT9704, StyleBook, mm, pt, textHeight, textWidth, type Align, type ParaStyle } from './style';
import { buildTable, gridColumns, spanWidth, type CellSpec, type RowSpec } from './tableKit';
import { packDocx, type FormPackage } from './packDocx';
import type { RenmianViewModel } from './viewModels/renmianViewModel';

/**
 * 干部任免审批表: the national two-page form. Page 1: the personal data grid with the photo, the schooling rows,
 * the three post rows and the tall 简历 cell; page 2: 奖惩情况, 年度考核结果, 任免理由, the family table, 呈报单位
 * and the approval blocks.
 *
 * The form stays on exactly two pages, as the national form editor keeps it: every block (the grid's values, the
 * schooling rows, the post rows, 简历, page 2's text blocks, the family table) is set at one size, the largest of
 * its ladder that lets the whole page fit — fonts shrink to a legible floor (7.5 pt for the tall text blocks, 9 pt
 * for the cells), then lines tighten. Page 2's text blocks share what the family table leaves them. Only text that
 * fits at no size goes on, clearly labelled, on a continuation sheet (干部任免审批表（续）) after page 2, and the
 * package says so in `warnings`. Heights come from an estimate of the line breaks (textFit), never a rendering.
 */

const MARGINS = MARGINS_GBT9704;
const WIDTH = textWidth(MARGINS);
const PAGE_HEIGHT = textHeight(MARGINS);
/** Room kept free at the foot of each page for rounding between renderers. */
const SLACK = mm(3);
/** The rules between rows take room of their own in LibreOffice (½ pt each, 1 pt at the table's top and foot). */
const ROW_RULE = pt(0.5);
const TABLE_RULES = pt(1.5);
const rules = (rows: number): number => rows * ROW_RULE + TABLE_RULES;

// Page 1 grid (mm): 标签 | 值 | 标签 | 值 | 标签 | 值 | 照片
const P1 = gridColumns([18, 22, 17, 20, 20, 20, 39], WIDTH);
// Page 2 grid (mm): 标签 | 称谓 | 姓名 | 年龄 | 政治面貌 | 工作单位及职务 (two columns, split for the approval blocks)
const P2 = gridColumns([18, 13, 22, 12, 20, 17, 54], WIDTH);
// Continuation sheet: 标签 | 内容
const PC = gridColumns([18, 138], WIDTH);

const TITLE = { size: 22, line: 30, after: 8 };
const CONT_TITLE = { size: 18, line: 26, after: 4 };
const CONT_NAME_LINE = { size: 12, line: 16, after: 6 };
/** Labels: one size on every page (their text is fixed, and fits at 小四 with the narrow label padding). */
const LABEL: SizeStep = { size: 12, line: 14 };
/** Labels and the family table's cells sit closer to their rules than values do: 4-character labels fit at 小四. */
const NARROW = { left: mm(1), right: mm(1) };
const NARROW_PAD_H = NARROW.left + NARROW.right;

const ROW_TOP = mm(13); // rows 1–4: four of them hold the 36 × 49 mm photo
const ROW_EDU = mm(14);
const ROW_EDU_TIGHT = mm(12);
const ROW_POST = mm(10);
const ROW_POST_TIGHT = mm(8);
const RESUME_TOP = mm(2);

const ROW_TEXT2 = mm(24); // 奖惩情况 / 年度考核结果 / 任免理由, as printed when there is room
const ROW_TEXT2_MIN = mm(11);
const TEXT2_TOP = mm(1.5);
const FAMILY_ROWS = 7;
const ROW_FAMILY_HEAD = mm(8);
/** Least heights of a family row, roomiest first: the table gives up height before its text shrinks further. */
const FAMILY_ROW_MINS = [mm(8), mm(7), mm(6)];
const ROW_REPORT_MIN = mm(19);
const ROW_APPROVAL_MIN = mm(24);
const SEAL_LINE = 15;
const FILLER_LINE = { size: 12, line: 15, before: 3 };
const BREAK_LINE = 20; // twips: the page-break paragraph at the top of page 2

const PHOTO_MM = { width: 36, height: 49 };
const CONTINUED_NOTE = '（续见附页）';

// ---- measuring ----

const measured = new Map<string, MeasuredText>();
/** The text with its break units, cached across forms (a batch prints the same labels and units again and again). */
function m(text: string): MeasuredText {
  let found = measured.get(text);
  if (!found) {
    if (measured.size > 20_000) measured.clear();
    measured.set(text, (found = new MeasuredText(text)));
  }
  return found;
}

const linesOf = (paras: readonly string[], step: SizeStep, width: number): number => paras.reduce((n, p) => n + m(p).lines(step.size, width), 0);

/** A cell of a block: its paragraphs at a step (a long name breaks after its dot), its content width and line limit. */
interface BlockCell {
  paras: (step: SizeStep) => string[];
  width: number;
  maxLines?: number;
}

const plain = (lines: string | readonly string[], width: number, maxLines?: number): BlockCell => {
  const list = typeof lines === 'string' ? [lines] : lines.length ? [...lines] : [''];
  return { paras: () => list, width, maxLines };
};

/**
 * A name on one line, or broken after the dot of a transliterated name (古丽娜尔· / 吐尔逊) — at the dot nearest the
 * middle — where one line is too narrow; a part still too long for a line is broken evenly (阿依夏 / 木古丽·), not
 * with one character left over. A name without a dot wraps as it will.
 */
function nameParas(name: string, step: SizeStep, width: number): string[] {
  const natural = m(name).lines(step.size, width);
  if (natural === 1) return [name];
  const parts = name.split('·');
  if (parts.length < 2) return [name];
  const total = textEm(name);
  let best = 1;
  let bestDiff = Infinity;
  for (let i = 1; i < parts.length; i++) {
    const diff = Math.abs(textEm(parts.slice(0, i).join('·')) - total / 2);
    if (diff < bestDiff) [best, bestDiff] = [i, diff];
  }
  const lines = [`${parts.slice(0, best).join('·')}·`, parts.slice(best).join('·')].flatMap((part) => evenLines(part, step, width));
  return linesOf(lines, step, width) <= natural ? lines : [name];
}

/** A piece of a name on as many lines as it needs, the characters shared evenly between them (a trailing dot kept). */
function evenLines(piece: string, step: SizeStep, width: number): string[] {
  const k = m(piece).lines(step.size, width);
  if (k <= 1) return [piece];
  const chars = [...piece];
  const dot = chars[chars.length - 1] === '·' ? chars.pop()! : '';
  const per = Math.ceil(chars.length / k);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += per) out.push(chars.slice(i, i + per).join(''));
  out[out.length - 1] += dot;
  return out.every((l) => m(l).lines(step.size, width) === 1) ? out : [piece];
}

const nameCell = (name: string, width: number, maxLines?: number): BlockCell => ({ paras: (s) => nameParas(name, s, width), width, maxLines });

/** `1985.03（39岁）` on two lines where the cell is too narrow for one, breaking before the age. */
function birthCell(birth: string, width: number): BlockCell {
  const i = birth.indexOf('（');
  return {
    paras: (s) => (i <= 0 || m(birth).lines(s.size, width) === 1 ? [birth] : [birth.slice(0, i), birth.slice(i)]),
    width,
  };
}

const cellLines = (c: BlockCell, step: SizeStep): number => linesOf(c.paras(step), step, c.width);
const cellHeight = (c: BlockCell, step: SizeStep, pad = PAD_V): number => cellLines(c, step) * pt(step.line) + pad;

/** The largest step at which every cell of the block fits `box` (content height) and its line limit. */
function blockStep(cells: readonly BlockCell[], box: number, ladder: readonly SizeStep[] = CELL_LADDER): { step: SizeStep; fits: boolean } {
  for (const step of ladder)
    if (cells.every((c) => cellLines(c, step) * pt(step.line) <= box && (!c.maxLines || cellLines(c, step) <= c.maxLines))) return { step, fits: true };
  return { step: ladder[ladder.length - 1], fits: false };
}

// ---- cells ----

function labelCell(book: StyleBook, text: string, extra: Partial<CellSpec> = {}): CellSpec {
  return { content: text.split('\n').map((t) => book.para(t, { size: LABEL.size, line: LABEL.line, align: 'center' })), margins: NARROW, ...extra };
}

function valueCell(book: StyleBook, c: BlockCell, step: SizeStep, span = 1, align: Align = 'center', extra: Partial<CellSpec> = {}): CellSpec {
  return { content: c.paras(step).map((t) => book.para(t, { size: step.size, line: step.line, align })), span, ...extra };
}

const labelHeight = (text: string): number => text.split('\n').length * pt(LABEL.line) + PAD_V;

// ---- 简历 ----

const RESUME_LINE_RE = /^(\d{4}\.\d{2}--(?:\d{4}\.\d{2}| {7})?)\s+(.*)$/;
/** Room for `2003.09--2007.07` and a gap, in em of the 简历's size. */
const RESUME_TAB_EM = textEm('0000.00--0000.00') + 0.6;
const resumeIndent = (step: SizeStep): number => Math.round(RESUME_TAB_EM * pt(step.size));

interface ResumeLine {
  period: string;
  text: string;
}

function splitResumeLine(line: string): ResumeLine {
  const match = RESUME_LINE_RE.exec(line);
  if (match) return { period: match[1].trimEnd(), text: match[2] };
  return { period: '', text: line };
}

/** Lines of each 简历 entry at a step: the text hangs under itself, right of the period. */
const resumeLines = (lines: readonly ResumeLine[], step: SizeStep, width: number): number[] =>
  lines.map((l) => m(l.text).lines(step.size, width - resumeIndent(step)));

function resumeParas(book: StyleBook, lines: readonly ResumeLine[], step: SizeStep): Paragraph[] {
  const indent = resumeIndent(step);
  const style: ParaStyle = { size: step.size, line: step.line, indent: { left: indent, hanging: indent }, tab: indent };
  return lines.map((l) => book.para(`${l.period}\t${l.text}`, style));
}

// ---- the plan: sizes and heights, worked out before anything is built ----

export interface Page1Plan {
  grid: SizeStep;
  edu: SizeStep;
  post: SizeStep;
  resume: SizeStep;
  rowTop: number[];
  rowEdu: number[];
  rowPost: number[];
  resumeHeight: number;
  /** 简历 entries printed on page 1; the rest go to the continuation sheet. */
  resumeShown: number;
}

interface Page1Cells {
  grid: { name: BlockCell; gender: BlockCell; birth: BlockCell; row2: BlockCell[]; row3: BlockCell[]; tech: BlockCell; expertise: BlockCell };
  edu: BlockCell[][];
  posts: BlockCell[];
  resume: ResumeLine[];
}

function page1Cells(vm: RenmianViewModel): Page1Cells {
  const w = (start: number, span = 1) => spanWidth(P1, start, span) - PAD_H;
  // The grid's values sit closer to their rules (they are centred): an 8-character name keeps to two lines.
  const n = (start: number, span = 1) => spanWidth(P1, start, span) - NARROW_PAD_H;
  return {
    grid: {
      // 姓名 keeps to two lines where any size allows, and never grows row 1.
      name: nameCell(vm.name, n(1), 2),
      gender: plain(vm.gender, n(3)),
      birth: birthCell(vm.birth, n(5)),
      row2: [plain(vm.nation, n(1)), plain(vm.nativePlace, n(3)), plain(vm.birthPlace, n(5))],
      row3: [plain(vm.partyJoin, n(1)), plain(vm.workStart, n(3)), plain(vm.health, n(5))],
      tech: plain(vm.techTitle, n(1, 2)),
      expertise: plain(vm.expertise, n(4, 2)),
    },
    edu: [
      [plain(vm.fullTime.credentials, w(2, 2)), plain(vm.fullTime.schools, w(5, 2))],
      [plain(vm.partTime.credentials, w(2, 2)), plain(vm.partTime.schools, w(5, 2))],
    ],
    posts: [vm.currentPosition, vm.proposedPosition, vm.proposedRemoval].map((v) => plain(v, w(2, 5))),
    resume: vm.resumeLines.map(splitResumeLine),
  };
}

const TITLE_HEIGHT = pt(TITLE.line + TITLE.after);

function planPage1(c: Page1Cells): Page1Plan {
  const g = c.grid;
  const gridCells = [g.name, g.gender, g.birth, ...g.row2, ...g.row3, g.tech, g.expertise];
  const grid = blockStep(gridCells, ROW_TOP - PAD_V).step;
  const rowTop = [[g.name, g.gender, g.birth], g.row2, g.row3, [g.tech, g.expertise]].map((row) => Math.max(ROW_TOP, ...row.map((x) => cellHeight(x, grid))));
  // The photo needs its 49 mm whatever the rows hold.
  const topBlock = Math.max(rowTop.reduce((a, b) => a + b, 0), mm(PHOTO_MM.height) + PAD_V);

  const eduCells = c.edu.flat();
  const postCells = c.posts;
  const resumeWidth = spanWidth(P1, 1, 6) - PAD_H;
  const layouts = [ROW_EDU, ROW_EDU_TIGHT].map((eduMin, i) => {
    const postMin = i === 0 ? ROW_POST : ROW_POST_TIGHT;
    const edu = blockStep(eduCells, eduMin - PAD_V).step;
    const post = blockStep(postCells, postMin - PAD_V).step;
    const rowEdu = c.edu.map((row) => Math.max(eduMin, ...row.map((x) => cellHeight(x, edu))));
    const rowPost = postCells.map((x) => Math.max(postMin, cellHeight(x, post)));
    const used = TITLE_HEIGHT + topBlock + rowEdu[0] + rowEdu[1] + rowPost.reduce((a, b) => a + b, 0) + rules(10);
    return { edu, post, rowEdu, rowPost, resumeHeight: Math.max(mm(30), PAGE_HEIGHT - SLACK - used) };
  });
  const box = (h: number) => h - RESUME_TOP - CELL.bottom;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  // Step by step down the ladder, the roomy rows first, then the tight ones: the largest 简历 size wins.
  for (const step of TEXT_LADDER) {
    const need = sum(resumeLines(c.resume, step, resumeWidth)) * pt(step.line);
    const layout = layouts.find((l) => need <= box(l.resumeHeight));
    if (layout) return { grid, ...layout, resume: step, rowTop, resumeShown: c.resume.length };
  }
  // Even the floor cannot hold it: as many whole entries as fit, a note, and the rest on the continuation sheet.
  const step = TEXT_LADDER[TEXT_LADDER.length - 1];
  const layout = layouts[1];
  const capacity = Math.floor(box(layout.resumeHeight) / pt(step.line)) - 1;
  const per = resumeLines(c.resume, step, resumeWidth);
  let shown = 0;
  for (let used = 0; shown < per.length && used + per[shown] <= capacity; shown++) used += per[shown];
  return { grid, ...layout, resume: step, rowTop, resumeShown: shown };
}

interface TextBlock {
  label: string;
  /** Name in the warning. */
  title: string;
  paras: string[];
}

interface FamilyRowCells {
  cells: BlockCell[];
  spans: number[];
}

export interface Page2Plan {
  text: SizeStep;
  family: SizeStep;
  familyRowMin: number;
  textHeights: number[];
  /** Per text block: paragraphs printed on page 2 (a cut paragraph's head), and what goes on. */
  textShown: { paras: string[]; rest: string[] }[];
  familyRows: number[];
  /** Family members printed on page 2; the rest go to the continuation sheet. */
  familyShown: number;
  reportHeight: number;
  approvalHeight: number;
  report: SizeStep;
}

const TEXT2_WIDTH = (): number => spanWidth(P2, 1, 6) - PAD_H;
const textPad = TEXT2_TOP + CELL.bottom;
const FILLER_HEIGHT = pt(FILLER_LINE.line + FILLER_LINE.before);

function familyCells(vm: RenmianViewModel, count: number): FamilyRowCells[] {
  const w = (start: number, span = 1) => spanWidth(P2, start, span) - NARROW_PAD_H;
  return Array.from({ length: count }, (_, i) => {
    const f = vm.family[i];
    return {
      cells: [
        plain(f?.relation ?? '', w(1)),
        nameCell(f?.name ?? '', w(2)),
        plain(f?.age ?? '', w(3)),
        plain(f?.politicalStatus ?? '', w(4)),
        plain(f?.workUnitAndPost ?? '', w(5, 2)),
      ],
      spans: [1, 1, 1, 1, 2],
    };
  });
}

const familyRowHeight = (row: FamilyRowCells, step: SizeStep, min: number): number => Math.max(min, ...row.cells.map((c) => cellHeight(c, step)));

function reportCell(vm: RenmianViewModel): BlockCell {
  return plain(vm.reportingUnit, spanWidth(P2, 1, 6) - PAD_H);
}
/** 呈报单位: the unit, a gap, （盖章） and the date. */
const reportHeightAt = (unit: BlockCell, step: SizeStep): number => Math.max(ROW_REPORT_MIN, cellHeight(unit, step) + pt(6) + 2 * pt(SEAL_LINE));

function planPage2(vm: RenmianViewModel, blocks: readonly TextBlock[]): Page2Plan {
  const width = TEXT2_WIDTH();
  const unit = reportCell(vm);
  const report = blockStep([unit], mm(8)).step;
  const reportHeight = reportHeightAt(unit, report);
  const members = vm.family.length;
  const rows = familyCells(vm, Math.max(FAMILY_ROWS, members));
  const fixed = BREAK_LINE + ROW_FAMILY_HEAD + reportHeight + ROW_APPROVAL_MIN + FILLER_HEIGHT + SLACK + rules(blocks.length + 3);
  const room = PAGE_HEIGHT - fixed; // for the text blocks and the family rows, each of those with its rule

  const textNeed = TEXT_LADDER.map((step) => blocks.map((b) => Math.max(ROW_TEXT2_MIN, linesOf(b.paras, step, width) * pt(step.line) + textPad)));
  const familyNeed = CELL_LADDER.map((step) => FAMILY_ROW_MINS.map((min) => rows.map((r) => familyRowHeight(r, step, min))));
  const ruled = (heights: number[]) => sum(heights) + heights.length * ROW_RULE;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  // Every combination of the text blocks' step, the family table's step and its least row height that fits; the
  // best keeps the smaller of the two sizes largest, then the text, then the family table, then the row height.
  let best: { t: number; f: number; r: number; key: number[] } | null = null;
  TEXT_LADDER.forEach((ts, t) => {
    const texts = sum(textNeed[t]);
    CELL_LADDER.forEach((fs, f) => {
      FAMILY_ROW_MINS.forEach((rowMin, r) => {
        if (texts + ruled(familyNeed[f][r]) > room) return;
        const key = [Math.min(ts.size, fs.size), ts.size, ts.line, fs.size, fs.line, rowMin];
        if (!best || key.some((v, i) => v !== best!.key[i] && key.slice(0, i).every((u, j) => u === best!.key[j]) && v > best!.key[i])) best = { t, f, r, key };
      });
    });
  });

  const approvalFrom = (used: number) => Math.max(ROW_APPROVAL_MIN, PAGE_HEIGHT - SLACK - used);
  if (best) {
    const { t, f, r } = best as { t: number; f: number; r: number };
    const familyRows = familyNeed[f][r];
    const textHeights = [...textNeed[t]];
    // What is left goes to the text blocks (up to their printed 24 mm), then to the approval blocks.
    let spare = room - sum(textHeights) - ruled(familyRows);
    for (let i = 0; i < textHeights.length && spare > 0; i++) {
      const add = Math.min(spare, Math.max(0, ROW_TEXT2 - textHeights[i]));
      textHeights[i] += add;
      spare -= add;
    }
    const used = BREAK_LINE + sum(textHeights) + ROW_FAMILY_HEAD + ruled(familyRows) + reportHeight + FILLER_HEIGHT + rules(blocks.length + 3);
    return {
      text: TEXT_LADDER[t],
      family: CELL_LADDER[f],
      familyRowMin: FAMILY_ROW_MINS[r],
      textHeights,
      textShown: blocks.map((b) => ({ paras: b.paras, rest: [] })),
      familyRows,
      familyShown: members,
      reportHeight,
      approvalHeight: approvalFrom(used),
      report,
    };
  }

  // Even the floor cannot hold everything: the family table at its floor with the tightest rows, then the text
  // blocks at the largest size that fits what is left — or at the floor, cut where their room ends. The family
  // table stays whole when it fits beside the text blocks' least heights (the text goes on instead); a table too
  // long even for that goes on after as many members as leave the text blocks all their text (at least its seven
  // printed rows), or as leave them their least height.
  const family = CELL_LADDER[CELL_LADDER.length - 1];
  const rowMin = FAMILY_ROW_MINS[FAMILY_ROW_MINS.length - 1];
  const allRows = familyNeed[CELL_LADDER.length - 1][FAMILY_ROW_MINS.length - 1];
  const leastTexts = room - blocks.length * ROW_TEXT2_MIN;
  const wholeTexts = room - sum(textNeed[TEXT_LADDER.length - 1]);
  const familyRoom = ruled(allRows) <= leastTexts || wholeTexts < ruled(allRows.slice(0, FAMILY_ROWS)) ? leastTexts : wholeTexts;
  let shownRows = 0;
  for (let used = 0; shownRows < allRows.length && used + allRows[shownRows] + ROW_RULE <= familyRoom; shownRows++) used += allRows[shownRows] + ROW_RULE;
  const familyRows = allRows.slice(0, shownRows);
  const familyShown = Math.min(members, shownRows);
  const textRoom = room - ruled(familyRows);
  const fitting = TEXT_LADDER.findIndex((_, t) => sum(textNeed[t]) <= textRoom);
  const t = fitting >= 0 ? fitting : TEXT_LADDER.length - 1;
  const text = TEXT_LADDER[t];
  const need = textNeed[t];
  // Each block its least height, then equal shares of what is left until each has what it needs, then (when all
  // fit) up to the printed 24 mm.
  const heights = blocks.map(() => ROW_TEXT2_MIN);
  const spare = waterFill(heights, need, textRoom - sum(heights));
  if (fitting >= 0) waterFill(heights, need.map((n) => Math.max(n, ROW_TEXT2)), spare);
  const textShown = blocks.map((b, i) => {
    if (need[i] <= heights[i]) return { paras: b.paras, rest: [] };
    const capacity = Math.max(0, Math.floor((heights[i] - textPad) / pt(text.line)) - 1);
    return cutParas(b.paras, text, width, capacity);
  });
  const used = BREAK_LINE + sum(heights) + ROW_FAMILY_HEAD + ruled(familyRows) + reportHeight + FILLER_HEIGHT + rules(blocks.length + 3);
  return {
    text,
    family,
    familyRowMin: rowMin,
    textHeights: heights,
    textShown,
    familyRows,
    familyShown,
    reportHeight,
    approvalHeight: approvalFrom(used),
    report,
  };
}

/** Raises `heights` towards `want` in equal shares of `spare` (in place); returns what is left over. */
function waterFill(heights: number[], want: readonly number[], spare: number): number {
  while (spare > 0) {
    const open = heights.map((_, i) => i).filter((i) => heights[i] < want[i]);
    if (!open.length) break;
    const share = Math.max(1, Math.floor(spare / open.length));
    for (const i of open) {
      const add = Math.min(share, want[i] - heights[i], spare);
      heights[i] += add;
      spare -= add;
    }
  }
  return spare;
}

/** The paragraphs that fit `capacity` lines (the last one cut at a line where needed), and the rest. */
function cutParas(paras: readonly string[], step: SizeStep, width: number, capacity: number): { paras: string[]; rest: string[] } {
  const shown: string[] = [];
  let used = 0;
  for (let i = 0; i < paras.length; i++) {
    const n = m(paras[i]).lines(step.size, width);
    if (used + n <= capacity) {
      shown.push(paras[i]);
      used += n;
      continue;
    }
    const [head, tail] = m(paras[i]).cut(step.size, width, capacity - used);
    if (head) shown.push(head);
    return { paras: shown, rest: [tail, ...paras.slice(i + 1)].filter((p, j) => j > 0 || p !== '') };
  }
  return { paras: shown, rest: [] };
}

// ---- building ----

function page1(book: StyleBook, vm: RenmianViewModel, c: Page1Cells, plan: Page1Plan): { title: Paragraph; rows: RowSpec[] } {
  const title = book.para('干部任免审批表', { font: '小标宋', size: TITLE.size, line: TITLE.line, after: TITLE.after, align: 'center' });
  const g = c.grid;
  const v = (x: BlockCell, span = 1, align: Align = 'center') => valueCell(book, x, plan.grid, span, align, { margins: NARROW });
  const row = (cells: CellSpec[], minHeight: number): RowSpec => ({ cells, minHeight, cantSplit: true });
  const r1 = row(
    [labelCell(book, '姓　名'), v(g.name), labelCell(book, '性　别'), v(g.gender), labelCell(book, '出生年月\n（　岁）'), v(g.birth), photoCell(book, vm.photo, PHOTO_MM, 4)],
    plan.rowTop[0],
  );
  const r2 = row([labelCell(book, '民　族'), v(g.row2[0]), labelCell(book, '籍　贯'), v(g.row2[1]), labelCell(book, '出生地'), v(g.row2[2])], plan.rowTop[1]);
  const r3 = row(
    [labelCell(book, '入　党\n时　间'), v(g.row3[0]), labelCell(book, '参加工\n作时间'), v(g.row3[1]), labelCell(book, '健　康\n状　况'), v(g.row3[2])],
    plan.rowTop[2],
  );
  const r4 = row([labelCell(book, '专业技\n术职务'), v(g.tech, 2), labelCell(book, '熟悉专业\n有何专长'), v(g.expertise, 2)], plan.rowTop[3]);
  const e = (x: BlockCell, align: Align = 'center') => valueCell(book, x, plan.edu, 2, align);
  const r5 = row(
    [labelCell(book, '学　历\n学　位', { rowSpan: 2 }), labelCell(book, '全日制\n教　育'), e(c.edu[0][0]), labelCell(book, '毕业院校\n系及专业'), e(c.edu[0][1], 'left')],
    plan.rowEdu[0],
  );
  const r6 = row([labelCell(book, '在　职\n教　育'), e(c.edu[1][0]), labelCell(book, '毕业院校\n系及专业'), e(c.edu[1][1], 'left')], plan.rowEdu[1]);
  const posts = ['现 任 职 务', '拟 任 职 务', '拟 免 职 务'].map((l, i) =>
    row([labelCell(book, l, { span: 2 }), valueCell(book, c.posts[i], plan.post, 5, 'left')], plan.rowPost[i]),
  );

  const shown = c.resume.slice(0, plan.resumeShown);
  const paragraphs = resumeParas(book, shown, plan.resume);
  if (plan.resumeShown < c.resume.length) paragraphs.push(book.para(CONTINUED_NOTE, { size: plan.resume.size, line: plan.resume.line, align: 'right' }));
  const resumeRow: RowSpec = {
    cells: [labelCell(book, '简\n\n\n\n历'), { content: paragraphs.length ? paragraphs : [book.para('')], span: 6, vAlign: 'top', margins: { top: RESUME_TOP } }],
    minHeight: plan.resumeHeight,
    cantSplit: true,
  };
  return { title, rows: [r1, r2, r3, r4, r5, r6, ...posts, resumeRow] };
}

function sealBlock(book: StyleBook, date: string): Paragraph[] {
  const right = { align: 'right' as const, indent: { right: mm(6) }, line: SEAL_LINE };
  return [book.para('（盖章）', right), book.para(date || '年　　月　　日', right)];
}

function textParas(book: StyleBook, paras: readonly string[], step: SizeStep, continued: boolean): Paragraph[] {
  const out = (paras.length ? paras : ['']).map((t) => book.para(t, { size: step.size, line: step.line }));
  if (continued) out.push(book.para(CONTINUED_NOTE, { size: step.size, line: step.line, align: 'right' }));
  return out;
}

function familyRowSpecs(book: StyleBook, rows: readonly FamilyRowCells[], step: SizeStep, heights: readonly number[]): RowSpec[] {
  return rows.map((r, i) => ({
    cells: r.cells.map((c, j) => valueCell(book, c, step, r.spans[j], j === 4 ? 'left' : 'center', { margins: NARROW })),
    minHeight: heights[i],
    cantSplit: true,
  }));
}

function familyHead(book: StyleBook, label: string, members: number): CellSpec[] {
  return [
    labelCell(book, label, { rowSpan: members + 1 }),
    labelCell(book, '称谓'),
    labelCell(book, '姓　名'),
    labelCell(book, '年龄'),
    labelCell(book, '政治面貌'),
    labelCell(book, '工作单位及职务', { span: 2 }),
  ];
}

const FAMILY_LABEL = '家庭\n主要\n成员\n及重\n要社\n会关\n系';

function page2(book: StyleBook, vm: RenmianViewModel, blocks: readonly TextBlock[], plan: Page2Plan): { rows: RowSpec[]; filler: Paragraph; breakPara: Paragraph } {
  const texts: RowSpec[] = blocks.map((b, i) => ({
    cells: [
      labelCell(book, b.label),
      { content: textParas(book, plan.textShown[i].paras, plan.text, plan.textShown[i].rest.length > 0), span: 6, vAlign: 'top', margins: { top: TEXT2_TOP } },
    ],
    minHeight: plan.textHeights[i],
    cantSplit: true,
  }));

  const rowCount = plan.familyRows.length;
  const rows = familyCells(vm, rowCount);
  const familyLabel = plan.familyShown < vm.family.length ? `${FAMILY_LABEL}\n（续见\n附页）` : FAMILY_LABEL;
  const head: RowSpec = { cells: familyHead(book, familyLabel, rowCount), minHeight: ROW_FAMILY_HEAD, cantSplit: true };
  const familyRows = familyRowSpecs(book, rows, plan.family, plan.familyRows);

  const unit = reportCell(vm);
  const report: RowSpec = {
    cells: [
      labelCell(book, '呈　报\n单　位'),
      { content: [...valueCell(book, unit, plan.report, 6, 'left').content as Paragraph[], book.para('', { line: 6 }), ...sealBlock(book, vm.fillDate)], span: 6 },
    ],
    minHeight: plan.reportHeight,
    cantSplit: true,
  };
  const approval: RowSpec = {
    cells: [
      labelCell(book, '审　批\n机　关\n意　见'),
      { content: sealBlock(book, ''), span: 4, vAlign: 'bottom', margins: { bottom: mm(3) } },
      labelCell(book, '行政机\n关任免\n意　见'),
      { content: sealBlock(book, ''), span: 1, vAlign: 'bottom', margins: { bottom: mm(3) } },
    ],
    minHeight: plan.approvalHeight,
    cantSplit: true,
  };
  const filler = book.para(`填表人：${vm.formFiller}`, { size: FILLER_LINE.size, line: FILLER_LINE.line, before: FILLER_LINE.before });
  const breakPara = new Paragraph({ children: [], pageBreakBefore: true, spacing: { before: 0, after: 0, line: BREAK_LINE, lineRule: 'exact' } });
  return { rows: [...texts, head, ...familyRows, report, approval], filler, breakPara };
}

// ---- the continuation sheet ----

interface ContSection {
  label: string;
  /** Paragraphs with their lines, in order. */
  paras: { para: () => Paragraph; lines: number }[];
  pitch: number;
  padTop: number;
}

const CONT_HEAD = BREAK_LINE + pt(CONT_TITLE.line + CONT_TITLE.after) + pt(CONT_NAME_LINE.line + CONT_NAME_LINE.after);
const FAMILY_CONT_LABEL = '家庭\n主要\n成员\n及重\n要社\n会关\n系\n（续）';
const TABLE_GAP = pt(2);

/**
 * The continuation sheet: 干部任免审批表（续）, the cadre's name, then each block that did not fit — its label marked
 * （续）, the rest of its text at the size it has on the form — and the family members that did not fit, under
 * their table's head. Laid out page by page: a block longer than the room left goes on in a new row under its
 * label again, so no row is ever without its label.
 */
function continuation(book: StyleBook, vm: RenmianViewModel, sections: readonly ContSection[], family: { rows: FamilyRowCells[]; step: SizeStep }): FormPackage['body'] {
  const capacity = PAGE_HEIGHT - CONT_HEAD - SLACK;
  type Part = { columns: readonly number[]; rows: RowSpec[] };
  const pages: Part[][] = [[]];
  let used = 0;
  const newPage = () => {
    pages.push([]);
    used = 0;
  };
  const add = (columns: readonly number[], rows: RowSpec[], height: number) => {
    const parts = pages[pages.length - 1];
    const last = parts[parts.length - 1];
    // A row of the same grid joins the table before it; the family table is a table of its own.
    if (last && last.columns === columns && columns === PC) last.rows.push(...rows);
    else {
      // Tables next to each other would merge in Word: a hairline paragraph between them.
      if (last) used += TABLE_GAP;
      used += TABLE_RULES;
      parts.push({ columns, rows });
    }
    used += height + rows.length * ROW_RULE;
  };

  for (const s of sections) {
    const label = `${s.label}\n（续）`;
    const pad = s.padTop + CELL.bottom;
    let i = 0;
    while (i < s.paras.length) {
      let lines = 0;
      let j = i;
      while (j < s.paras.length && (lines + s.paras[j].lines) * s.pitch + pad <= capacity - used) lines += s.paras[j++].lines;
      if (j === i && used > 0) {
        newPage();
        continue;
      }
      if (j === i) lines = s.paras[j++].lines; // taller than a page: printed as it is (beyond the form's field limits)
      const height = Math.max(labelHeight(label), lines * s.pitch + pad);
      const content = s.paras.slice(i, j).map((p) => p.para());
      add(PC, [{ cells: [labelCell(book, label), { content, vAlign: 'top', margins: { top: s.padTop } }], minHeight: height, cantSplit: true }], height);
      i = j;
    }
  }

  const heights = family.rows.map((r) => familyRowHeight(r, family.step, FAMILY_ROW_MINS[0]));
  let k = 0;
  while (k < family.rows.length) {
    let n = 0;
    let h = ROW_FAMILY_HEAD;
    while (k + n < family.rows.length && used + h + heights[k + n] <= capacity) h += heights[k + n++];
    if (n === 0 && used > 0) {
      newPage();
      continue;
    }
    if (n === 0) n = 1;
    const members = heights.slice(k, k + n).reduce((a, b) => a + b, 0);
    const headHeight = Math.max(ROW_FAMILY_HEAD, labelHeight(FAMILY_CONT_LABEL) - members);
    const rows: RowSpec[] = [
      { cells: familyHead(book, FAMILY_CONT_LABEL, n), minHeight: headHeight, cantSplit: true },
      ...familyRowSpecs(book, family.rows.slice(k, k + n), family.step, heights.slice(k, k + n)),
    ];
    add(P2, rows, headHeight + members);
    k += n;
  }

  const out: FormPackage['body'] = [];
  pages
    .filter((parts) => parts.length)
    .forEach((parts, i, all) => {
      out.push(new Paragraph({ children: [], pageBreakBefore: true, spacing: { before: 0, after: 0, line: BREAK_LINE, lineRule: 'exact' } }));
      out.push(book.para('干部任免审批表（续）', { font: '小标宋', size: CONT_TITLE.size, line: CONT_TITLE.line, after: CONT_TITLE.after, align: 'center' }));
      const sheet = all.length > 1 ? `附页${i + 1}/${all.length}` : '附页';
      out.push(book.para(`${sheet}　　姓名：${vm.name}`, { size: CONT_NAME_LINE.size, line: CONT_NAME_LINE.line, after: CONT_NAME_LINE.after }));
      parts.forEach((part, j) => {
        if (j > 0) out.push(book.para('', { line: TABLE_GAP / 20 }));
        out.push(buildTable({ columns: part.columns, rows: part.rows }));
      });
    });
  return out;
}

// ---- the form ----

export interface RenmianPackage extends FormPackage {
  /** Said to the clerk before printing: what did not fit the two pages and went on the continuation sheet. */
  warnings: string[];
}

/** The sizes and heights the form will be printed with (for tests and for looking into a layout). */
export function renmianPlan(vm: RenmianViewModel): { page1: Page1Plan; page2: Page2Plan } {
  return { page1: planPage1(page1Cells(vm)), page2: planPage2(vm, textBlocks(vm)) };
}

function textBlocks(vm: RenmianViewModel): TextBlock[] {
  return [
    { label: '奖　惩\n情　况', title: '奖惩情况', paras: vm.rewards.split(/\r?\n/) },
    { label: '年度考\n核结果', title: '年度考核结果', paras: vm.annualAssessment.split(/\r?\n/) },
    { label: '任　免\n理　由', title: '任免理由', paras: vm.appointmentReason.split(/\r?\n/) },
  ];
}

/** The 干部任免审批表 laid out: its styles and body, ready to pack, and what the clerk should be told. */
export function renmianPackage(vm: RenmianViewModel): RenmianPackage {
  const book = new StyleBook();
  const c1 = page1Cells(vm);
  const plan1 = planPage1(c1);
  const p1 = page1(book, vm, c1, plan1);

  const blocks = textBlocks(vm);
  const plan2 = planPage2(vm, blocks);
  const p2 = page2(book, vm, blocks, plan2);

  const body: FormPackage['body'] = [p1.title, buildTable({ columns: P1, rows: p1.rows }), p2.breakPara, buildTable({ columns: P2, rows: p2.rows }), p2.filler];

  // What did not fit: the continuation sheet, and a warning for the clerk.
  const sections: ContSection[] = [];
  const told: string[] = [];
  const restResume = c1.resume.slice(plan1.resumeShown);
  if (restResume.length) {
    const step = plan1.resume;
    const width = spanWidth(PC, 1, 1) - PAD_H;
    const per = resumeLines(restResume, step, width);
    sections.push({
      label: '简历',
      paras: restResume.map((l, i) => ({ para: () => resumeParas(book, [l], step)[0], lines: per[i] })),
      pitch: pt(step.line),
      padTop: RESUME_TOP,
    });
    told.push(`简历的后${restResume.length}条`);
  }
  blocks.forEach((b, i) => {
    const rest = plan2.textShown[i].rest;
    if (!rest.length) return;
    const step = plan2.text;
    const width = spanWidth(PC, 1, 1) - PAD_H;
    sections.push({
      label: b.title.length === 4 ? `${b.title.slice(0, 2)}\n${b.title.slice(2)}` : `${b.title.slice(0, 3)}\n${b.title.slice(3)}`,
      paras: rest.map((t) => ({ para: () => book.para(t, { size: step.size, line: step.line }), lines: m(t).lines(step.size, width) })),
      pitch: pt(step.line),
      padTop: TEXT2_TOP,
    });
    told.push(`${b.title}的后半部分`);
  });
  const restFamily = vm.family.length - plan2.familyShown;
  const familyRest = restFamily > 0 ? familyCells(vm, vm.family.length).slice(plan2.familyShown) : [];
  if (restFamily > 0) told.push(`家庭主要成员的后${restFamily}人`);
  if (sections.length || familyRest.length) body.push(...continuation(book, vm, sections, { rows: familyRest, step: plan2.family }));

  const warnings = told.length
    ? [`内容超出两页表格的容量，即使用最小字号也放不下：${told.join('、')}已续印在第2页之后的附页“干部任免审批表（续）”上。请核对后打印，或精简相关内容。`]
    : [];
  return { title: `干部任免审批表（${vm.name}）`, page: { margins: MARGINS }, book, body, warnings };
}

/** The 干部任免审批表 as a .docx and its warnings. Pure: reads nothing but the view model. */
export async function renmianDocument(vm: RenmianViewModel): Promise<{ buffer: Buffer; warnings: string[] }> {
  const pkg = renmianPackage(vm);
  return { buffer: await packDocx(pkg), warnings: pkg.warnings };
}

/** The 干部任免审批表 as a .docx. Pure: reads nothing but the view model. */
export async function renmianForm(vm: RenmianViewModel): Promise<Buffer> {
  return packDocx(renmianPackage(vm));
}
