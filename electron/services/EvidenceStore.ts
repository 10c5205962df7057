import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Evidence files on disk, content-addressed: `<root>/<first two hex of sha256>/<sha256>.<ext>`. The same bytes are
 * stored once however often they are attached; the database rows say which result uses which file.
 */
export class EvidenceStore {
  constructor(readonly root: string) {}

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
    if (!fs.existsSync(file) || fs.statSync(file).size !== bytes.length) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      fs.writeFileSync(tmp, bytes);
      fs.renameSync(tmp, file);
    }
    return { sha256, path: file };
  }

  exists(sha256: string, ext: string): boolean {
    return fs.existsSync(this.pathOf(sha256, ext));
  }

  read(sha256: string, ext: string): Buffer {
    return fs.readFileSync(this.pathOf(sha256, ext));
  }

  /** Deletes a file no row uses any more; a file already gone is fine. */
  discard(sha256: string, ext: string): void {
    fs.rmSync(this.pathOf(sha256, ext), { force: true });
  }
}
