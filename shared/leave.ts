import { z } from 'zod';
import { expectedVersionField } from './editVersion';
import { LEAVE_TYPES, type LeaveType } from './codes/assessment';
import type { PostingDirection, PostingStatus } from './codes/secondment';
import type { OnPostSummary } from './onPost';
import { optionalDay, requiredDay } from './validators/daySchema';

/**
 * The two days of a leave entry as the form, its messages and the service name them: the first and the last day
 * away from the post, both counted (the day after the last one the cadre is back).
 */
export const LEAVE_FIELD_LABELS = { startDate: '离岗开始日期', endDate: '离岗结束日期' } as const;

/**
 * 请销假: leave entries of a posting, from which 在岗天数 are computed (shared/onPost.ts). Plain records: they are
 * corrected when the 销假 comes in, so they stay editable.
 */
export const LeaveInputSchema = z
  .object({
    postingId: z.number({ error: '请选择挂职记录' }).int().positive(),
    leaveType: z.enum(LEAVE_TYPES, { error: `应为${LEAVE_TYPES.join('、')}之一` }),
    /** First and last day away, both inclusive. */
    startDate: requiredDay,
    endDate: requiredDay,
    /** 批准人 */
    approvedBy: z.string().trim().min(1, '不能为空').max(60, '不能超过60个字'),
    notes: z.string().trim().max(500, '不能超过500个字').default(''),
    /** The version (updatedAt) the form was loaded with: shared/editVersion.ts. */
    expectedVersion: expectedVersionField,
  })
  .superRefine((v, ctx) => {
    if (v.startDate && v.endDate && v.endDate < v.startDate)
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: `不能早于${LEAVE_FIELD_LABELS.startDate}（${v.startDate}）` });
  });
export type LeaveInput = z.input<typeof LeaveInputSchema>;
export type LeaveData = z.output<typeof LeaveInputSchema>;

export interface LeaveEntry extends LeaveData {
  id: number;
  leaveType: LeaveType;
  /** Calendar days of the entry (both ends counted). */
  days: number;
  createdAt: string;
  updatedAt: string;
}

/** On-post figures of a posting with the threshold they are judged by. */
export interface PostingOnPost extends OnPostSummary {
  /** The configured threshold (设置 onPostThreshold, default 0.8). */
  threshold: number;
  /** The ratio is known and below the threshold. */
  belowThreshold: boolean;
  today: string;
}

/** The leave tab of a posting: its entries (newest first) and the on-post figures per month. */
export interface PostingLeave {
  entries: LeaveEntry[];
  onPost: PostingOnPost;
}

export const OnPostQuerySchema = z.object({
  postingId: z.number({ error: '请选择挂职记录' }).int().positive(),
  /** For tests and demos: the day taken as today (default: the computer's date). */
  today: optionalDay,
});

export const OnPostWarningQuerySchema = z.object({ today: optionalDay }).prefault({});

/** A running posting whose on-post ratio is below the threshold (home screen). */
export interface OnPostWarning {
  postingId: number;
  cadreId: number;
  cadreName: string;
  batchId: number | null;
  batchName: string | null;
  direction: PostingDirection;
  hostUnit: string;
  hostPost: string;
  status: PostingStatus;
  /** Counted span. */
  startDate: string;
  countedTo: string;
  postingDays: number;
  leaveDays: number;
  onPostDays: number;
  ratio: number;
}

export interface OnPostWarnings {
  today: string;
  threshold: number;
  /** Lowest ratio first. */
  items: OnPostWarning[];
}
