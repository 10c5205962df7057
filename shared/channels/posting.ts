import { z } from 'zod';
import type { AuditEntry } from '../audit';
import {
  BulkStatusInputSchema,
  PostingInputSchema,
  ReminderQuerySchema,
  StatusChangeInputSchema,
  type BulkStatusResult,
  type Posting,
  type PostingDetail,
  type PostingReminders,
} from '../posting';
import { channel } from './channel';
import { byId } from './common';

const id = z.number({ error: '应为记录编号' }).int().positive();

/** 挂职记录: a cadre's 挂职经历, saves, the status lifecycle and the home screen's reminders. */
export const postingChannels = {
  'posting:listByCadre': channel<PostingDetail[]>()(z.object({ cadreId: id })),
  'posting:get': channel<PostingDetail>()(byId),
  'posting:save': channel<Posting>()(z.object({ id: id.optional(), data: PostingInputSchema })),
  'posting:changeStatus': channel<Posting>()(StatusChangeInputSchema),
  /** The same change for several postings; each refusal is listed with the person's name, the rest done. */
  'posting:changeStatusMany': channel<BulkStatusResult>()(BulkStatusInputSchema),
  'posting:delete': channel<{ ok: true }>()(byId),
  'posting:history': channel<AuditEntry[]>()(byId),
  'posting:reminders': channel<PostingReminders>()(ReminderQuerySchema),
};
