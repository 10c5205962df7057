import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { AuditEntry } from '../../shared/audit';
import { ACTIVE_POSTING_STATUSES } from '../../shared/codes/secondment';
import { notFound, parseOrRefuse, validationError } from '../../shared/errors';
import { describePath } from '../../shared/fieldLabels';
import {
  LEAVE_FIELD_LABELS,
  LeaveInputSchema,
  OnPostQuerySchema,
  OnPostWarningQuerySchema,
  type LeaveData,
  type LeaveEntry,
  type LeaveInput,
  type OnPostWarning,
  type OnPostWarnings,
  type PostingLeave,
  type PostingOnPost,
} from '../../shared/leave';
import { countedSpan, dayNumber, onPostSummary, type DaySpan } from '../../shared/onPost';
import { effectiveEnd, type Posting } from '../../shared/posting';
import { dayOf } from '../../shared/validators/yearMonth';
import { LeaveEntryEntity, PostingEntity } from '../db/entities';
import type { Database } from '../db/Database';
import { diffRecords, type AuditLog } from './AuditLog';
import { postingHeadline } from './postingRows';
import { readPostings, requirePosting, requireWritablePosting } from './postingReader';
import type { ServiceContext } from './ServiceContext';
import { claimVersion } from './editVersion';
import { takeExpectedVersion } from '../../shared/editVersion';
import type { SettingService } from './SettingService';

const ENTITY = 'leave_entry';

function toLeave(e: LeaveEntryEntity): LeaveEntry {
  return {
    id: e.id,
    postingId: e.postingId,
    leaveType: e.leaveType,
    startDate: e.startDate,
    endDate: e.endDate,
    approvedBy: e.approvedBy,
    notes: e.notes,
    days: dayNumber(e.endDate) - dayNumber(e.startDate) + 1,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

function auditableLeave(l: LeaveData | LeaveEntry | null): Record<string, unknown> | null {
  if (!l) return null;
  const { leaveType, startDate, endDate, approvedBy, notes } = l;
  return { leaveType, startDate, endDate, approvedBy, notes };
}

/** The input checked by its schema; a refusal names the two days as the form does (离岗开始日期, 离岗结束日期). */
function parseLeave(input: unknown): LeaveData {
  const r = LeaveInputSchema.safeParse(input);
  if (r.success) return r.data;
  const parts = [...new Set(r.error.issues.map((i) => `${LEAVE_FIELD_LABELS[i.path[0] as keyof typeof LEAVE_FIELD_LABELS] ?? describePath(i.path)}：${i.message}`))];
  throw validationError(parts.slice(0, 5).join('；'));
}

/** 请销假 and 在岗天数: leave entries of a posting, the per-month on-post figures and the home screen's warnings. */
export class LeaveService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly settings: SettingService,
  ) {}

  /** The leave tab: entries (newest first) and the on-post figures per month. */
  async listByPosting(input: z.input<typeof OnPostQuerySchema>): Promise<PostingLeave> {
    const q = parseOrRefuse(OnPostQuerySchema, input);
    const m = this.db.manager;
    const { posting } = await requirePosting(m, q.postingId, '挂职记录');
    const entries = (await m.find(LeaveEntryEntity, { where: { postingId: q.postingId }, order: { startDate: 'DESC', id: 'DESC' } })).map(toLeave);
    return { entries, onPost: await this.onPostOf(posting, entries, q.today) };
  }

  /** The on-post figures of a posting (the warning on the posting page). */
  async summary(input: z.input<typeof OnPostQuerySchema>): Promise<PostingOnPost> {
    return (await this.listByPosting(input)).onPost;
  }

  private async onPostOf(posting: Posting, leave: DaySpan[], todayInput: string): Promise<PostingOnPost> {
    const today = todayInput || dayOf(new Date());
    const { onPostThreshold: threshold } = await this.settings.get();
    const summary = onPostSummary(countedSpan(posting, today), leave);
    return { ...summary, threshold, today, belowThreshold: summary.ratio !== null && summary.ratio < threshold };
  }

  /** Running postings (在岗/延期) of live files whose on-post ratio is below the threshold, lowest first. */
  async warnings(input: z.input<typeof OnPostWarningQuerySchema> = {}): Promise<OnPostWarnings> {
    const q = parseOrRefuse(OnPostWarningQuerySchema, input);
    const today = q.today || dayOf(new Date());
    const { onPostThreshold: threshold } = await this.settings.get();
    const m = this.db.manager;
    const running = await readPostings(m, { statuses: ACTIVE_POSTING_STATUSES, liveCadres: true });
    const leave = await m
      .createQueryBuilder(LeaveEntryEntity, 'l')
      .select(['l.id', 'l.postingId', 'l.startDate', 'l.endDate'])
      .innerJoin(PostingEntity, 'p', 'p.id = l.postingId')
      .where('p.status IN (:...statuses)', { statuses: ACTIVE_POSTING_STATUSES })
      .getMany();
    const leaveOf = new Map<number, DaySpan[]>();
    for (const l of leave) {
      const list = leaveOf.get(l.postingId) ?? [];
      list.push({ startDate: l.startDate, endDate: l.endDate });
      leaveOf.set(l.postingId, list);
    }
    const items: OnPostWarning[] = [];
    for (const { posting: p, cadreName, batchName } of running) {
      const span = countedSpan(p, today);
      const sum = onPostSummary(span, leaveOf.get(p.id) ?? []);
      if (!span || sum.ratio === null || sum.ratio >= threshold) continue;
      items.push({
        ...postingHeadline(p, cadreName, batchName),
        status: p.status,
        startDate: span.startDate,
        countedTo: span.endDate,
        postingDays: sum.postingDays,
        leaveDays: sum.leaveDays,
        onPostDays: sum.onPostDays,
        ratio: sum.ratio,
      });
    }
    items.sort((a, b) => a.ratio - b.ratio || a.postingId - b.postingId);
    return { today, threshold, items };
  }

  /** Adds (no id) or corrects a leave entry; it must lie within the posting. */
  async save(ctx: ServiceContext, input: LeaveInput, id?: number): Promise<LeaveEntry> {
    const data = parseLeave(input);
    return this.db.write((m) => this.saveWith(m, ctx, data, id));
  }

  async saveWith(m: EntityManager, ctx: ServiceContext, input: LeaveData, id?: number, action?: string): Promise<LeaveEntry> {
    const [data, expectedVersion] = takeExpectedVersion(input);
    const { posting, cadreName } = await requireWritablePosting(m, data.postingId, '请销假');
    const end = effectiveEnd(posting);
    if (data.startDate < posting.startDate) throw validationError(`${LEAVE_FIELD_LABELS.startDate}：不能早于挂职开始日期（${posting.startDate}）`);
    if (data.endDate > end) throw validationError(`${LEAVE_FIELD_LABELS.endDate}：不能晚于挂职结束日期（${end}）`);
    const existing = id === undefined ? null : await m.findOneBy(LeaveEntryEntity, { id });
    if (id !== undefined && !existing) throw notFound(`未找到编号为 ${id} 的请销假记录`);
    if (existing && existing.postingId !== data.postingId) throw validationError('挂职记录：请销假记录不能改到另一段挂职，请在那段挂职下新建');
    const now = new Date().toISOString();
    if (!existing) {
      const saved = await m.save(LeaveEntryEntity, m.create(LeaveEntryEntity, { ...data, createdAt: now, updatedAt: now }));
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: saved.id, action: action ?? '新建', changes: diffRecords(null, auditableLeave(data)) });
      return toLeave(saved);
    }
    const version = await claimVersion(m, ctx, {
      entity: LeaveEntryEntity, id: existing.id, stored: existing.updatedAt, expected: expectedVersion, auditType: ENTITY,
      what: `“${cadreName}”${existing.startDate}起的${existing.leaveType}记录`,
    });
    await m.update(LeaveEntryEntity, { id }, { ...data, updatedAt: version });
    const after = toLeave((await m.findOneBy(LeaveEntryEntity, { id }))!);
    const changes = diffRecords(auditableLeave(toLeave(existing)), auditableLeave(after));
    if (Object.keys(changes).length) await this.audit.record(m, ctx, { entityType: ENTITY, entityId: id!, action: action ?? '修改', changes });
    return after;
  }

  async remove(ctx: ServiceContext, id: number): Promise<void> {
    await this.db.write(async (m) => {
      const e = await m.findOneBy(LeaveEntryEntity, { id });
      if (!e) throw notFound(`未找到编号为 ${id} 的请销假记录`);
      await m.delete(LeaveEntryEntity, { id });
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: id, action: '删除', changes: diffRecords(auditableLeave(toLeave(e)), null) });
    });
  }

  history(id: number): Promise<AuditEntry[]> {
    return this.audit.history(ENTITY, id);
  }
}
