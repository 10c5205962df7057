/**
 * Backup file names and which automatic backups to keep. Pure: the backup service lists the folder and deletes
 * what `toPrune` names.
 */
export const BACKUP_EXTENSION = '.cdbak';
const PREFIX = '挂职干部管理系统备份-';

/** Why a backup was made; the automatic kinds carry their reason in the file name. */
export type BackupReason = '手动' | '自动' | '升级前' | '恢复前';

const pad = (n: number) => String(n).padStart(2, '0');

/** `挂职干部管理系统备份-2026-11-29-1530.cdbak`; automatic ones end `-自动.cdbak` (`-升级前`, `-恢复前`). */
export function backupFileName(at: Date, reason: BackupReason): string {
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}`;
  return `${PREFIX}${stamp}${reason === '手动' ? '' : `-${reason}`}${BACKUP_EXTENSION}`;
}

export interface NamedBackup {
  fileName: string;
  /** Local day `YYYY-MM-DD` and time `HHmm` from the name. */
  day: string;
  time: string;
  reason: BackupReason;
}

/** Reads a name written by `backupFileName` (a clerk's own copy under another name is listed but never pruned). */
export function parseBackupFileName(fileName: string): NamedBackup | null {
  const m = /^挂职干部管理系统备份-(\d{4}-\d{2}-\d{2})-(\d{4})(?:-(自动|升级前|恢复前))?(?: \(\d+\))?\.cdbak$/.exec(fileName);
  if (!m) return null;
  return { fileName, day: m[1], time: m[2], reason: (m[3] as BackupReason | undefined) ?? '手动' };
}

export function localDay(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/**
 * The automatic backups to delete: of the daily ones, the newest `keepDaily` days stay; of the others, the first
 * backup of each of the newest `keepMonthly` months stays as that month's. Manual and pre-upgrade/pre-restore
 * backups are never pruned: a clerk deletes those.
 */
export function toPrune(fileNames: readonly string[], keepDaily: number, keepMonthly: number): string[] {
  const auto = fileNames
    .map(parseBackupFileName)
    .filter((b): b is NamedBackup => b?.reason === '自动')
    .sort((a, b) => (a.day + a.time < b.day + b.time ? 1 : -1));
  const keep = new Set<string>();
  const days = new Set<string>();
  for (const b of auto) {
    if (days.has(b.day)) continue;
    if (days.size >= keepDaily) break;
    days.add(b.day);
    keep.add(b.fileName);
  }
  // The oldest automatic backup of each month, for the newest months.
  const firstOfMonth = new Map<string, NamedBackup>();
  for (const b of auto) firstOfMonth.set(b.day.slice(0, 7), b);
  [...firstOfMonth.keys()]
    .sort()
    .reverse()
    .slice(0, keepMonthly)
    .forEach((month) => keep.add(firstOfMonth.get(month)!.fileName));
  return auto.filter((b) => !keep.has(b.fileName)).map((b) => b.fileName);
}
