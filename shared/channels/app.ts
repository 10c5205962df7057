import { channel } from './channel';
import { none } from './common';
import { DemoClearInputSchema, type DemoClearReport, type DemoLoadResult, type DemoStatus } from '../demo';

export interface AppInfo {
  version: string;
  /** `electron` in the desktop app, `browser` in the browser host. */
  mode: 'electron' | 'browser';
  dbFile: string;
  cadreCount: number;
  /** 示例数据: offered on an empty database; what is left of it to clear. */
  demo: DemoStatus;
}

export const appChannels = {
  'app:info': channel<AppInfo>()(none),
  /** Loads the demo on an empty database only, without archiving anything (so that it can be cleared). */
  'demo:load': channel<DemoLoadResult>()(none),
  /** 清除示例数据, or with `preview` what it would remove and keep. */
  'demo:clear': channel<DemoClearReport>()(DemoClearInputSchema),
};
