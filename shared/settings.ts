import { z } from 'zod';

/**
 * The app's settings (设置), stored as key → JSON value. Each key has its schema and default; a key never set reads
 * as its default.
 */
export interface AppSettings {
  /** 在岗率预警阈值: running postings below this ratio are flagged on the posting and the home screen. */
  onPostThreshold: number;
}

export const DEFAULT_SETTINGS: Readonly<AppSettings> = { onPostThreshold: 0.8 };

export const SETTING_LABELS: Readonly<Record<keyof AppSettings, string>> = {
  onPostThreshold: '在岗率预警阈值',
};

/** One setting to change; `value` is checked by its key. */
export const SettingInputSchema = z.discriminatedUnion(
  'key',
  [
    z.object({
      key: z.literal('onPostThreshold'),
      value: z.number({ error: '应为0到1之间的比例，如 0.8 表示80%' }).min(0, '不能小于0').max(1, '不能大于1（100%）'),
    }),
  ],
  { error: `设置项：应为${Object.values(SETTING_LABELS).join('、')}之一` },
);
export type SettingInput = z.input<typeof SettingInputSchema>;
export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof AppSettings)[];
