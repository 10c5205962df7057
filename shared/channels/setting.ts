import { SettingInputSchema, type AppSettings } from '../settings';
import { channel } from './channel';
import { none } from './common';

/** 设置: every setting with its default filled in; one key changed at a time (audited). */
export const settingChannels = {
  'setting:get': channel<AppSettings>()(none),
  /** `{ key: 'onPostThreshold', value: 0–1 }` → all settings. */
  'setting:set': channel<AppSettings>()(SettingInputSchema),
};
