import { z } from 'zod';
import type { AuditFilterOptions, AuditListItem } from '../audit';
import type { Page } from '../cadre';
import { channel } from './channel';
import { none } from './common';

const day = z
  .string()
  .trim()
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, '应为日期（如 2025-03-01）')
  .default('');
const text = z.string().trim().max(100, '不能超过100个字').default('');

/**
 * The viewer's filters, each optional ('' = any). Dates are local days, both ends included. Keys with labels in
 * FIELD_LABELS (startDate 开始日期, query 查询内容 …), so that a refusal names the field.
 */
const filterFields = {
  actor: text,
  startDate: day,
  endDate: day,
  entityType: text,
  action: text,
  /** Free text searched in the entry's 说明 (note). */
  query: text,
};
const datesInOrder = (f: { startDate: string; endDate: string }) => !f.startDate || !f.endDate || f.startDate <= f.endDate;
const datesMessage = { message: '开始日期不能晚于结束日期', path: ['startDate'] };

export const AuditFilterSchema = z.object(filterFields).refine(datesInOrder, datesMessage);
export const AuditListQuerySchema = z
  .object({
    ...filterFields,
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(200, '不能超过200').default(50),
  })
  .refine(datesInOrder, datesMessage);

export type AuditFilter = z.output<typeof AuditFilterSchema>;
export type AuditListQuery = z.output<typeof AuditListQuerySchema>;

/** 系统 → 操作日志: the audit log, newest first, filtered and paged; its .xlsx export; the filters' choices. */
export const auditChannels = {
  'audit:list': channel<Page<AuditListItem>>()(AuditListQuerySchema.default({} as never)),
  'audit:export': channel<{ fileName: string; base64: string; count: number }>()(AuditFilterSchema.default({} as never)),
  'audit:options': channel<AuditFilterOptions>()(none),
};
