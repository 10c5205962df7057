import dayjs from 'dayjs';
import type { BackupInfo } from '../../../shared/backup';
import { BACKUP_COUNT_LABELS } from '../../../shared/backup';
import { formatDateTime } from '../../../shared/dateText';

/** The four numbers the list shows for each backup (the preview compares every table). */
export const LIST_COUNT_KEYS = ['cadre', 'assessment_record', 'growth_evaluation', 'archive_ledger'] as const;

/** Tag colour of each reason a backup was made. */
export const REASON_COLORS: Readonly<Record<string, string>> = { 手动: 'blue', 自动: 'green', 升级前: 'orange', 恢复前: 'purple' };

/** `挂职干部管理系统备份-2026-11-29-1530….cdbak` → 2026-11-29 15:30 (a damaged file still has its name). */
function timeFromFileName(fileName: string): string | null {
  const m = /(\d{4}-\d{2}-\d{2})-(\d{2})(\d{2})/.exec(fileName);
  return m ? `${m[1]} ${m[2]}:${m[3]}` : null;
}

/** When the backup was taken, in local time; from the file name when the file cannot be read. */
export function backupTime(b: Pick<BackupInfo, 'createdAt' | 'fileName'>): string {
  if (b.createdAt && dayjs(b.createdAt).isValid()) return formatDateTime(b.createdAt, { seconds: true });
  return timeFromFileName(b.fileName)?.replace(/-/g, '.') ?? '时间不详';
}

/** A sortable key for newest-first: the snapshot time, or the time in the file name. */
export function backupSortKey(b: BackupInfo): string {
  if (b.createdAt && dayjs(b.createdAt).isValid()) return dayjs(b.createdAt).format('YYYY-MM-DD HH:mm:ss.SSS');
  return timeFromFileName(b.fileName) ?? '';
}

/** 12.34 MB; tiny files are not shown as 0. */
export function formatSize(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  if (mb > 0 && mb < 0.01) return '<0.01 MB';
  return `${mb.toFixed(2)} MB`;
}

export interface CountRow {
  key: string;
  label: string;
  backup: number;
  current: number;
}

/** One row per table the page names, then the rest summed as 其他 (shown only when there is any). */
export function compareCounts(backup: Record<string, number>, current: Record<string, number>): CountRow[] {
  const rows: CountRow[] = Object.entries(BACKUP_COUNT_LABELS).map(([key, label]) => ({ key, label, backup: backup[key] ?? 0, current: current[key] ?? 0 }));
  const known = new Set([...Object.keys(BACKUP_COUNT_LABELS), 'migrations']);
  const others = (counts: Record<string, number>) => Object.entries(counts).reduce((sum, [k, n]) => (known.has(k) ? sum : sum + n), 0);
  const other = { key: '其他', label: '其他', backup: others(backup), current: others(current) };
  if (other.backup || other.current) rows.push(other);
  return rows;
}

/** The ledger head as the clerk reads it: 归档账本 N 条. */
export const ledgerEntries = (head: { seq: number } | null | undefined) => head?.seq ?? 0;
