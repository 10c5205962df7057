import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { AuditEntry } from '../../shared/audit';
import { ACTIVE_POSTING_STATUSES, type PostingStatus } from '../../shared/codes/secondment';
import { conflict, notFound, parseOrRefuse, validationError } from '../../shared/errors';
import {
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
import { effectiveEnd } from '../../shared/posting';
import { dayOf } from '../../shared/validators/yearMonth';
import { LeaveEntryEntity } from '../db/entities';
import type { Database } from '../db/Database';
import { diffRecords, type AuditLog } from './AuditLog';
import type { ServiceContext } from './ServiceContext';
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

interface PostingSpanRow {
  id: number;
  cadreName: string;
  cadreDeleted: boolean;
  startDate: string;
  plannedEndDate: string;
  actualEndDate: string;
  status: PostingStatus;
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
    const posting = await this.posting(m, q.postingId);
    const entries = (await m.find(LeaveEntryEntity, { where: { postingId: q.postingId }, order: { startDate: 'DESC', id: 'DESC' } })).map(toLeave);
    return { entries, onPost: await this.onPostOf(posting, entries, q.today) };
  }

  /** The on-post figures of a posting (the warning on the posting page). */
  async summary(input: z.input<typeof OnPostQuerySchema>): Promise<PostingOnPost> {
    return (await this.listByPosting(input)).onPost;
  }

  private async onPostOf(posting: PostingSpanRow, leave: DaySpan[], todayInput: string): Promise<PostingOnPost> {
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
    const active = ACTIVE_POSTING_STATUSES;
    const marks = active.map(() => '?').join(',');
    const [postings, leave] = (await Promise.all([
      m.query(
        `SELECT p.id, p.cadre_id, p.batch_id, p.direction, p.host_unit, p.host_post, p.status, p.start_date, p.planned_end_date,
           p.actual_end_date, c.name AS cadre_name, b.name AS batch_name
         FROM posting p JOIN cadre c ON c.id = p.cadre_id LEFT JOIN batch b ON b.id = p.batch_id
         WHERE p.status IN (${marks}) AND c.deleted_at IS NULL`,
        [...active],
      ),
      m.query(
        `SELECT l.posting_id, l.start_date, l.end_date FROM leave_entry l
         WHERE l.posting_id IN (SELECT id FROM posting WHERE status IN (${marks}))`,
        [...active],
      ),
    ])) as Record<string, unknown>[][];
    const leaveOf = new Map<number, DaySpan[]>();
    for (const l of leave) {
      const list = leaveOf.get(Number(l.posting_id)) ?? [];
      list.push({ startDate: String(l.start_date), endDate: String(l.end_date) });
      leaveOf.set(Number(l.posting_id), list);
    }
    const items: OnPostWarning[] = [];
    for (const r of postings) {
      const s = (k: string) => String(r[k] ?? '');
      const span = countedSpan({ startDate: s('start_date'), plannedEndDate: s('planned_end_date'), actualEndDate: s('actual_end_date'), status: s('status') as PostingStatus }, today);
      const sum = onPostSummary(span, leaveOf.get(Number(r.id)) ?? []);
      if (!span || sum.ratio === null || sum.ratio >= threshold) continue;
      items.push({
        postingId: Number(r.id),
        cadreId: Number(r.cadre_id),
        cadreName: s('cadre_name'),
        batchId: r.batch_id == null ? null : Number(r.batch_id),
        batchName: r.batch_name == null ? null : String(r.batch_name),
        direction: s('direction') as OnPostWarning['direction'],
        hostUnit: s('host_unit'),
        hostPost: s('host_post'),
        status: s('status') as PostingStatus,
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
    const data = parseOrRefuse(LeaveInputSchema, input);
    return this.db.write((m) => this.saveWith(m, ctx, data, id));
  }

  async saveWith(m: EntityManager, ctx: ServiceContext, data: LeaveData, id?: number, action?: string): Promise<LeaveEntry> {
    const posting = await this.posting(m, data.postingId);
    if (posting.cadreDeleted) throw conflict(`“${posting.cadreName}”的档案在回收站中，恢复后才能登记请销假`);
    if (posting.status === '拟派') throw conflict(`“${posting.cadreName}”的这段挂职尚未开始（状态“拟派”），不能登记请销假`);
    const end = effectiveEnd(posting);
    if (data.startDate < posting.startDate) throw validationError(`开始日期：不能早于挂职开始日期（${posting.startDate}）`);
    if (data.endDate > end) throw validationError(`结束日期：不能晚于挂职结束日期（${end}）`);
    const existing = id === undefined ? null : await m.findOneBy(LeaveEntryEntity, { id });
    if (id !== undefined && !existing) throw notFound(`未找到编号为 ${id} 的请销假记录`);
    if (existing && existing.postingId !== data.postingId) throw validationError('挂职记录：请销假记录不能改到另一段挂职，请在那段挂职下新建');
    const now = new Date().toISOString();
    if (!existing) {
      const saved = await m.save(LeaveEntryEntity, m.create(LeaveEntryEntity, { ...data, createdAt: now, updatedAt: now }));
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: saved.id, action: action ?? '新建', changes: diffRecords(null, auditableLeave(data)) });
      return toLeave(saved);
    }
    await m.update(LeaveEntryEntity, { id }, { ...data, updatedAt: now });
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

  private async posting(m: EntityManager, postingId: number): Promise<PostingSpanRow> {
    const [r]: Record<string, unknown>[] = await m.query(
      `SELECT p.id, p.start_date, p.planned_end_date, p.actual_end_date, p.status, c.name AS cadre_name, c.deleted_at
       FROM posting p JOIN cadre c ON c.id = p.cadre_id WHERE p.id = ?`,
      [postingId],
    );
    if (!r) throw notFound(`挂职记录：未找到编号为 ${postingId} 的挂职记录`);
    return {
      id: Number(r.id),
      cadreName: String(r.cadre_name),
      cadreDeleted: r.deleted_at != null,
      startDate: String(r.start_date),
      plannedEndDate: String(r.planned_end_date),
      actualEndDate: String(r.actual_end_date),
      status: String(r.status) as PostingStatus,
    };
  }
}
