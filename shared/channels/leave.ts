import { z } from 'zod';
import type { AuditEntry } from '../audit';
import {
  LeaveInputSchema,
  OnPostQuerySchema,
  OnPostWarningQuerySchema,
  type LeaveEntry,
  type OnPostWarnings,
  type PostingLeave,
  type PostingOnPost,
} from '../leave';
import { channel } from './channel';
import { byId } from './common';

const id = z.number({ error: '应为记录编号' }).int().positive();

/** 请销假 and 在岗天数: the leave tab, its entries, a posting's on-post figures and the home screen's warnings. */
export const leaveChannels = {
  /** Entries (newest first) and the on-post figures per month, with the threshold and whether it is undercut. */
  'leave:listByPosting': channel<PostingLeave>()(OnPostQuerySchema),
  'leave:save': channel<LeaveEntry>()(z.object({ id: id.optional(), data: LeaveInputSchema })),
  'leave:delete': channel<{ ok: true }>()(byId),
  'leave:history': channel<AuditEntry[]>()(byId),
  /** The posting page's warning: on-post figures only. */
  'onpost:summary': channel<PostingOnPost>()(OnPostQuerySchema),
  /** Running postings (在岗/延期) below the threshold, lowest ratio first (home screen). */
  'onpost:warnings': channel<OnPostWarnings>()(OnPostWarningQuerySchema),
};
