import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { makeIdNumber } from '../../electron/demo/demoCadres';

/**
 * Hostile .xlsx files made in code (nothing downloaded): the shapes a fault campaign sends to `import-roster`.
 * Every file starts from a small real roster (姓名 + 身份证号 of an invented person), so that it gets past the
 * "is this Excel at all" checks and reaches whatever would blow up. The zip is written here by hand, because a
 * zip bomb has to be able to say what it likes about its sizes.
 */

export interface RawMember {
  name: string;
  /** The member's bytes as stored (deflated when `method` is 8). */
  data: Buffer;
  method: 0 | 8;
  crc: number;
  /** Uncompressed size as declared in the headers (a lying bomb declares less than it inflates to). */
  size: number;
}

const crc32 = (data: Uint8Array, prev = 0): number => zlib.crc32(data, prev) >>> 0;

export function member(name: string, content: string | Buffer, compress = true): RawMember {
  const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return compress
    ? { name, data: zlib.deflateRawSync(raw, { level: 6 }), method: 8, crc: crc32(raw), size: raw.length }
    : { name, data: raw, method: 0, crc: crc32(raw), size: raw.length };
}

/** A plain (non-zip64) zip of the members, in order. */
export function zipOf(members: readonly RawMember[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(m.method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(m.crc, 14);
    local.writeUInt32LE(m.data.length, 18);
    local.writeUInt32LE(m.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(m.method, 10);
    c.writeUInt16LE(0, 12);
    c.writeUInt16LE(0x21, 14);
    c.writeUInt32LE(m.crc, 16);
    c.writeUInt32LE(m.data.length, 20);
    c.writeUInt32LE(m.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    parts.push(local, name, m.data);
    central.push(c, name);
    offset += 30 + name.length + m.data.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  // More than 65,535 members: the 16-bit counts wrap, as zip tools without zip64 write them; readers count the
  // central directory records anyway. Here we write the low bits like they do.
  end.writeUInt16LE(members.length & 0xffff, 8);
  end.writeUInt16LE(members.length & 0xffff, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

/** A zip64 end record pair for member counts past 65,535 (what a real 100,000-member zip carries). */
export function zip64Of(members: readonly RawMember[]): Buffer {
  const plain = zipOf(members);
  const endAt = plain.length - 22;
  const centralSize = plain.readUInt32LE(endAt + 12);
  const centralOffset = plain.readUInt32LE(endAt + 16);
  const z64 = Buffer.alloc(56);
  z64.writeUInt32LE(0x06064b50, 0);
  z64.writeBigUInt64LE(44n, 4);
  z64.writeUInt16LE(45, 12);
  z64.writeUInt16LE(45, 14);
  z64.writeUInt32LE(0, 16);
  z64.writeUInt32LE(0, 20);
  z64.writeBigUInt64LE(BigInt(members.length), 24);
  z64.writeBigUInt64LE(BigInt(members.length), 32);
  z64.writeBigUInt64LE(BigInt(centralSize), 40);
  z64.writeBigUInt64LE(BigInt(centralOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeUInt32LE(0, 4);
  locator.writeBigUInt64LE(BigInt(endAt), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.from(plain.subarray(endAt));
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  return Buffer.concat([plain.subarray(0, endAt), z64, locator, end]);
}

export const HOSTILE_PERSON = { name: '顾望舒', idNumber: makeIdNumber('610902', '19870412', 131, '女') };

/** The parts of a small real roster (姓名, 身份证号, one invented person), by name. */
export async function baseRosterParts(): Promise<Map<string, Buffer>> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.getRow(1).values = ['姓名', '身份证号', '工作单位'];
  ws.getRow(2).values = [HOSTILE_PERSON.name, HOSTILE_PERSON.idNumber, '安康市统计局'];
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  const parts = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files)) if (!zip.files[name].dir) parts.set(name, await zip.files[name].async('nodebuffer'));
  return parts;
}

const SHEET = 'xl/worksheets/sheet1.xml';
const STRINGS = 'xl/sharedStrings.xml';

function membersOf(parts: Map<string, Buffer>): RawMember[] {
  return [...parts].map(([name, bytes]) => member(name, bytes));
}

/**
 * A sheet whose dimension claims a huge area, with a few far-apart cells (each one alone is a valid cell):
 * by default `A1:XFD1048576` and a cell in XFD1048576, as the campaign's 24 KB files.
 */
export async function dimensionBombXlsx(opts: { dimension?: string | null; farCells?: string[] } = {}): Promise<Buffer> {
  const dimension = opts.dimension === undefined ? 'A1:XFD1048576' : opts.dimension;
  const farCells = opts.farCells ?? ['XFD1048576'];
  const parts = await baseRosterParts();
  let xml = parts.get(SHEET)!.toString('utf8');
  xml = xml.replace(/<dimension [^>]*\/>/, dimension ? `<dimension ref="${dimension}"/>` : '');
  const byRow = new Map<number, string[]>();
  for (const ref of farCells) {
    const row = Number(/\d+$/.exec(ref)![0]);
    byRow.set(row, [...(byRow.get(row) ?? []), ref]);
  }
  const rows = [...byRow]
    .sort((a, b) => a[0] - b[0])
    .map(([r, refs]) => `<row r="${r}">${refs.map((ref) => `<c r="${ref}" t="inlineStr"><is><t>远</t></is></c>`).join('')}</row>`)
    .join('');
  xml = xml.replace('</sheetData>', `${rows}</sheetData>`);
  parts.set(SHEET, Buffer.from(xml, 'utf8'));
  return zipOf(membersOf(parts));
}

const zerosMade = new Map<number, Promise<{ data: Buffer; crc: number }>>();

/**
 * `megabytes` of zeros deflated as one member (about 1 KB per MB), streamed through zlib so the test never holds
 * them; made once per size.
 */
export async function zerosMember(name: string, megabytes: number, declaredSize?: number): Promise<RawMember> {
  let made = zerosMade.get(megabytes);
  if (!made) zerosMade.set(megabytes, (made = deflateZeros(megabytes)));
  const { data, crc } = await made;
  return { name, data, method: 8, crc, size: declaredSize ?? megabytes * 1024 * 1024 };
}

async function deflateZeros(megabytes: number): Promise<{ data: Buffer; crc: number }> {
  const chunk = Buffer.alloc(1024 * 1024);
  let crc = 0;
  const out: Buffer[] = [];
  const deflate = zlib.createDeflateRaw({ level: 9 });
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  for (let i = 0; i < megabytes; i++) {
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { data: Buffer.concat(out), crc };
}

/**
 * A deflate zip bomb: a real roster plus `xl/media/image1.png` of `megabytes` MB of zeros (about a thousandth of it
 * compressed). `lie: true` declares 1 MB uncompressed in the central directory (the real size is found only by
 * inflating).
 */
export async function zipBombXlsx(opts: { megabytes?: number; lie?: boolean; memberName?: string } = {}): Promise<Buffer> {
  const megabytes = opts.megabytes ?? 1000;
  const parts = await baseRosterParts();
  const members = membersOf(parts);
  members.push(await zerosMember(opts.memberName ?? 'xl/media/image1.png', megabytes, opts.lie ? 1024 * 1024 : undefined));
  return zipOf(members);
}

/**
 * A shared-strings bomb: `count` distinct short strings (`<si><t>N</t></si>`) after the roster's own, so that the
 * part compresses only ~10:1 (no ratio alarm) and stays small on disk.
 */
export async function sharedStringsBombXlsx(count = 1_000_000): Promise<Buffer> {
  const parts = await baseRosterParts();
  const xml = parts.get(STRINGS)!.toString('utf8');
  const own = [...xml.matchAll(/<si>.*?<\/si>/gs)].map((m) => m[0]);
  const filler: string[] = [];
  for (let i = 0; i < count; i++) filler.push(`<si><t>${(i * 7919) % 1_000_003}</t></si>`);
  const total = own.length + count;
  const sst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${total}" uniqueCount="${total}">${own.join('')}${filler.join('')}</sst>`;
  parts.set(STRINGS, Buffer.from(sst, 'utf8'));
  return zipOf(membersOf(parts));
}

/**
 * A real roster plus `count` tiny stored members: a zip with 100,000 members. With `zip64: false` the end record's
 * 16-bit count wraps (100,010 members say 34,474), as some tools write it.
 */
export async function manyMembersXlsx(count = 100_000, opts: { zip64?: boolean } = {}): Promise<Buffer> {
  const members = membersOf(await baseRosterParts());
  const one = Buffer.from('x');
  const oneCrc = crc32(one);
  for (let i = 0; i < count; i++) members.push({ name: `xl/junk/${i}.bin`, data: one, method: 0, crc: oneCrc, size: 1 });
  return members.length > 0xffff && opts.zip64 !== false ? zip64Of(members) : zipOf(members);
}

/** The small roster with its sheet and workbook XML rewritten (merges, defined names …). */
export async function patchedRosterXlsx(patch: { sheet?: (xml: string) => string; workbook?: (xml: string) => string; add?: Record<string, string> }): Promise<Buffer> {
  const parts = await baseRosterParts();
  for (const [name, xml] of Object.entries(patch.add ?? {})) parts.set(name, Buffer.from(xml, 'utf8'));
  if (patch.sheet) parts.set(SHEET, Buffer.from(patch.sheet(parts.get(SHEET)!.toString('utf8')), 'utf8'));
  if (patch.workbook) parts.set('xl/workbook.xml', Buffer.from(patch.workbook(parts.get('xl/workbook.xml')!.toString('utf8')), 'utf8'));
  return zipOf(membersOf(parts));
}

/** One merge over `ref` (A1:GR20000 covers 4 million cells, each of which exceljs would make). */
export const mergeBombXlsx = (ref = 'A3:GR20000') =>
  patchedRosterXlsx({ sheet: (xml) => xml.replace('</sheetData>', `</sheetData><mergeCells count="1"><mergeCell ref="${ref}"/></mergeCells>`) });

/** A defined name over `ref` (exceljs expands a name's range cell by cell: A1:XFD1048576 is 17 billion cells). */
export const definedNameBombXlsx = (ref = "'Sheet1'!$A$1:$XFD$1048576") =>
  patchedRosterXlsx({
    workbook: (xml) =>
      xml.includes('<definedNames')
        ? xml.replace('<definedNames>', `<definedNames><definedName name="全部">${ref}</definedName>`)
        : xml.replace('</sheets>', `</sheets><definedNames><definedName name="全部">${ref}</definedName></definedNames>`),
  });

/** A zip64 file whose end records claim `count` members (only the real ones follow): a directory that lies. */
export function claimingMembers(members: readonly RawMember[], count: number): Buffer {
  const zip = zip64Of(members);
  const z64 = zip.length - 22 - 20 - 56;
  zip.writeBigUInt64LE(BigInt(count), z64 + 24);
  zip.writeBigUInt64LE(BigInt(count), z64 + 32);
  return zip;
}

/** A comments part of `count` comments (four elements each, varied so that it compresses only ~10:1). */
export function commentsBombXlsx(count = 300_000): Promise<Buffer> {
  const comments: string[] = [];
  for (let i = 0; i < count; i++) comments.push(`<comment ref="C${(i % 19_000) + 1}" authorId="0"><text><t>${(i * 7919) % 1_000_003}</t></text></comment>`);
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>x</author></authors><commentList>${comments.join('')}</commentList></comments>`;
  return patchedRosterXlsx({ add: { 'xl/comments1.xml': xml } });
}
