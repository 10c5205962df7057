import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { DataKey, KeyInfo } from '../crypto/dataKey';
import { backupFileName } from './backupNames';
import { defaultBackupFolder, writeBackup } from './BackupService';

/**
 * The hook `openDatabase` runs when migrations are pending: an existing database (one that has been migrated
 * before) is backed up into the backup folder first, so that an upgrade that goes wrong can be undone.
 */
export function backupBeforeMigrating(dbFile: string, key: { key: DataKey; info: KeyInfo } | null): (ds: DataSource) => Promise<void> {
  return async (ds) => {
    const [applied] = await ds.query(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'migrations'`);
    if (!Number(applied.n)) return;
    const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM migrations`);
    if (!Number(n)) return;
    const [folder] = await ds
      .query(`SELECT value FROM app_setting WHERE key = 'backupFolder'`)
      .catch(() => [] as { value: string }[]);
    const chosen = folder ? (JSON.parse(folder.value) as string) : '';
    const out = path.join(chosen || defaultBackupFolder(dbFile), backupFileName(new Date(), '升级前'));
    // VACUUM INTO keeps the database's key: an encrypted database gives an encrypted backup.
    await writeBackup({ dbFile, snapshot: (file) => ds.query(`VACUUM INTO ?`, [file]), key, evidenceKey: key?.key.fileKey ?? null }, out, { reason: '升级前', actor: '系统' });
  };
}
