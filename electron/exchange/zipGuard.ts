import zlib from 'node:zlib';

/**
 * The first look at a zip someone handed us (an .xlsx roster, a .cdbak backup): its central directory read
 * without inflating anything, and refused when it is a bomb — too many members, a member that inflates to too
 * much, a compression ratio no real document has, more in all than any real file. Then each member inflated as a
 * stream that stops the moment it passes its declared size or the cap, so a directory that lies is caught after
 * a few KB rather than after a few GB. The messages say which limit was hit, in Chinese, without a prefix:
 * the caller says what the file is (“花名册文件过大：…”, “备份文件“x”无法使用：…”).
 */

export interface ZipLimits {
  /** Members (files and folders) in the central directory. */
  maxMembers: number;
  /** Uncompressed bytes of any one member. */
  maxMemberBytes: number;
  /** Uncompressed bytes of all members together. */
  maxTotalBytes: number;
  /** Uncompressed : compressed of one member, checked for members of at least `ratioFromBytes`. */
  maxRatio: number;
  ratioFromBytes: number;
}

/** `limit`: a limit of this program was hit (the file may be fine elsewhere); `damaged`: the zip itself is broken. */
export class ZipRefusal extends Error {
  constructor(
    readonly kind: 'limit' | 'damaged',
    message: string,
  ) {
    super(message);
  }
}

export interface ZipMember {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** As declared in the central directory. */
  size: number;
  /** Where the member's local header starts. */
  localOffset: number;
  encrypted: boolean;
}

export const mb = (n: number): string => {
  const v = n / 1024 / 1024;
  return v >= 10 ? `${Math.round(v)} MB` : `${v.toFixed(1)} MB`;
};

/** The member count limit, as a message, or null (shared by the buffer reader here and yauzl users). */
export function memberCountProblem(count: number, limits: Pick<ZipLimits, 'maxMembers'>): string | null {
  return count > limits.maxMembers ? `压缩包中有 ${count} 个部件，最多支持 ${limits.maxMembers} 个` : null;
}

/** One member's declared sizes against the limits, as a message, or null. */
export function memberSizeProblem(m: Pick<ZipMember, 'name' | 'size' | 'compressedSize'>, limits: ZipLimits): string | null {
  if (m.size > limits.maxMemberBytes) return `部件“${m.name}”解压后有 ${mb(m.size)}，最多支持 ${mb(limits.maxMemberBytes)}`;
  if (m.size >= limits.ratioFromBytes) {
    const ratio = m.size / Math.max(1, m.compressedSize);
    if (ratio > limits.maxRatio) return `部件“${m.name}”的压缩比为 ${Math.round(ratio)} 倍，超过 ${limits.maxRatio} 倍的上限（疑为“压缩炸弹”）`;
  }
  return null;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const damaged = (why: string) => new ZipRefusal('damaged', why);

/**
 * The central directory of an in-memory zip, checked against `limits` record by record (it stops at the first
 * limit hit; a 100,000-member directory is refused after a walk over its record headers). The records are counted
 * as they are found, not taken from the end record, so a count that wrapped or lies does not hide members.
 */
export function readZipDirectory(bytes: Buffer, limits: ZipLimits): ZipMember[] {
  // The end record: within the last 64 KB + 22 bytes (a comment may follow it).
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === EOCD && i + 22 + bytes.readUInt16LE(i + 20) <= bytes.length) {
      end = i;
      break;
    }
  }
  if (end < 0) throw damaged('不是有效的 zip 压缩包（找不到目录）');
  let declared = bytes.readUInt16LE(end + 10);
  let cdSize = bytes.readUInt32LE(end + 12);
  let cdOffset = bytes.readUInt32LE(end + 16);
  const locatorAt = end - 20;
  if (locatorAt >= 0 && bytes.readUInt32LE(locatorAt) === ZIP64_LOCATOR) {
    const z64 = Number(bytes.readBigUInt64LE(locatorAt + 8));
    if (z64 < 0 || z64 + 56 > bytes.length || bytes.readUInt32LE(z64) !== ZIP64_EOCD) throw damaged('zip64 目录记录损坏');
    declared = Number(bytes.readBigUInt64LE(z64 + 32));
    cdSize = Number(bytes.readBigUInt64LE(z64 + 40));
    cdOffset = Number(bytes.readBigUInt64LE(z64 + 48));
  }
  if (cdOffset + cdSize > bytes.length) throw damaged('目录超出了文件末尾（文件被截断）');
  const cdEnd = cdOffset + cdSize;
  // The records as they are, counted by walking their headers (no names decoded): a count in the end record that
  // wrapped at 65,535 or lies does not hide members.
  let count = 0;
  for (let q = cdOffset; q + 46 <= cdEnd && bytes.readUInt32LE(q) === CENTRAL; count++) q += 46 + bytes.readUInt16LE(q + 28) + bytes.readUInt16LE(q + 30) + bytes.readUInt16LE(q + 32);
  const countProblem = memberCountProblem(count, limits);
  if (countProblem) throw new ZipRefusal('limit', countProblem);
  if (count !== declared) throw damaged(`目录记录数（${count}）与文件末尾记载的（${declared}）不符`);

  const members: ZipMember[] = [];
  let total = 0;
  let p = cdOffset;
  while (members.length < count) {
    const flags = bytes.readUInt16LE(p + 8);
    const method = bytes.readUInt16LE(p + 10);
    let compressedSize = bytes.readUInt32LE(p + 20);
    let size = bytes.readUInt32LE(p + 24);
    const nameLen = bytes.readUInt16LE(p + 28);
    const extraLen = bytes.readUInt16LE(p + 30);
    const commentLen = bytes.readUInt16LE(p + 32);
    let localOffset = bytes.readUInt32LE(p + 42);
    const nameEnd = p + 46 + nameLen;
    if (nameEnd + extraLen + commentLen > cdEnd) throw damaged('目录记录损坏');
    const name = bytes.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, nameEnd);
    // zip64 sizes and offset, in the order of the fields that overflowed.
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      for (let e = nameEnd; e + 4 <= nameEnd + extraLen; ) {
        const id = bytes.readUInt16LE(e);
        const len = bytes.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let f = e + 4;
          const next = () => {
            if (f + 8 > e + 4 + len) throw damaged('zip64 扩展字段损坏');
            const v = Number(bytes.readBigUInt64LE(f));
            f += 8;
            return v;
          };
          if (size === 0xffffffff) size = next();
          if (compressedSize === 0xffffffff) compressedSize = next();
          if (localOffset === 0xffffffff) localOffset = next();
          break;
        }
        e += 4 + len;
      }
    }
    const m: ZipMember = { name, method, compressedSize, size, localOffset, encrypted: (flags & 1) === 1 };
    const problem = memberSizeProblem(m, limits);
    if (problem) throw new ZipRefusal('limit', problem);
    total += size;
    if (total > limits.maxTotalBytes) throw new ZipRefusal('limit', `压缩包解压后共有 ${mb(total)} 以上，最多支持 ${mb(limits.maxTotalBytes)}`);
    members.push(m);
    p = nameEnd + extraLen + commentLen;
  }
  return members;
}

/** Where the member's data starts and ends in `bytes`, checked. */
function dataOf(bytes: Buffer, m: ZipMember): Buffer {
  if (m.encrypted) throw damaged(`部件“${m.name}”已加密，无法读取`);
  if (m.method !== 0 && m.method !== 8) throw damaged(`部件“${m.name}”使用了不支持的压缩方式（${m.method}）`);
  const p = m.localOffset;
  if (p + 30 > bytes.length || bytes.readUInt32LE(p) !== LOCAL) throw damaged(`部件“${m.name}”的位置记录错误`);
  const start = p + 30 + bytes.readUInt16LE(p + 26) + bytes.readUInt16LE(p + 28);
  if (start + m.compressedSize > bytes.length) throw damaged(`部件“${m.name}”超出了文件末尾（文件被截断）`);
  return bytes.subarray(start, start + m.compressedSize);
}

/**
 * Inflates one member as a stream of chunks to `onChunk` (which may throw to stop), never holding more than a
 * chunk. Refuses as soon as the data passes the declared size (the directory lied) or `maxBytes`, and when it ends
 * short of the declared size.
 */
export async function inflateMember(bytes: Buffer, m: ZipMember, onChunk: (chunk: Buffer) => void, maxBytes = m.size): Promise<void> {
  const data = dataOf(bytes, m);
  const cap = Math.min(m.size, maxBytes);
  const tooBig = () =>
    m.size > maxBytes
      ? new ZipRefusal('limit', `部件“${m.name}”解压后超过 ${mb(maxBytes)}`)
      : damaged(`部件“${m.name}”解压后的大小超过了目录中记载的 ${mb(m.size)}（文件损坏或被篡改）`);
  if (m.method === 0) {
    if (data.length !== m.size) throw damaged(`部件“${m.name}”的大小与目录记载不符`);
    if (data.length > cap) throw tooBig();
    for (let i = 0; i < data.length; i += 1 << 16) onChunk(data.subarray(i, Math.min(data.length, i + (1 << 16))));
    return;
  }
  let seen = 0;
  await new Promise<void>((resolve, reject) => {
    const inflate = zlib.createInflateRaw({ chunkSize: 1 << 16 });
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      inflate.destroy();
      reject(err instanceof ZipRefusal ? err : damaged(`部件“${m.name}”无法解压（数据损坏）`));
    };
    inflate.on('data', (chunk: Buffer) => {
      if (failed) return;
      seen += chunk.length;
      if (seen > cap) return fail(tooBig());
      try {
        onChunk(chunk);
      } catch (err) {
        fail(err);
      }
    });
    inflate.on('error', fail);
    inflate.on('end', () => {
      if (failed) return;
      if (seen !== m.size) fail(damaged(`部件“${m.name}”解压后只有 ${seen} 字节，与目录记载的 ${m.size} 字节不符（文件被截断或损坏）`));
      else resolve();
    });
    // Fed in slices so that a stop takes effect after at most one slice's worth of output.
    let i = 0;
    const feed = () => {
      while (!failed && i < data.length) {
        const slice = data.subarray(i, Math.min(data.length, i + (1 << 16)));
        i += slice.length;
        if (!inflate.write(slice)) return void inflate.once('drain', feed);
      }
      if (!failed) inflate.end();
    };
    feed();
  });
}

/** A small member whole (workbook.xml, its relationships), refused above `maxBytes`. */
export async function readMember(bytes: Buffer, m: ZipMember, maxBytes: number): Promise<Buffer> {
  const out: Buffer[] = [];
  await inflateMember(bytes, m, (c) => out.push(Buffer.from(c)), maxBytes);
  return Buffer.concat(out);
}
