import { z } from 'zod';
import type { AuditEntry } from '../audit';
import {
  AddMembersInputSchema,
  AlignPostingsInputSchema,
  BatchInputSchema,
  BatchListQuerySchema,
  MeetingInputSchema,
  PartyBranchInputSchema,
  SubGroupsInputSchema,
  ThemesInputSchema,
  type AddMembersResult,
  type AlignPostingsResult,
  type Batch,
  type BatchListItem,
  type BatchPage,
  type Meeting,
  type PartyBranch,
  type QuarterTheme,
  type SubGroup,
} from '../batch';
import { channel } from './channel';
import { byId } from './common';

const id = z.number({ error: '应为记录编号' }).int().positive();

/** 批次/工作组: the batch list, the batch page (one call), and each part of the page saved on its own. */
export const batchChannels = {
  'batch:list': channel<BatchListItem[]>()(BatchListQuerySchema),
  'batch:get': channel<BatchPage>()(byId),
  'batch:save': channel<Batch>()(z.object({ id: id.optional(), data: BatchInputSchema })),
  'batch:delete': channel<{ ok: true }>()(byId),
  'batch:history': channel<AuditEntry[]>()(byId),
  'batch:addMembers': channel<AddMembersResult>()(AddMembersInputSchema),
  'batch:removeMember': channel<{ ok: true }>()(z.object({ batchId: id, cadreId: id })),
  'batch:saveSubGroups': channel<SubGroup[]>()(SubGroupsInputSchema),
  'batch:savePartyBranch': channel<PartyBranch>()(PartyBranchInputSchema),
  'batch:saveThemes': channel<QuarterTheme[]>()(ThemesInputSchema),
  'batch:saveMeeting': channel<Meeting>()(z.object({ id: id.optional(), batchId: id, data: MeetingInputSchema })),
  'batch:deleteMeeting': channel<{ ok: true }>()(byId),
  /** 按批次起止调整: the chosen members' postings moved to the batch's term (see termMismatches). */
  'batch:alignPostings': channel<AlignPostingsResult>()(AlignPostingsInputSchema),
};
