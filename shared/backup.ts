import { z } from 'zod';

/** A backup file as the 数据备份 page and `list-backups --json` show it. */
export interface BackupInfo {
  /** Full path. */
  file: string;
  fileName: string;
  size: number;
  /** ISO time the snapshot was taken ('' when unreadable). */
  createdAt: string;
  /** 手动 / 自动 / 升级前 / 恢复前 */
  reason: string;
  actor: string;
  schemaVersion: string;
  appVersion: string;
  /** Rows per table. */
  counts: Record<string, number>;
  ledgerHead: { seq: number; entryHash: string } | null;
  /** Encrypted with the database password it was made with (restoring asks for it). */
  encrypted: boolean;
  /** Why the file cannot be used, or null. */
  damaged: string | null;
  /** Evidence files the database names but that were missing on disk when backing up. */
  missingEvidence?: string[];
}

export interface BackupList {
  folder: string;
  /** `backups` beside the database: where backups go when no folder is set. */
  defaultFolder: string;
  items: BackupInfo[];
}

/** What restoring would replace: the backup next to the current database. */
export interface RestorePreview {
  backup: BackupInfo;
  current: { counts: Record<string, number>; ledgerHead: { seq: number; entryHash: string } | null; schemaVersion: string };
}

/** The tables the backup page compares, with their Chinese names (others are summed as 其他). */
export const BACKUP_COUNT_LABELS: Readonly<Record<string, string>> = {
  cadre: '干部档案',
  batch: '批次',
  posting: '挂职记录',
  assessment_record: '考核记录',
  leave_entry: '请销假',
  work_result: '工作实绩',
  evidence_file: '佐证材料',
  growth_evaluation: '成长评价',
  archive_ledger: '归档账本条目',
  audit_log: '修改记录',
};

const backupPath = z.string().trim().min(1, '请选择备份文件').max(1000, '路径过长');

export const BackupNowSchema = z.object({});
export const BackupFileSchema = z.object({ file: backupPath });
export const RestoreSchema = z.object({
  file: backupPath,
  /** The database password the backup was made with, for an encrypted backup. */
  password: z.string().max(200, '密码过长').optional(),
  /** The clerk confirmed after seeing the preview. */
  confirm: z.literal(true, { error: '请先确认恢复' }),
});
