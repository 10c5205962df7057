import { channel } from './channel';
import { none } from './common';

export interface AppInfo {
  version: string;
  /** `electron` in the desktop app, `browser` in the browser host. */
  mode: 'electron' | 'browser';
  dbFile: string;
  cadreCount: number;
}

export const appChannels = {
  'app:info': channel<AppInfo>()(none),
  'demo:load': channel<{ cadres: number }>()(none),
};
