import { z } from 'zod';

/**
 * The app's settings (设置), stored as key → JSON value. Each key has its schema and default; a key never set reads
 * as its default.
 */
export interface AppSettings {
  /** 在岗率预警阈值: running postings below this ratio are flagged on the posting and the home screen. */
  onPostThreshold: number;
  /** 备份文件夹: where backups go ('' = `backups` beside the database); a second disk or a USB stick is better. */
  backupFolder: string;
  /** 保留每日自动备份的天数 */
  backupKeepDaily: number;
  /** 保留每月自动备份的月数 */
  backupKeepMonthly: number;
  /** 无操作自动退出（分钟）: a signed-in session ends after this long without a call (only once accounts exist). */
  idleLockMinutes: number;
}

export const DEFAULT_SETTINGS: Readonly<AppSettings> = { onPostThreshold: 0.8, backupFolder: '', backupKeepDaily: 30, backupKeepMonthly: 12, idleLockMinutes: 10 };

export const SETTING_LABELS: Readonly<Record<keyof AppSettings, string>> = {
  onPostThreshold: '在岗率预警阈值',
  backupFolder: '备份文件夹',
  backupKeepDaily: '保留每日自动备份（天）',
  backupKeepMonthly: '保留每月自动备份（月）',
  idleLockMinutes: '无操作自动退出（分钟）',
};

/** An absolute folder path on Windows (`D:\备份`, `\\server\share`) or Linux (`/media/u盘/备份`). */
const absoluteFolder = z
  .string()
  .trim()
  .max(500, '路径过长')
  .refine((v) => v === '' || /^([a-zA-Z]:[\\/]|\\\\|\/)/.test(v), '应为完整路径，如 D:\\干部档案备份 或 /media/backup');

/** One setting to change; `value` is checked by its key. */
export const SettingInputSchema = z.discriminatedUnion(
  'key',
  [
    z.object({
      key: z.literal('onPostThreshold'),
      value: z.number({ error: '应为0到1之间的比例，如 0.8 表示80%' }).min(0, '不能小于0').max(1, '不能大于1（100%）'),
    }),
    z.object({ key: z.literal('backupFolder'), value: absoluteFolder }),
    z.object({ key: z.literal('backupKeepDaily'), value: z.number().int('应为整数').min(1, '至少保留1天').max(365, '最多保留365天') }),
    z.object({ key: z.literal('backupKeepMonthly'), value: z.number().int('应为整数').min(0, '不能小于0').max(120, '最多保留120个月') }),
    z.object({ key: z.literal('idleLockMinutes'), value: z.number().int('应为整数').min(1, '至少1分钟').max(60, '最多60分钟') }),
  ],
  { error: `设置项：应为${Object.values(SETTING_LABELS).join('、')}之一` },
);
export type SettingInput = z.input<typeof SettingInputSchema>;
export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof AppSettings)[];
