import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The key that authenticates the archive ledger's head (an HMAC). It is kept beside the database, never inside it:
 * someone who edits the database file with another tool can re-chain the ledger but cannot re-sign its head.
 * The file also remembers that the ledger was set up, so that deleting the whole ledger from the database is
 * reported rather than quietly started afresh. Backups carry it (they restore on a new PC).
 */
export interface LedgerKeyFile {
  version: 1;
  /** 32 random bytes, base64. */
  key: string;
  createdAt: string;
}

/** `cadre.db` → `cadre.ledger-key`, in the same folder. */
export function ledgerKeyPath(dbFile: string): string {
  return path.join(path.dirname(dbFile), `${path.basename(dbFile).replace(/\.[^.]+$/, '')}.ledger-key`);
}

export function readLedgerKey(dbFile: string): Buffer | null {
  const file = ledgerKeyPath(dbFile);
  if (!fs.existsSync(file)) return null;
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as LedgerKeyFile;
    const key = Buffer.from(parsed.key, 'base64');
    return key.length === 32 ? key : null;
  } catch {
    return null;
  }
}

export function ledgerKeyExists(dbFile: string): boolean {
  return fs.existsSync(ledgerKeyPath(dbFile));
}

/** Creates the key file (readable by its owner only), written in full before it is put in place. */
export function createLedgerKey(dbFile: string, key: Buffer = crypto.randomBytes(32)): Buffer {
  const file = ledgerKeyPath(dbFile);
  const body: LedgerKeyFile = { version: 1, key: key.toString('base64'), createdAt: new Date().toISOString() };
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(body));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  return key;
}

export function headMac(key: Buffer, seq: number, entryHash: string): string {
  return crypto.createHmac('sha256', key).update(`archive-ledger-head\n${seq}\n${entryHash}`, 'utf8').digest('hex');
}
