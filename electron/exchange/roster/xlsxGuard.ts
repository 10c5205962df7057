import { inflateMember, mb, readMember, readZipDirectory, ZipRefusal, type ZipLimits, type ZipMember } from '../zipGuard';

/**
 * What an .xlsx must stay within before exceljs may load it. exceljs builds the whole workbook in memory (its
 * streaming reader ignores merged cells, which rosters rely on: merged 单位 columns, group titles over 学历/学位),
 * and some of what it builds grows with what a file declares rather than what it holds: a cell in XFD1048576,
 * a merge or a defined name over a million cells, a million shared strings. So every part is first inflated as a
 * stream here and measured — rows, columns, cells, merges, shared strings — and the file is refused at the first
 * limit it passes, after reading only as far as that. A real roster (a few thousand rows, some dozens of columns)
 * is far inside every limit.
 */
export const XLSX_LIMITS = {
  rows: 20_000,
  columns: 200,
  /** `<c>` elements of one sheet (styled empty cells count: exceljs makes each one). */
  cells: 500_000,
  merges: 5_000,
  sharedStrings: 500_000,
  /** Formatted runs inside shared strings (each is an object of its own). */
  richRuns: 500_000,
  /** Cells named by defined names (exceljs expands each name's range cell by cell). */
  namedCells: 500_000,
  stylesBytes: 16 * 1024 * 1024,
  /** Elements of any other XML part (styles, comments, drawings …): a backstop against a part made of nothing else. */
  partElements: 400_000,
} as const;

export const XLSX_ZIP_LIMITS: ZipLimits = {
  maxMembers: 2_000,
  maxMemberBytes: 64 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxRatio: 100,
  ratioFromBytes: 1024 * 1024,
};

/** Excel's own grid, for references that are not even valid. */
const EXCEL_ROWS = 1_048_576;
const EXCEL_COLUMNS = 16_384;

const limit = (message: string) => new ZipRefusal('limit', message);

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** `B3` → row 3, column 2; null when not a cell reference. */
function cellRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,7})\$?(\d{1,10})$/.exec(ref.trim());
  return m ? { col: columnNumber(m[1]), row: Number(m[2]) } : null;
}

/** `A1:L3` (or `A1`) → its corners; null when not a range of cells. */
function rangeRef(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const [a, b = a] = ref.split(':');
  const tl = cellRef(a);
  const br = cellRef(b);
  if (!tl || !br) return null;
  return { top: Math.min(tl.row, br.row), left: Math.min(tl.col, br.col), bottom: Math.max(tl.row, br.row), right: Math.max(tl.col, br.col) };
}

const ATTR_RES = new Map<string, RegExp>();
/** An attribute's value from a start tag's attribute text (entities not decoded). */
function attr(attrs: string, name: string): string | undefined {
  let re = ATTR_RES.get(name);
  if (!re) ATTR_RES.set(name, (re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
}

/**
 * Scans XML arriving in chunks for start tags, calling `onTag(localName, attributes)`. Decoded as latin1 (byte per
 * char): names and attributes are ASCII, and a tag cut between two chunks is carried over. The text between tags is
 * never kept.
 */
class TagScanner {
  private carry = '';
  private static readonly TAG = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)([^<>]*)>/g;
  constructor(
    private readonly onTag: (name: string, attrs: string) => void,
    private readonly what: string,
  ) {}
  push(chunk: Buffer): void {
    const text = this.carry + chunk.toString('latin1');
    const cut = text.lastIndexOf('<');
    const whole = cut < 0 ? text : text.slice(0, cut);
    this.carry = cut < 0 ? '' : text.slice(cut);
    // One tag longer than 1 MB is not a spreadsheet's.
    if (this.carry.length > 1024 * 1024) throw new ZipRefusal('damaged', `${this.what}中有超长的标记`);
    const re = TagScanner.TAG;
    re.lastIndex = 0;
    for (let m = re.exec(whole); m; m = re.exec(whole)) this.onTag(m[2], m[3]);
  }
  end(): void {
    if (this.carry) this.push(Buffer.from('<'));
  }
}

interface SheetInfo {
  /** The part's path (`xl/worksheets/sheet1.xml`). */
  part: string;
  name: string;
}

/** Sheet parts → the names the user sees, from workbook.xml and its relationships (best effort; for messages). */
function sheetNames(workbook: string, rels: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const id = attr(m[1], 'Id');
    const target = attr(m[1], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  const names = new Map<string, string>();
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const name = attr(m[1], 'name');
    const id = attr(m[1], 'r:id') ?? attr(m[1], 'id');
    const part = id ? targets.get(id) : undefined;
    if (name && part) names.set(part, decodeEntities(name));
  }
  return names;
}

function decodeEntities(s: string): string {
  const latin1ToUtf8 = Buffer.from(s, 'latin1').toString('utf8');
  return latin1ToUtf8.replace(/&(lt|gt|amp|quot|apos);/g, (_w, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
}

/** Measures one worksheet part, refusing at the first limit passed. */
async function scanSheet(bytes: Buffer, member: ZipMember, sheet: SheetInfo): Promise<void> {
  const label = `工作表“${sheet.name}”`;
  let row = 0;
  let col = 0;
  let cells = 0;
  let merges = 0;
  let mergedCells = 0;
  const checkRow = (r: number) => {
    if (r > XLSX_LIMITS.rows) throw limit(`${label}用到了第 ${r} 行，最多支持 ${XLSX_LIMITS.rows} 行（如有大量空行或格式，请删除后另存再导入）`);
  };
  const checkCol = (c: number, ref: string) => {
    if (c > XLSX_LIMITS.columns) throw limit(`${label}的单元格 ${ref} 在第 ${c} 列，最多支持 ${XLSX_LIMITS.columns} 列`);
  };
  const scanner = new TagScanner((name, attrs) => {
    switch (name) {
      case 'dimension': {
        const r = rangeRef(attr(attrs, 'ref') ?? '');
        if (!r) return;
        if (r.right > XLSX_LIMITS.columns) throw limit(`${label}声明了 ${r.right} 列，最多支持 ${XLSX_LIMITS.columns} 列`);
        if (r.bottom > XLSX_LIMITS.rows) throw limit(`${label}声明了 ${r.bottom} 行，最多支持 ${XLSX_LIMITS.rows} 行`);
        return;
      }
      case 'row': {
        const r = attr(attrs, 'r');
        row = r === undefined ? row + 1 : Number(r);
        if (!Number.isSafeInteger(row) || row < 1 || row > EXCEL_ROWS) throw new ZipRefusal('damaged', `${label}中有无效的行号（${r}）`);
        checkRow(row);
        col = 0;
        return;
      }
      case 'c': {
        const r = attr(attrs, 'r');
        const ref = r === undefined ? null : cellRef(r);
        if (r !== undefined && !ref) throw new ZipRefusal('damaged', `${label}中有无效的单元格引用（${r.slice(0, 20)}）`);
        col = ref ? ref.col : col + 1;
        if (ref) {
          if (ref.row > EXCEL_ROWS || ref.col > EXCEL_COLUMNS) throw new ZipRefusal('damaged', `${label}中有无效的单元格引用（${r}）`);
          checkRow(ref.row);
        }
        checkCol(col, r ?? `第 ${row} 行第 ${col} 个`);
        if (++cells > XLSX_LIMITS.cells) throw limit(`${label}的单元格超过了上限 ${XLSX_LIMITS.cells} 个`);
        return;
      }
      case 'mergeCell': {
        const ref = attr(attrs, 'ref') ?? '';
        const m = rangeRef(ref);
        if (!m) return;
        checkRow(m.bottom);
        checkCol(m.right, ref);
        if (++merges > XLSX_LIMITS.merges) throw limit(`${label}的合并单元格超过了上限 ${XLSX_LIMITS.merges} 处`);
        mergedCells += (m.bottom - m.top + 1) * (m.right - m.left + 1);
        if (mergedCells > XLSX_LIMITS.cells) throw limit(`${label}的合并单元格覆盖的单元格超过了上限 ${XLSX_LIMITS.cells} 个`);
        return;
      }
    }
  }, label);
  await inflateMember(bytes, member, (chunk) => scanner.push(chunk));
  scanner.end();
}

async function scanSharedStrings(bytes: Buffer, member: ZipMember): Promise<void> {
  let strings = 0;
  let runs = 0;
  const scanner = new TagScanner((name) => {
    if (name === 'si' && ++strings > XLSX_LIMITS.sharedStrings) {
      throw limit(`共享字符串（sharedStrings.xml）超过了上限 ${XLSX_LIMITS.sharedStrings} 个`);
    }
    if (name === 'r' && ++runs > XLSX_LIMITS.richRuns) throw limit(`共享字符串中的带格式文字片段超过了上限 ${XLSX_LIMITS.richRuns} 段`);
  }, '共享字符串');
  await inflateMember(bytes, member, (chunk) => scanner.push(chunk));
  scanner.end();
}

/** Any other XML part: its elements counted. */
async function scanPart(bytes: Buffer, member: ZipMember): Promise<void> {
  let elements = 0;
  const what = `部件“${member.name}”`;
  const scanner = new TagScanner(() => {
    if (++elements > XLSX_LIMITS.partElements) throw limit(`${what}中的 XML 元素超过了上限 ${XLSX_LIMITS.partElements} 个`);
  }, what);
  await inflateMember(bytes, member, (chunk) => scanner.push(chunk));
  scanner.end();
}

/** Defined names whose ranges exceljs expands cell by cell (not the print area or print titles). */
function checkDefinedNames(workbook: string): void {
  let cells = 0;
  for (const m of workbook.matchAll(/<(?:\w+:)?definedName\b([^>]*)>([^<]*)</g)) {
    const name = decodeEntities(attr(m[1], 'name') ?? '');
    if (name === '_xlnm.Print_Area' || name === '_xlnm.Print_Titles') continue;
    for (const part of decodeEntities(m[2]).split(',')) {
      const r = rangeRef(part.split('!').pop() ?? '');
      if (!r) continue;
      cells += (r.bottom - r.top + 1) * (r.right - r.left + 1);
      if (cells > XLSX_LIMITS.namedCells) throw limit(`工作簿中定义的名称（如“${name}”）引用的单元格超过了上限 ${XLSX_LIMITS.namedCells} 个`);
    }
  }
}

/** exceljs's own test for the parts it reads (unanchored, a leading `/` removed). */
const partName = (name: string) => (name.startsWith('/') ? name.slice(1) : name);
const isWorksheet = (name: string) => /xl\/worksheets\/sheet(\d+)[.]xml/.test(name) && !/_rels\//.test(name);

/**
 * Checks an .xlsx against XLSX_LIMITS and XLSX_ZIP_LIMITS before exceljs sees it: the zip's directory first, then
 * every member inflated once as a stream (which proves the directory's sizes true — exceljs inflates the same
 * members after), the worksheets and shared strings measured on the way. Throws ZipRefusal.
 */
export async function guardXlsx(bytes: Buffer): Promise<void> {
  const members = readZipDirectory(bytes, XLSX_ZIP_LIMITS);
  const byName = new Map(members.map((m) => [partName(m.name), m]));
  const small = async (name: string) => {
    const m = byName.get(name);
    return m ? (await readMember(bytes, m, 4 * 1024 * 1024)).toString('latin1') : '';
  };
  const workbook = await small('xl/workbook.xml');
  const names = sheetNames(workbook, await small('xl/_rels/workbook.xml.rels'));
  checkDefinedNames(workbook);
  const styles = byName.get('xl/styles.xml');
  if (styles && styles.size > XLSX_LIMITS.stylesBytes) throw limit(`样式表（styles.xml）解压后有 ${mb(styles.size)}，最多支持 ${mb(XLSX_LIMITS.stylesBytes)}`);
  // Worksheets and shared strings first: that is where a bomb usually sits, and where the message is most useful.
  const order = (m: ZipMember) => (isWorksheet(partName(m.name)) ? 0 : partName(m.name) === 'xl/sharedStrings.xml' ? 1 : 2);
  for (const m of [...members].sort((a, b) => order(a) - order(b))) {
    const name = partName(m.name);
    if (name.endsWith('/')) continue;
    if (isWorksheet(name)) {
      const n = /sheet(\d+)[.]xml/.exec(name)![1];
      await scanSheet(bytes, m, { part: name, name: names.get(name) ?? `sheet${n}` });
    } else if (name === 'xl/sharedStrings.xml') await scanSharedStrings(bytes, m);
    else if (/\.(xml|vml|rels)$/i.test(name)) await scanPart(bytes, m);
    else await inflateMember(bytes, m, () => {});
  }
}
