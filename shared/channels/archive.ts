import type { VerifyReport } from '../archive';
import { channel } from './channel';
import { none } from './common';

/** 系统 → 归档核验: the same check as `verify` (integrity, ledger chain and head, every archived record). */
export const archiveChannels = {
  'archive:verify': channel<VerifyReport>()(none),
};
