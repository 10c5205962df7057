import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { evidenceExtension } from '../../shared/evidenceTypes';
import { decryptBytes, encryptBytes } from '../crypto/dataKey';
import { KeyRing } from '../crypto/KeyRing';
import { diskFullMessage, faultCode, storageFault } from '../db/storageFault';

/**
 * Evidence belongs to its database: `cadre.db` keeps its files in `cadre.db.evidence/` beside it, so that two
 * databases in one folder (a copy, a test file) never share — and never delete — each other's files.
 */
export function evidenceRootFor(dbFile: string): string {
  const file = path.resolve(dbFile);
  return path.join(path.dirname(file), `${path.basename(file)}.evidence`);
}

/** The folder every database in a folder shared before (`<data dir>/evidence`); read only to adopt its files. */
export function legacyEvidenceRootFor(dbFile: string): string {
  return path.join(path.dirname(path.resolve(dbFile)), 'evidence');
}

/** `ab/abcdef….pdf`: where a file sits inside a store (and inside a backup's `evidence/`). */
export function evidenceRelativePath(sha256: string, ext: string): string {
  return `${sha256.slice(0, 2)}/${ext ? `${sha256}.${ext}` : sha256}`;
}

/**
 * The stored file of a database's evidence: in its own folder, or — for a database not opened since evidence moved
 * there (the automatic backup before a schema migration runs before the move) — in the old shared folder. Null
 * when it is in neither.
 */
export function locateEvidence(dbFile: string, sha256: string, ext: string): string | null {
  for (const root of [evidenceRootFor(dbFile), legacyEvidenceRootFor(dbFile)]) {
    const file = path.join(root, evidenceRelativePath(sha256, ext));
    if (fs.existsSync(file)) return file;
  }
  return null;
}

/** Temporary files of a write (this store's `.tmp`, a restore's older `.restore-tmp`). */
const TEMP_FILE = /\.(?:restore-)?tmp$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What adopting the files of the old shared folder did. */
export interface AdoptReport {
  /** Copied from the old folder. */
  copied: number;
  /** Of those, copied as they were because they could not be read with this database's key (or did not match their hash). */
  unverified: number;
  /** Named by a row but in neither folder. */
  missing: number;
  /** Why copying stopped (a full disk): the rest stay readable from the old folder and are copied on the next open. */
  failed: string | null;
}

/**
 * Evidence files on disk, content-addressed: `<root>/<first two hex of sha256>/<sha256>.<ext>`. The same bytes are
 * stored once however often they are attached; the database rows say which result uses which file.
 */
export class EvidenceStore {
  /** The old shared folder when adopting its files failed (a full disk): files not copied here are read from there. */
  private fallback: string | null = null;

  /** With a data key, files are written encrypted (AES-256-GCM) and read back decrypted; names stay the plain hash. */
  constructor(
    readonly root: string,
    private readonly keys: KeyRing = new KeyRing(),
  ) {}

  static sha256(bytes: Buffer): string {
    return crypto.createHash('sha256').update(bytes).digest('hex');
  }

  pathOf(sha256: string, ext: string): string {
    return path.join(this.root, evidenceRelativePath(sha256, ext));
  }

  /**
   * Stores the bytes (unless already there) and returns their hash and path. Written to a temporary file beside it
   * and renamed in place; a failed write (a full disk) leaves nothing behind and says what happened.
   */
  put(bytes: Buffer, ext: string): { sha256: string; path: string } {
    const sha256 = EvidenceStore.sha256(bytes);
    const file = this.pathOf(sha256, ext);
    // Present in full already (plain, or encrypted with its 36 bytes of header, IV and tag): nothing to write.
    const whole = fs.existsSync(file) && [bytes.length, bytes.length + 36].includes(fs.statSync(file).size);
    if (!whole) this.write(file, this.keys.fileKey ? encryptBytes(this.keys.fileKey, bytes) : bytes);
    return { sha256, path: file };
  }

  /** Where the file is: here, or (not copied here yet) in the old shared folder; null when in neither. */
  private locate(sha256: string, ext: string): string | null {
    const own = this.pathOf(sha256, ext);
    if (fs.existsSync(own)) return own;
    const old = this.fallback && path.join(this.fallback, evidenceRelativePath(sha256, ext));
    return old && fs.existsSync(old) ? old : null;
  }

  exists(sha256: string, ext: string): boolean {
    return this.locate(sha256, ext) !== null;
  }

  /** The plain bytes (decrypted when the file is encrypted). */
  read(sha256: string, ext: string): Buffer {
    return decryptBytes(this.keys.fileKey, fs.readFileSync(this.locate(sha256, ext) ?? this.pathOf(sha256, ext)));
  }

  /**
   * A path the system viewer can open: the stored file itself, or for an encrypted one a decrypted copy in the
   * user's temp folder (named like the original, so the viewer shows that name, and always ending in `.<ext>`).
   */
  viewablePath(sha256: string, ext: string, fileName: string, plain?: Buffer): string {
    const stored = this.locate(sha256, ext) ?? this.pathOf(sha256, ext);
    if (!this.keys.fileKey) return stored;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-desk-open-'));
    const base = path.basename(fileName.replace(/\\/g, '/')) || sha256;
    const name = evidenceExtension(base) === ext ? base : `${base}.${ext}`;
    const out = path.join(dir, name);
    fs.writeFileSync(out, plain ?? this.read(sha256, ext), { mode: 0o600 });
    return out;
  }

  /** Rewrites every stored file for another key (null: plain), one file at a time, each replaced in one rename. */
  rewriteAll(from: Buffer | null, to: Buffer | null): number {
    if (!fs.existsSync(this.root)) return 0;
    let n = 0;
    for (const entry of fs.readdirSync(this.root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || TEMP_FILE.test(entry.name)) continue;
      const file = path.join(entry.parentPath, entry.name);
      const plain = decryptBytes(from, fs.readFileSync(file));
      this.write(file, to ? encryptBytes(to, plain) : plain);
      n++;
    }
    return n;
  }

  /** Deletes a file no row uses any more; a file already gone is fine. */
  discard(sha256: string, ext: string): void {
    fs.rmSync(this.pathOf(sha256, ext), { force: true });
  }

  /**
   * Removes temporary files left by writes that never finished (a crash, a pulled USB disk) that are older than
   * `maxAgeMs` — a younger one may be another process's write in progress. Returns how many went.
   */
  sweepStaleTemps(now = Date.now(), maxAgeMs = DAY_MS): number {
    if (!fs.existsSync(this.root)) return 0;
    let n = 0;
    for (const entry of fs.readdirSync(this.root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !TEMP_FILE.test(entry.name)) continue;
      const file = path.join(entry.parentPath, entry.name);
      try {
        if (now - fs.statSync(file).mtimeMs > maxAgeMs) {
          fs.rmSync(file, { force: true });
          n++;
        }
      } catch {
        // Gone meanwhile, or not ours to remove: left alone.
      }
    }
    return n;
  }

  /**
   * Copies the files `referenced` by this store's database from the folder databases used to share (`legacyRoot`)
   * into this store — copies, never moves: another database in the folder may name the same files. A file readable
   * with this store's key and matching its hash is stored as this store stores (encrypted when the key is set);
   * any other is copied byte for byte, so that nothing is lost. Files already here are left as they are. A failed
   * copy (a full disk) stops the adoption without failing: the files not copied are read from the old folder
   * meanwhile, and the next open tries again.
   */
  adoptFrom(legacyRoot: string, referenced: { sha256: string; ext: string }[]): AdoptReport {
    const report: AdoptReport = { copied: 0, unverified: 0, missing: 0, failed: null };
    if (path.resolve(legacyRoot) === path.resolve(this.root) || !fs.existsSync(legacyRoot)) return report;
    try {
      this.adopt(legacyRoot, referenced, report);
      this.fallback = null;
    } catch (err) {
      this.fallback = legacyRoot;
      report.failed = err instanceof Error ? err.message : String(err);
    }
    return report;
  }

  private adopt(legacyRoot: string, referenced: { sha256: string; ext: string }[], report: AdoptReport): void {
    for (const { sha256, ext } of referenced) {
      // Already in this store's own folder (not the fallback): nothing to copy.
      if (!/^[0-9a-f]{64}$/.test(sha256) || fs.existsSync(this.pathOf(sha256, ext))) continue;
      const from = path.join(legacyRoot, evidenceRelativePath(sha256, ext));
      if (!fs.existsSync(from)) {
        report.missing++;
        continue;
      }
      const stored = fs.readFileSync(from);
      let plain: Buffer | null = null;
      try {
        plain = decryptBytes(this.keys.fileKey, stored);
      } catch {
        plain = null;
      }
      const verified = plain !== null && EvidenceStore.sha256(plain) === sha256;
      const bytes = verified ? (this.keys.fileKey ? encryptBytes(this.keys.fileKey, plain!) : plain!) : stored;
      this.write(this.pathOf(sha256, ext), bytes);
      report.copied++;
      if (!verified) report.unverified++;
    }
  }

  private write(file: string, bytes: Buffer): void {
    try {
      writeAtomically(file, bytes);
    } catch (err) {
      throw evidenceStorageFault(err, this.root);
    }
  }
}

/**
 * Writes `bytes` to `file` through a temporary file in the same folder (flushed to disk, then renamed over `file`),
 * so that `file` is either what it was or complete. On any failure the temporary file is removed.
 */
export function writeAtomically(file: string, bytes: Buffer): void {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Left for the sweep when the store next opens.
    }
    throw err;
  }
}

/** A failed write to the evidence folder as the Chinese message a clerk can act on (full disk, read-only folder). */
export function evidenceStorageFault(err: unknown, root: string): unknown {
  if (err instanceof AppError) return err;
  const code = faultCode(err);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new AppError('STORAGE', diskFullMessage(path.dirname(path.resolve(root)), '证据文件未能保存'));
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || code === 'EIO') return storageFault(err, root) ?? err;
  return err;
}
