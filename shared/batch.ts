import { z } from 'zod';
import { expectedVersionField } from './editVersion';
import {
  BATCH_TYPES,
  MEETING_TYPES,
  POSTING_DIRECTIONS,
  type BatchType,
  type MeetingType,
  type PostingDirection,
  type PostingStatus,
} from './codes/secondment';
import type { Mentor, Posting } from './posting';
import { optionalDay, requiredDay } from './validators/daySchema';

/**
 * A batch (批次), managed as a work group (工作组): who goes where together, under a leader, with sub-groups,
 * a temporary party branch, quarterly themes and a meetings log. Its members are the cadres with a posting in it.
 */
const text = (max: number) => z.string().trim().max(max, `不能超过${max}个字`).default('');
const recordId = (what: string) => z.number({ error: `请选择${what}` }).int().positive();

export const BatchInputSchema = z
  .object({
    // Checked below under `batchName`: the plain key `name` is labelled 姓名 in every message.
    name: z.string().trim().default(''),
    type: z.enum(BATCH_TYPES, { error: `请选择批次类型（${BATCH_TYPES.join('、')}）` }),
    direction: z.enum(POSTING_DIRECTIONS, { error: '请选择“派出”或“接收”' }),
    /** Pairing 派出地 → 接收地, e.g. 安康市 → 常州市. */
    fromPlace: text(40),
    toPlace: text(40),
    dispatchingOrg: text(100),
    receivingOrg: text(100),
    startDate: optionalDay,
    endDate: optionalDay,
    /** 组长: a cadre who is a member of the batch. */
    leaderId: z.number().int().positive().nullable().default(null),
    notes: text(2000),
    /** The version (updatedAt) the form was loaded with: shared/editVersion.ts. */
    expectedVersion: expectedVersionField,
  })
  .superRefine((v, ctx) => {
    if (!v.name) ctx.addIssue({ code: 'custom', path: ['batchName'], message: '不能为空' });
    if (v.name.length > 100) ctx.addIssue({ code: 'custom', path: ['batchName'], message: '不能超过100个字' });
    if (v.startDate && v.endDate && v.endDate < v.startDate)
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: `不能早于开始日期（${v.startDate}）` });
  });
export type BatchInput = z.input<typeof BatchInputSchema>;
export type BatchData = z.output<typeof BatchInputSchema>;

export const QuarterThemeSchema = z.object({
  /** e.g. 第一季度 / 2026年第一季度 */
  period: z.string().trim().min(1, '不能为空').max(20, '不能超过20个字'),
  theme: z.string().trim().min(1, '不能为空').max(20, '不能超过20个字'),
  note: text(500),
});
export type QuarterTheme = z.output<typeof QuarterThemeSchema>;

export const ThemesInputSchema = z.object({
  batchId: recordId('批次'),
  themes: z.array(QuarterThemeSchema).max(12, '最多12个主题'),
});

export const SubGroupInputSchema = z.object({
  /** Present for a sub-group that already exists; absent for a new one. */
  id: z.number().int().positive().optional(),
  groupName: z.string().trim().min(1, '不能为空').max(30, '不能超过30个字'),
  /** 小组负责人 (optional): a member of the sub-group. */
  leaderId: z.number().int().positive().nullable().default(null),
  /** Cadre ids; each must be a member of the batch. */
  memberIds: z.array(z.number().int().positive()).max(1000).default([]),
});
export const SubGroupsInputSchema = z.object({
  batchId: recordId('批次'),
  /** The batch's whole set of sub-groups: ones left out are removed. */
  subGroups: z.array(SubGroupInputSchema).max(30, '最多30个工作小组'),
});
export type SubGroupsInput = z.input<typeof SubGroupsInputSchema>;

export const PartyBranchInputSchema = z.object({
  batchId: recordId('批次'),
  branchName: text(60),
  foundedDate: optionalDay,
  /** 支部书记: a member of the batch; always counted among the branch members. */
  secretaryId: z.number().int().positive().nullable().default(null),
  memberIds: z.array(z.number().int().positive()).max(1000).default([]),
});
export type PartyBranchInput = z.input<typeof PartyBranchInputSchema>;

export const MeetingInputSchema = z.object({
  type: z.enum(MEETING_TYPES, { error: `应为${MEETING_TYPES.join('、')}之一` }),
  date: requiredDay,
  topic: z.string().trim().min(1, '不能为空').max(200, '不能超过200个字'),
  /** 出席人数 */
  attendance: z.number({ error: '应为人数' }).int('应为整数').min(0, '不能为负数').max(10000).nullable().default(null),
  /** 会议纪要 */
  minutes: text(5000),
});
export type MeetingInput = z.input<typeof MeetingInputSchema>;

/** Defaults for the postings created when cadres join a batch (host unit and post are often filled in later). */
export const MemberDefaultsSchema = z.object({
  hostUnit: text(100),
  hostPost: text(200),
  postType: z.string().trim().default(''),
  /** Default: the batch's start and end. */
  startDate: optionalDay,
  plannedEndDate: optionalDay,
  status: z.enum(['拟派', '在岗'], { error: '新成员的状态应为“拟派”或“在岗”' }).default('拟派'),
});
export type MemberDefaults = z.input<typeof MemberDefaultsSchema>;

export const AddMembersInputSchema = z.object({
  batchId: recordId('批次'),
  cadreIds: z.array(z.number().int().positive()).min(1, '请至少选择一名干部').max(2000, '一次最多添加2000人'),
  defaults: MemberDefaultsSchema.default({} as never),
});
export type AddMembersInput = z.input<typeof AddMembersInputSchema>;

/** One member to add inside a caller's transaction (roster import): per-member values over the defaults. */
export interface MemberToAdd extends MemberDefaults {
  cadreId: number;
  originalUnit?: string;
  originalPost?: string;
  politicalMentor?: Partial<Mentor>;
  businessMentor?: Partial<Mentor>;
  notes?: string;
}

export interface AddMembersResult {
  /** Postings created, one per new member. */
  added: { cadreId: number; postingId: number; name: string }[];
  /** Cadres already in the batch: left as they were. */
  alreadyMembers: { cadreId: number; name: string }[];
}

export const BatchListQuerySchema = z
  .object({
    query: z.string().trim().max(50, '不能超过50个字').default(''),
    type: z.string().trim().default(''),
    direction: z.string().trim().default(''),
  })
  .default({ query: '', type: '', direction: '' });
export type BatchListQuery = z.input<typeof BatchListQuerySchema>;

export type StatusCounts = Record<PostingStatus, number>;

/** A stored batch (the basic fields; the batch page adds the rest). */
export interface Batch extends BatchData {
  id: number;
  themes: QuarterTheme[];
  branchName: string;
  branchFoundedDate: string;
  branchSecretaryId: number | null;
  createdAt: string;
  updatedAt: string;
}

/** One row of the batch list. */
export interface BatchListItem {
  id: number;
  name: string;
  type: BatchType;
  direction: PostingDirection;
  fromPlace: string;
  toPlace: string;
  dispatchingOrg: string;
  receivingOrg: string;
  startDate: string;
  endDate: string;
  leaderId: number | null;
  leaderName: string | null;
  memberCount: number;
  statusCounts: StatusCounts;
  meetingCount: number;
}

/** A member row on the batch page: the cadre and their posting in this batch. */
/** The posting fields a member row shows, as the posting itself has them. */
type MemberPostingFields = Pick<
  Posting,
  'originalUnit' | 'originalPost' | 'hostUnit' | 'hostPost' | 'postType' | 'startDate' | 'plannedEndDate' | 'actualEndDate' | 'status' | 'politicalMentor' | 'businessMentor'
>;

export interface BatchMember extends MemberPostingFields {
  postingId: number;
  cadreId: number;
  name: string;
  gender: string;
  birthDate: string;
  politicalStatus: string;
  phone: string;
  /**
   * The cadre file is in the recycle bin: not an active member (shown greyed with 已删除, not counted, never 组长,
   * left out of the 花名册 and 汇总表).
   */
  cadreDeleted: boolean;
  isLeader: boolean;
  isBranchSecretary: boolean;
  inBranch: boolean;
  subGroupIds: number[];
}

export interface SubGroup {
  id: number;
  groupName: string;
  leaderId: number | null;
  sortOrder: number;
  memberIds: number[];
}

export interface PartyBranch {
  branchName: string;
  foundedDate: string;
  secretaryId: number | null;
  secretaryName: string | null;
  memberIds: number[];
}

export interface Meeting extends z.output<typeof MeetingInputSchema> {
  id: number;
  batchId: number;
  createdAt: string;
  updatedAt: string;
}

export type MeetingCounts = Record<MeetingType, number> & { total: number };

/** Everything the batch page shows, in one call. */
export interface BatchPage {
  batch: Batch;
  /** The 组长's name; null when none is set or the one set is in the recycle bin (see recycledLeaderName). */
  leaderName: string | null;
  /** The 组长 set for the batch whose file is in the recycle bin: no longer 组长 until restored or replaced. */
  recycledLeaderName: string | null;
  members: BatchMember[];
  statusCounts: StatusCounts;
  subGroups: SubGroup[];
  partyBranch: PartyBranch;
  themes: QuarterTheme[];
  meetings: Meeting[];
  meetingCounts: MeetingCounts;
}

// ---- The batch's term and its members' postings --------------------------------------------------------------

/** A member whose posting does not lie within the batch's 起止, and what 按批次起止调整 would set. */
export interface TermMismatch {
  postingId: number;
  cadreId: number;
  name: string;
  status: PostingStatus;
  startDate: string;
  /** The actual end once ended, else the planned end. */
  endDate: string;
  /** The dates the adjustment sets; null when it leaves the posting alone (see note). */
  proposed: { startDate: string; plannedEndDate: string } | null;
  /** Why part or all of it is not adjusted ('' when it is adjusted fully). */
  note: string;
}

/**
 * The active members whose posting starts before or after the batch's term or ends after it. What adjusting does:
 * a 拟派 posting takes the batch's start and end; a 在岗 one keeps its start (the day the cadre arrived) and takes
 * the batch's end; 延期 and ended postings are left as they are.
 */
export function termMismatches(batch: { startDate: string; endDate: string }, members: readonly BatchMember[]): TermMismatch[] {
  if (!batch.startDate || !batch.endDate) return [];
  const out: TermMismatch[] = [];
  for (const m of members) {
    if (m.cadreDeleted) continue;
    const end = m.actualEndDate || m.plannedEndDate;
    const startOutside = m.startDate < batch.startDate || m.startDate > batch.endDate;
    const endOutside = end > batch.endDate;
    if (!startOutside && !endOutside) continue;
    let proposed: TermMismatch['proposed'] = null;
    let note = '';
    if (m.status === '拟派') proposed = { startDate: batch.startDate, plannedEndDate: batch.endDate };
    else if (m.status === '在岗') {
      if (endOutside && m.startDate <= batch.endDate) proposed = { startDate: m.startDate, plannedEndDate: batch.endDate };
      if (startOutside) note = '已到岗，开始日期按实际到岗日期，不作调整';
    } else if (m.status === '延期') note = '已延期，计划结束日期不作调整';
    else note = `已${m.status === '期满' ? '期满' : '提前结束'}，不作调整`;
    out.push({ postingId: m.postingId, cadreId: m.cadreId, name: m.name, status: m.status, startDate: m.startDate, endDate: end, proposed, note });
  }
  return out;
}

export const AlignPostingsInputSchema = z.object({
  batchId: recordId('批次'),
  postingIds: z.array(z.number().int().positive()).min(1, '请至少选择一人').max(2000),
});
export type AlignPostingsInput = z.input<typeof AlignPostingsInputSchema>;

export interface AlignPostingsResult {
  done: { postingId: number; name: string; startDate: string; plannedEndDate: string }[];
  refused: { postingId: number; name: string; message: string }[];
}
