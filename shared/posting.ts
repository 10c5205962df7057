import { z } from 'zod';
import { expectedVersionField } from './editVersion';
import {
  FINAL_POSTING_STATUSES,
  POST_TYPES,
  POSTING_DIRECTIONS,
  POSTING_STATUSES,
  type PostingDirection,
  type PostingStatus,
  type PostType,
} from './codes/secondment';
import { optionalDay, requiredDay } from './validators/daySchema';

/**
 * A posting (挂职记录): one cadre at one host unit for one term, sent out (派出) or received (接收),
 * inside a batch or on its own. Dates are days `YYYY.MM.DD`.
 */
const text = (max: number) => z.string().trim().max(max, `不能超过${max}个字`).default('');

export const MentorSchema = z.object({
  name: text(30),
  unit: text(100),
  phone: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^[\d\-+() ]{5,20}$/.test(v), '应为电话号码（数字，可含“-”）'),
});
export type Mentor = z.output<typeof MentorSchema>;
const noMentor = (): Mentor => ({ name: '', unit: '', phone: '' });

/** Statuses a posting may be created in: planned, running, or a finished one entered afterwards. */
export const CREATABLE_STATUSES = ['拟派', '在岗', '期满'] as const satisfies readonly PostingStatus[];

const postingFields = z.object({
  cadreId: z.number({ error: '请选择干部' }).int().positive(),
  batchId: z.number().int().positive().nullable().default(null),
  direction: z.enum(POSTING_DIRECTIONS, { error: '请选择“派出”或“接收”' }),
  /** 原单位/原职务 at the time of the posting (the file's current values move on). */
  originalUnit: text(100),
  originalPost: text(200),
  hostUnit: text(100),
  hostPost: text(200),
  postType: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || (POST_TYPES as readonly string[]).includes(v), `应为${POST_TYPES.join('、')}之一`),
  startDate: requiredDay,
  plannedEndDate: requiredDay,
  /** Set when the posting ended (期满 or 提前结束); '' while it runs. */
  actualEndDate: optionalDay,
  /**
   * When creating: 拟派 (default), 在岗 or 期满. When updating it may be sent back unchanged; a different value is
   * refused, since the status changes only through `changeStatus` (with date and reason).
   */
  status: z.enum(POSTING_STATUSES, { error: `应为${POSTING_STATUSES.join('、')}之一` }).optional(),
  politicalMentor: MentorSchema.default(noMentor),
  businessMentor: MentorSchema.default(noMentor),
  notes: text(1000),
  /** The version (updatedAt) the form was loaded with: shared/editVersion.ts. */
  expectedVersion: expectedVersionField,
});

/** Cross-field rules of a posting; the form, the services and imports share them. */
export function checkPostingRules(v: z.output<typeof postingFields>, add: (path: string[], message: string) => void): void {
  if (v.startDate && v.plannedEndDate && v.plannedEndDate < v.startDate)
    add(['plannedEndDate'], `不能早于开始日期（${v.startDate}）`);
  if (v.startDate && v.actualEndDate && v.actualEndDate < v.startDate)
    add(['actualEndDate'], `不能早于开始日期（${v.startDate}）`);
}

export const PostingInputSchema = postingFields.superRefine((v, ctx) =>
  checkPostingRules(v, (path, message) => ctx.addIssue({ code: 'custom', path, message })),
);
export type PostingInput = z.input<typeof PostingInputSchema>;
export type PostingData = z.output<typeof PostingInputSchema>;

/** A stored posting as the API returns it. */
export interface Posting {
  id: number;
  cadreId: number;
  batchId: number | null;
  direction: PostingDirection;
  originalUnit: string;
  originalPost: string;
  hostUnit: string;
  hostPost: string;
  postType: PostType | '';
  startDate: string;
  plannedEndDate: string;
  actualEndDate: string;
  status: PostingStatus;
  politicalMentor: Mentor;
  businessMentor: Mentor;
  notes: string;
  createdAt: string;
  updatedAt: string;
}

/** One line of a posting's status history (拟派 → 在岗 → …). `from` is null for the first line. */
export interface PostingStatusChange {
  id: number;
  postingId: number;
  from: PostingStatus | null;
  to: PostingStatus;
  date: string;
  reason: string;
  actor: string;
  at: string;
}

/** A posting with what the 挂职经历 tab and timeline show next to it. */
export interface PostingDetail extends Posting {
  cadreName: string;
  batchName: string | null;
  statusChanges: PostingStatusChange[];
}

// ---- Lifecycle -------------------------------------------------------------------------------------------

/**
 * Allowed status changes. A planned posting that does not happen is deleted rather than "ended":
 * it never started, so it has no end to record. 延期 may be extended again.
 */
export const POSTING_TRANSITIONS: Readonly<Record<PostingStatus, readonly PostingStatus[]>> = {
  拟派: ['在岗'],
  在岗: ['期满', '提前结束（召回）', '延期'],
  延期: ['期满', '提前结束（召回）', '延期'],
  期满: [],
  '提前结束（召回）': [],
};

export function nextStatuses(from: PostingStatus): readonly PostingStatus[] {
  return POSTING_TRANSITIONS[from];
}

/** Why a change is refused (Chinese, names both states), or null when the lifecycle allows it. */
export function transitionRefusal(from: PostingStatus, to: PostingStatus): string | null {
  if (POSTING_TRANSITIONS[from].includes(to)) return null;
  if ((FINAL_POSTING_STATUSES as readonly string[]).includes(from)) return `不能从“${from}”改为“${to}”：${from}是最终状态`;
  if (from === to) return `不能从“${from}”改为“${to}”：状态已是“${from}”`;
  const allowed = POSTING_TRANSITIONS[from].map((s) => `“${s}”`).join('或');
  return `不能从“${from}”改为“${to}”：“${from}”之后只能改为${allowed}`;
}

export const StatusChangeInputSchema = z
  .object({
    id: z.number({ error: '应为记录编号' }).int().positive(),
    to: z.enum(POSTING_STATUSES, { error: `应为${POSTING_STATUSES.join('、')}之一` }),
    date: requiredDay,
    reason: text(500),
    /** 延期 only: the new planned end. */
    newPlannedEndDate: optionalDay,
  })
  .superRefine((v, ctx) => {
    if ((v.to === '提前结束（召回）' || v.to === '延期') && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: `改为“${v.to}”须填写原因` });
    if (v.to === '延期' && !v.newPlannedEndDate)
      ctx.addIssue({ code: 'custom', path: ['newPlannedEndDate'], message: '延期须填写新的计划结束日期' });
  });
export type StatusChangeInput = z.input<typeof StatusChangeInputSchema>;

/**
 * One status change for several postings at once (the batch page's selected members). The date may be left empty
 * for 在岗 (each on their own start date) and 期满 (each on their own planned end).
 */
export const BulkStatusInputSchema = z
  .object({
    postingIds: z.array(z.number().int().positive()).min(1, '请至少选择一人').max(2000, '一次最多变更2000人'),
    to: z.enum(POSTING_STATUSES, { error: `应为${POSTING_STATUSES.join('、')}之一` }),
    date: optionalDay,
    reason: text(500),
    newPlannedEndDate: optionalDay,
  })
  .superRefine((v, ctx) => {
    if (!v.date && v.to !== '在岗' && v.to !== '期满') ctx.addIssue({ code: 'custom', path: ['date'], message: `改为“${v.to}”须填写日期` });
    if ((v.to === '提前结束（召回）' || v.to === '延期') && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: `改为“${v.to}”须填写原因` });
    if (v.to === '延期' && !v.newPlannedEndDate)
      ctx.addIssue({ code: 'custom', path: ['newPlannedEndDate'], message: '延期须填写新的计划结束日期' });
  });
export type BulkStatusInput = z.input<typeof BulkStatusInputSchema>;

/** What a bulk change did: the postings changed, and each refusal with the person's name. */
export interface BulkStatusResult {
  done: { postingId: number; cadreName: string; date: string }[];
  refused: { postingId: number; cadreName: string; message: string }[];
}

// ---- Overlap -----------------------------------------------------------------------------------------------

/** The last day a posting occupies the cadre: the actual end once it ended, else the planned end. */
export function effectiveEnd(p: { plannedEndDate: string; actualEndDate: string }): string {
  return p.actualEndDate || p.plannedEndDate || '9999.12.31';
}

/** Whether two postings share at least one day (both ends count: a new term starts the day after). */
export function postingsOverlap(
  a: { startDate: string; plannedEndDate: string; actualEndDate: string },
  b: { startDate: string; plannedEndDate: string; actualEndDate: string },
): boolean {
  return a.startDate <= effectiveEnd(b) && b.startDate <= effectiveEnd(a);
}

// ---- Reminders (home screen) -------------------------------------------------------------------------------

export const ReminderQuerySchema = z
  .object({
    /** For tests and demos: the day taken as today (default: the computer's date). */
    today: optionalDay,
    /** How far ahead “ending soon” looks. */
    withinDays: z.number().int().min(1).max(366).default(30),
  })
  .default({ today: '', withinDays: 30 });

export interface PostingReminder {
  postingId: number;
  cadreId: number;
  cadreName: string;
  batchId: number | null;
  batchName: string | null;
  direction: PostingDirection;
  hostUnit: string;
  hostPost: string;
  startDate: string;
  plannedEndDate: string;
  status: PostingStatus;
  /** Days from today to the planned end: negative once it is past. */
  daysLeft: number;
  /** Which mentors are missing (政治辅导员 / 业务指导员); empty when both are set. */
  missingMentors: string[];
}

export interface PostingReminders {
  today: string;
  /** Running postings whose planned end is within the coming days (today included). */
  endingSoon: PostingReminder[];
  /** Running postings (在岗/延期) whose planned end has passed: someone should end or extend them. */
  overdue: PostingReminder[];
  /** Running postings lacking a 政治辅导员 or 业务指导员. */
  withoutMentors: PostingReminder[];
  /** Postings still 拟派 whose start date has passed: the cadre has likely arrived (到岗 not recorded). */
  pastStart: PostingReminder[];
}
