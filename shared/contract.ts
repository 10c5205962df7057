import type { z } from 'zod';
import './zodLocale';
import type { JobProgress } from './jobProgress';
import { appChannels } from './channels/app';
import { cadreChannels } from './channels/cadre';
import { batchChannels } from './channels/batch';
import { postingChannels } from './channels/posting';
import { documentChannels } from './channels/document';
import { exchangeChannels } from './channels/exchange';
import { assessmentChannels } from './channels/assessment';
import { leaveChannels } from './channels/leave';
import { ledgerChannels } from './channels/ledger';
import { settingChannels } from './channels/setting';
import { desktopChannels } from './channels/desktop';
import { growthChannels } from './channels/growth';
import { backupChannels } from './channels/backup';
import { archiveChannels } from './channels/archive';
import { securityChannels } from './channels/security';
import { auditChannels } from './channels/audit';
import { authChannels } from './channels/auth';
import { userChannels } from './channels/user';

export type { AppInfo } from './channels/app';

/**
 * The API contract: channel name → input schema → result type. The preload, the IPC handlers, the browser
 * host and the renderer's client are all typed from this one map; every input is parsed with its schema.
 * Each domain declares its channels in `channels/<domain>.ts`; add the map here.
 */
export const contract = {
  ...appChannels,
  ...cadreChannels,
  ...batchChannels,
  ...postingChannels,
  ...documentChannels,
  ...exchangeChannels,
  ...assessmentChannels,
  ...leaveChannels,
  ...ledgerChannels,
  ...settingChannels,
  ...desktopChannels,
  ...growthChannels,
  ...backupChannels,
  ...archiveChannels,
  ...securityChannels,
  ...auditChannels,
  ...authChannels,
  ...userChannels,
};

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type ResultOf<C extends Channel> = Contract[C]['result'];

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Every call answers with an envelope; errors carry a Chinese message and never a stack trace. */
export type ApiEnvelope<T> = { ok: true; result: T } | { ok: false; error: { code: string; message: string } };

/** What the preload exposes as `window.cadreDesk` and the browser bridge imitates. */
export interface CadreDeskBridge {
  /** `onProgress` receives the progress of a long job (an import, a backup) while the call runs. */
  invoke(channel: string, input: unknown, onProgress?: (progress: JobProgress) => void): Promise<ApiEnvelope<unknown>>;
}
