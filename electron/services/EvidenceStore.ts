import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decryptBytes, encryptBytes } from '../crypto/dataKey';
import { KeyRing } from '../crypto/KeyRing';

/**
 * Evidence files on disk, content-addressed: `<root>/<first two hex of sha256>/<sha256>.<ext>`. The same bytes are
 * stored once however often they are attached; the database rows say which result uses which file.
 */
export class EvidenceStore {
  /** With a data key, files are written encrypted (AES-256-GCM) and read back decrypted; names stay the plain hash. */
  constructor(
    readonly root: string,
    private readonly keys: KeyRing = new KeyRing(),
  ) {}

  static sha256(bytes: Buffer): string {
    return crypto.createHash('sha256').update(bytes).digest('hex');
  }

  pathOf(sha256: string, ext: string): string {
    return path.join(this.root, sha256.slice(0, 2), ext ? `${sha256}.${ext}` : sha256);
  }

  /** Stores the bytes (unless already there) and returns their hash and path. Written whole, then renamed in place. */
  put(bytes: Buffer, ext: string): { sha256: string; path: string } {
    const sha256 = EvidenceStore.sha256(bytes);
    const file = this.pathOf(sha256, ext);
    // Present in full already (plain, or encrypted with its 36 bytes of header, IV and tag): nothing to write.
    const whole = fs.existsSync(file) && [bytes.length, bytes.length + 36].includes(fs.statSync(file).size);
    if (!whole) writeAtomically(file, this.keys.fileKey ? encryptBytes(this.keys.fileKey, bytes) : bytes);
    return { sha256, path: file };
  }

  exists(sha256: string, ext: string): boolean {
    return fs.existsSync(this.pathOf(sha256, ext));
  }

  /** The plain bytes (decrypted when the file is encrypted). */
  read(sha256: string, ext: string): Buffer {
    return decryptBytes(this.keys.fileKey, fs.readFileSync(this.pathOf(sha256, ext)));
  }

  /**
   * A path the system viewer can open: the stored file itself, or for an encrypted one a decrypted copy in the
   * user's temp folder (named like the original, so the viewer shows that name).
   */
  viewablePath(sha256: string, ext: string, fileName: string): string {
    const stored = this.pathOf(sha256, ext);
    if (!this.keys.fileKey) return stored;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-desk-open-'));
    const out = path.join(dir, path.basename(fileName) || `${sha256}.${ext}`);
    fs.writeFileSync(out, this.read(sha256, ext), { mode: 0o600 });
    return out;
  }

  /** Rewrites every stored file for another key (null: plain), one file at a time, each replaced in one rename. */
  rewriteAll(from: Buffer | null, to: Buffer | null): number {
    if (!fs.existsSync(this.root)) return 0;
    let n = 0;
    for (const entry of fs.readdirSync(this.root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.name.endsWith('.tmp')) continue;
      const file = path.join(entry.parentPath, entry.name);
      const plain = decryptBytes(from, fs.readFileSync(file));
      writeAtomically(file, to ? encryptBytes(to, plain) : plain);
      n++;
    }
    return n;
  }

  /** Deletes a file no row uses any more; a file already gone is fine. */
  discard(sha256: string, ext: string): void {
    fs.rmSync(this.pathOf(sha256, ext), { force: true });
  }
}

function writeAtomically(file: string, bytes: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file);
}
