import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { AppError } from '../../shared/errors';
import type { KeyInfo } from '../crypto/dataKey';
import { memberCountProblem } from '../exchange/zipGuard';

/**
 * The backup file (`.cdbak`): a zip holding `manifest.json`, the database snapshot, the archive ledger's key and
 * the evidence files. The manifest names every other member with its size and SHA-256, so a damaged, truncated or
 * altered backup is found before anything is restored from it. Written and read as streams: a provincial-scale
 * database does not have to fit in memory.
 */
export const BACKUP_FORMAT = 'cadre-desk-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';
export const DATABASE_MEMBER = 'database/cadre.db';
export const LEDGER_KEY_MEMBER = 'database/ledger-key';
export const EVIDENCE_PREFIX = 'evidence/';
/** A server database's backup holds `pg_dump -Fc` output instead of a SQLite snapshot (engine: 'postgres'). */
export const PG_DUMP_MEMBER = 'database/cadre.pgdump';

export interface BackupMember {
  name: string;
  size: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  appVersion: string;
  /** The last migration applied to the snapshot (its schema). */
  schemaVersion: string;
  createdAt: string;
  /** 手动 / 自动 / 升级前 / 恢复前 */
  reason: string;
  /** Who made it. */
  actor: string;
  /** Rows per table of the snapshot. */
  counts: Record<string, number>;
  /** The archive ledger's head in the snapshot. */
  ledgerHead: { seq: number; entryHash: string } | null;
  /** The key derivation of an encrypted backup (salt and cost; nothing secret), or null/absent when plain. */
  encryption?: KeyInfo | null;
  /** Which database the backup is of: absent or 'sqlite' for a desktop database, 'postgres' for a server's (a pg_dump). */
  engine?: 'sqlite' | 'postgres';
  members: BackupMember[];
}

/** A file to put in the backup under `name`. */
export interface MemberSource {
  name: string;
  file: string;
}

const damaged = (file: string, why: string) => new AppError('VALIDATION', `备份文件“${path.basename(file)}”无法使用：${why}`);

function sha256File(file: string): Promise<{ size: number; sha256: string }> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let size = 0;
    fs.createReadStream(file)
      .on('data', (c: Buffer | string) => {
        const b = typeof c === 'string' ? Buffer.from(c) : c;
        size += b.length;
        hash.update(b);
      })
      .on('error', reject)
      .on('end', () => resolve({ size, sha256: hash.digest('hex') }));
  });
}

/**
 * Writes the backup to `out` (through `out.partial`, renamed when complete, so an interrupted backup never looks
 * like a finished one). The database is stored uncompressed-fast (level 1): most of the time is its size.
 */
export async function writeBackupArchive(out: string, manifest: Omit<BackupManifest, 'members'>, sources: MemberSource[]): Promise<BackupManifest> {
  const members: BackupMember[] = [];
  for (const s of sources) members.push({ name: s.name, ...(await sha256File(s.file)) });
  const full: BackupManifest = { ...manifest, members };
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(full, null, 2), 'utf8'), MANIFEST_NAME);
  for (const s of sources) zip.addFile(s.file, s.name, { compressionLevel: s.name === DATABASE_MEMBER || s.name === PG_DUMP_MEMBER ? 1 : 6 });
  zip.end();
  const partial = `${out}.partial`;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  try {
    await pipeline(zip.outputStream, fs.createWriteStream(partial));
    const fd = fs.openSync(partial, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(partial, out);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  return full;
}

/**
 * A backup holds the database, its key and one member per evidence file: far fewer than this. A directory that
 * claims more (a zip made to exhaust memory while its entries are listed) is refused before one is read; the
 * members' sizes are held to the manifest and every byte to its SHA-256 when extracted.
 */
const MAX_BACKUP_MEMBERS = 1_000_000;

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(damaged(file, '不是有效的备份文件（文件损坏、被截断或不是本系统的备份）'));
      const tooMany = memberCountProblem(zip.entryCount, { maxMembers: MAX_BACKUP_MEMBERS });
      if (tooMany) {
        zip.close();
        return reject(damaged(file, tooMany));
      }
      resolve(zip);
    }),
  );
}

function entriesOf(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const out: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => (out.push(e), zip.readEntry()));
    zip.on('end', () => resolve(out));
    zip.on('error', reject);
    zip.readEntry();
  });
}

function streamOf(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, s) => (err || !s ? reject(err) : resolve(s))));
}

async function readManifest(file: string, zip: yauzl.ZipFile, entries: yauzl.Entry[]): Promise<BackupManifest> {
  const entry = entries.find((e) => e.fileName === MANIFEST_NAME);
  if (!entry) throw damaged(file, '缺少清单（manifest.json），不是本系统的备份');
  if (entry.uncompressedSize > 16 * 1024 * 1024) throw damaged(file, '清单过大');
  const chunks: Buffer[] = [];
  for await (const c of (await streamOf(zip, entry)) as AsyncIterable<Buffer>) chunks.push(c);
  let m: BackupManifest;
  try {
    m = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw damaged(file, '清单不是有效的 JSON');
  }
  if (m?.format !== BACKUP_FORMAT) throw damaged(file, '不是挂职干部管理系统的备份');
  if (typeof m.formatVersion !== 'number' || m.formatVersion > BACKUP_FORMAT_VERSION) throw damaged(file, '由更新版本的程序生成，请先升级本程序');
  const dbMember = m.engine === 'postgres' ? PG_DUMP_MEMBER : DATABASE_MEMBER;
  if (!Array.isArray(m.members) || !m.members.some((x) => x.name === dbMember)) throw damaged(file, '清单中没有数据库');
  return m;
}

/** The manifest of a backup, after checking that every member it names is there with its size. Reads no data. */
export async function inspectBackupArchive(file: string): Promise<BackupManifest> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new AppError('NOT_FOUND', `备份文件不存在：${file}`);
  const zip = await openZip(file);
  try {
    const entries = await entriesOf(zip);
    const m = await readManifest(file, zip, entries);
    const byName = new Map(entries.map((e) => [e.fileName, e]));
    for (const member of m.members) {
      const e = byName.get(member.name);
      if (!e || e.uncompressedSize !== member.size) throw damaged(file, `缺少或截断了“${member.name}”`);
    }
    return m;
  } catch (err) {
    throw err instanceof AppError ? err : damaged(file, '文件损坏或被截断');
  } finally {
    zip.close();
  }
}

/**
 * Extracts every member into `dir` (which must be empty), checking each one's SHA-256 against the manifest.
 * Member names are checked too: nothing is written outside `dir`.
 */
export async function extractBackupArchive(file: string, dir: string): Promise<BackupManifest> {
  const zip = await openZip(file);
  try {
    const entries = await entriesOf(zip);
    const m = await readManifest(file, zip, entries);
    const byName = new Map(entries.map((e) => [e.fileName, e]));
    const root = path.resolve(dir);
    for (const member of m.members) {
      const target = path.resolve(root, member.name);
      if (!target.startsWith(root + path.sep)) throw damaged(file, `清单中的路径不安全：${member.name}`);
      const e = byName.get(member.name);
      if (!e) throw damaged(file, `缺少“${member.name}”`);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const hash = createHash('sha256');
      const source = await streamOf(zip, e);
      source.on('data', (c: Buffer) => hash.update(c));
      try {
        await pipeline(source, fs.createWriteStream(target));
      } catch {
        throw damaged(file, `“${member.name}”无法读出（文件损坏或被截断）`);
      }
      if (hash.digest('hex') !== member.sha256) throw damaged(file, `“${member.name}”的校验值不符（文件被改动或损坏）`);
    }
    return m;
  } catch (err) {
    throw err instanceof AppError ? err : damaged(file, '文件损坏或被截断');
  } finally {
    zip.close();
  }
}
