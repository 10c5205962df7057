import fs from 'node:fs';
import path from 'node:path';

/**
 * Personnel data is for the person who runs the program: on Linux desktops (统信UOS, 银河麒麟) another local
 * account must not read the database, its keys or its backups. Windows keeps them in the user's profile, whose
 * ACL already allows only that user (and administrators), so nothing is changed there.
 */

/** Files made from now on by this process are readable by their owner only (0600 files, 0700 folders). */
export function restrictNewFiles(): void {
  if (process.platform !== 'win32') process.umask(0o077);
}

/** The database file and its companions (WAL, shared memory, key files) to 0600, and its folder to 0700. */
export function keepPrivate(dbFile: string, options: { folder: boolean }): void {
  if (process.platform === 'win32') return;
  const base = dbFile.replace(/\.[^./\\]+$/, '');
  for (const file of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, `${base}.ledger-key`, `${base}.keyinfo`]) {
    try {
      if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
    } catch {
      // Not there (yet): nothing to restrict.
    }
  }
  if (!options.folder) return;
  const dir = path.dirname(path.resolve(dbFile));
  try {
    if ((fs.statSync(dir).mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
  } catch {
    // A folder we cannot change (not ours): leave it; the files themselves are restricted.
  }
}
