import type { BackupInfo, BackupList, RestorePreview } from '../backup';
import { BackupFileSchema, RestoreSchema } from '../backup';
import { channel } from './channel';
import { none } from './common';

/** 系统 → 数据备份: list, back up now, preview and restore (the folder and retention are settings). */
export const backupChannels = {
  'backup:list': channel<BackupList>()(none),
  /** Backs up now into the backup folder; progress is reported. */
  'backup:now': channel<BackupInfo>()(none),
  /** What a backup holds next to the current database. Changes nothing. */
  'backup:preview': channel<RestorePreview>()(BackupFileSchema),
  /** Restores after `confirm: true`; the current database is backed up first. */
  'backup:restore': channel<{ restored: BackupInfo; safetyBackup: BackupInfo }>()(RestoreSchema),
};
