import { In, IsNull, Not, type EntityManager } from 'typeorm';
import type { AuditEntry } from '../../shared/audit';
import { ACTIVE_POSTING_STATUSES, FINAL_POSTING_STATUSES, type PostingStatus } from '../../shared/codes/secondment';
import { AppError, conflict, formatZodError, notFound, validationError } from '../../shared/errors';
import {
  BulkStatusInputSchema,
  CREATABLE_STATUSES,
  PostingInputSchema,
  ReminderQuerySchema,
  StatusChangeInputSchema,
  postingsOverlap,
  transitionRefusal,
  type BulkStatusInput,
  type BulkStatusResult,
  type Posting,
  type PostingData,
  type PostingDetail,
  type PostingInput,
  type PostingReminder,
  type PostingReminders,
  type PostingStatusChange,
  type StatusChangeInput,
} from '../../shared/posting';
import { addDays, dayOf, daysBetween } from '../../shared/validators/yearMonth';
import type { z } from 'zod';
import { BatchEntity, CadreEntity, PostingEntity, PostingStatusChangeEntity } from '../db/entities';
import type { Database } from '../db/Database';
import { diffRecords, type AuditLog } from './AuditLog';
import { detachFromBatch } from './batchMembership';
import { refuseIfPostingHasRecords } from './postingRecordsGuard';
import { readPostings, requirePosting, type PostingView } from './postingReader';
import { auditablePosting, describePosting, postingColumns, postingHeadline } from './postingRows';
import type { ServiceContext } from './ServiceContext';
import { claimVersion } from './editVersion';
import { takeExpectedVersion } from '../../shared/editVersion';

const ENTITY = 'posting';
const isFinal = (s: PostingStatus) => (FINAL_POSTING_STATUSES as readonly string[]).includes(s);

/**
 * Postings (挂职记录): the one place that checks overlaps and the status lifecycle, and keeps the
 * status history (posting_status_change) next to the audit log.
 */
export class PostingService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  /** A cadre's postings, oldest first, each with its batch name and status history (the 挂职经历 tab). */
  async listByCadre(cadreId: number): Promise<PostingDetail[]> {
    const m = this.db.manager;
    return this.withChanges(m, await readPostings(m, { cadreId, order: 'start' }));
  }

  async get(id: number, m: EntityManager = this.db.manager): Promise<PostingDetail> {
    return (await this.withChanges(m, [await requirePosting(m, id)]))[0];
  }

  private async withChanges(m: EntityManager, views: PostingView[]): Promise<PostingDetail[]> {
    if (!views.length) return [];
    const changes = await m.find(PostingStatusChangeEntity, { where: { postingId: In(views.map((v) => v.posting.id)) }, order: { id: 'ASC' } });
    const byPosting = new Map<number, PostingStatusChange[]>();
    for (const c of changes) {
      const list = byPosting.get(c.postingId) ?? [];
      list.push({ id: c.id, postingId: c.postingId, from: c.fromStatus ?? null, to: c.toStatus, date: c.date, reason: c.reason, actor: c.actor, at: c.at });
      byPosting.set(c.postingId, list);
    }
    return views.map((v) => ({ ...v.posting, cadreName: v.cadreName, batchName: v.batchName, statusChanges: byPosting.get(v.posting.id) ?? [] }));
  }

  /** Creates (no id) or updates a posting. The status changes only through `changeStatus`. */
  async save(ctx: ServiceContext, input: PostingInput, id?: number): Promise<Posting> {
    const data = PostingInputSchema.parse(input);
    return this.db.write((m) => this.saveWith(m, ctx, data, id));
  }

  /** The save inside a caller's transaction (batch membership and imports create postings all-or-nothing). */
  async saveWith(m: EntityManager, ctx: ServiceContext, input: PostingData, id?: number, action?: string): Promise<Posting> {
    const [data, expectedVersion] = takeExpectedVersion(input);
    const cadre = await m.findOneBy(CadreEntity, { id: data.cadreId });
    if (!cadre) throw notFound(`干部：未找到编号为 ${data.cadreId} 的干部档案`);
    if (cadre.deletedAt) throw conflict(`“${cadre.name}”的档案在回收站中，恢复后才能登记挂职`);
    const existing = id === undefined ? null : (await requirePosting(m, id)).posting;
    if (existing && existing.cadreId !== data.cadreId) throw validationError('干部：挂职记录不能改到另一名干部名下，请为其新建记录');
    const what = existing && `“${cadre.name}”${existing.hostUnit ? `在${existing.hostUnit}` : ''}的挂职记录`;
    const version = existing && (await claimVersion(m, ctx, { entity: PostingEntity, id: existing.id, stored: existing.updatedAt, expected: expectedVersion, auditType: ENTITY, what: what! }));

    if (data.batchId !== null) {
      const batch = await m.findOneBy(BatchEntity, { id: data.batchId });
      if (!batch) throw notFound(`批次：未找到编号为 ${data.batchId} 的批次`);
      if (batch.direction !== data.direction)
        throw validationError(`方向（派出/接收）：批次“${batch.name}”为“${batch.direction}”，其挂职记录的方向应一致`);
      const twin = await m.findOneBy(PostingEntity, { batchId: data.batchId, cadreId: data.cadreId });
      if (twin && twin.id !== id) throw conflict(`“${cadre.name}”已是批次“${batch.name}”的成员`);
    }

    const status: PostingStatus = existing ? existing.status : (data.status ?? '拟派');
    if (!existing && !(CREATABLE_STATUSES as readonly string[]).includes(status))
      throw validationError(`状态：新建时应为${CREATABLE_STATUSES.map((x) => `“${x}”`).join('、')}之一，“${status}”请新建后再变更`);
    if (existing && data.status && data.status !== existing.status)
      throw conflict(`状态：当前为“${existing.status}”，请用“变更状态”修改（变更会记录日期和原因）`);
    let actualEndDate = data.actualEndDate;
    if (isFinal(status)) {
      if (!actualEndDate && status === '期满') actualEndDate = data.plannedEndDate;
      if (!actualEndDate) throw validationError(`实际结束日期：“${status}”的挂职须填写实际结束日期`);
    } else if (actualEndDate) {
      throw validationError(`实际结束日期：“${status}”的挂职尚未结束，不应填写（结束时请变更状态）`);
    }
    await this.checkOverlap(m, cadre.name, { ...data, actualEndDate }, id);

    if (existing && existing.batchId !== null && existing.batchId !== data.batchId) await detachFromBatch(m, existing.batchId, data.cadreId);

    const now = new Date().toISOString();
    const columns = { ...postingColumns(data), actualEndDate, status, updatedAt: now };
    if (!existing) {
      const saved = await m.save(PostingEntity, m.create(PostingEntity, { ...columns, createdAt: now }));
      const created = (await requirePosting(m, saved.id)).posting;
      // The timeline starts with the status the posting was entered in; a finished one gets its start and end.
      if (status === '拟派') await this.addChange(m, ctx, created.id, null, '拟派', dayOf(new Date()), '');
      else await this.addChange(m, ctx, created.id, null, '在岗', created.startDate, '');
      if (status === '期满') await this.addChange(m, ctx, created.id, '在岗', '期满', actualEndDate, '');
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: created.id, action: action ?? '新建', changes: diffRecords(null, auditablePosting(created)) });
      return created;
    }
    await m.update(PostingEntity, { id }, { ...columns, updatedAt: version ?? now });
    const after = (await requirePosting(m, id!)).posting;
    const changes = diffRecords(auditablePosting(existing), auditablePosting(after));
    if (Object.keys(changes).length) await this.audit.record(m, ctx, { entityType: ENTITY, entityId: id!, action: action ?? '修改', changes });
    return after;
  }

  /** Refuses a span that shares a day with another posting of the same cadre, naming that posting. */
  async checkOverlap(
    m: EntityManager,
    cadreName: string,
    span: { cadreId: number; startDate: string; plannedEndDate: string; actualEndDate: string },
    exceptId?: number,
  ): Promise<void> {
    const others = await readPostings(m, { cadreId: span.cadreId, exceptId, order: 'start' });
    const other = others.map((v) => v.posting).find((p) => postingsOverlap(span, p));
    if (other)
      throw conflict(`“${cadreName}”在此期间已有挂职：${describePosting(other)}，状态“${other.status}”；同一时间不能有两段挂职`);
  }

  /** One step of the lifecycle, with its date and reason; refused steps name both states. */
  async changeStatus(ctx: ServiceContext, input: StatusChangeInput): Promise<Posting> {
    const v = StatusChangeInputSchema.parse(input);
    return this.db.write((m) => this.changeStatusWith(m, ctx, v));
  }

  /**
   * One change for several postings (the batch page's selection), each in its own transaction: a refused one is
   * listed with the person's name and its reason, the others are done. An empty date takes each posting's own
   * start (到岗) or planned end (期满).
   */
  async changeStatusMany(ctx: ServiceContext, input: BulkStatusInput): Promise<BulkStatusResult> {
    const v = BulkStatusInputSchema.parse(input);
    const result: BulkStatusResult = { done: [], refused: [] };
    for (const id of [...new Set(v.postingIds)]) {
      let cadreName = `编号 ${id} 的挂职记录`;
      try {
        await this.db.write(async (m) => {
          const { posting, cadreName: name } = await requirePosting(m, id);
          cadreName = name;
          const date = v.date || (v.to === '在岗' ? posting.startDate : posting.plannedEndDate);
          const step = StatusChangeInputSchema.safeParse({ id, to: v.to, date, reason: v.reason, newPlannedEndDate: v.newPlannedEndDate });
          if (!step.success) throw validationError(formatZodError(step.error));
          await this.changeStatusWith(m, ctx, step.data);
          result.done.push({ postingId: id, cadreName, date });
        });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        result.refused.push({ postingId: id, cadreName, message: e.message });
      }
    }
    return result;
  }

  async changeStatusWith(m: EntityManager, ctx: ServiceContext, v: z.output<typeof StatusChangeInputSchema>): Promise<Posting> {
    const { posting: e, cadreName } = await requirePosting(m, v.id);
    const refusal = transitionRefusal(e.status, v.to);
    if (refusal) throw conflict(refusal);
    const last = await m.findOne(PostingStatusChangeEntity, { where: { postingId: e.id, fromStatus: Not(IsNull()) }, order: { id: 'DESC' } });
    if (last && v.date < last.date) throw validationError(`日期：不能早于上一次状态变更的日期（${last.date}）`);

    const update: Partial<PostingEntity> = { status: v.to, updatedAt: new Date().toISOString() };
    if (v.to === '期满' || v.to === '提前结束（召回）') {
      if (v.date < e.startDate) throw validationError(`日期：结束日期不能早于开始日期（${e.startDate}）`);
      update.actualEndDate = v.date;
    }
    if (v.to === '延期') {
      if (v.newPlannedEndDate <= e.plannedEndDate)
        throw validationError(`延期后的计划结束日期：应晚于原计划结束日期（${e.plannedEndDate}）`);
      await this.checkOverlap(m, cadreName, { cadreId: e.cadreId, startDate: e.startDate, plannedEndDate: v.newPlannedEndDate, actualEndDate: '' }, e.id);
      update.plannedEndDate = v.newPlannedEndDate;
    }
    await m.update(PostingEntity, { id: e.id }, update);
    await this.addChange(m, ctx, e.id, e.status, v.to, v.date, v.reason);
    const after = (await requirePosting(m, e.id)).posting;
    await this.audit.record(m, ctx, {
      entityType: ENTITY,
      entityId: e.id,
      action: `变更状态为“${v.to}”`,
      changes: diffRecords(auditablePosting(e), auditablePosting(after)),
      note: [v.date, v.reason].filter(Boolean).join('：'),
    });
    return after;
  }

  private async addChange(
    m: EntityManager,
    ctx: ServiceContext,
    postingId: number,
    from: PostingStatus | null,
    to: PostingStatus,
    date: string,
    reason: string,
  ): Promise<void> {
    await m.insert(PostingStatusChangeEntity, { postingId, fromStatus: from, toStatus: to, date, reason, actor: ctx.actor, at: new Date().toISOString() });
  }

  /** Deletes a posting entered by mistake (or a planned one that did not happen), with its status history. */
  async remove(ctx: ServiceContext, id: number): Promise<void> {
    return this.db.write((m) => this.removeWith(m, ctx, id));
  }

  async removeWith(m: EntityManager, ctx: ServiceContext, id: number, action = '删除'): Promise<void> {
    const { posting: e } = await requirePosting(m, id);
    await refuseIfPostingHasRecords(m, id);
    if (e.batchId !== null) await detachFromBatch(m, e.batchId, e.cadreId);
    await m.delete(PostingStatusChangeEntity, { postingId: id });
    await m.delete(PostingEntity, { id });
    await this.audit.record(m, ctx, { entityType: ENTITY, entityId: id, action, changes: diffRecords(auditablePosting(e), null) });
  }

  /** The home screen's lists over running postings (在岗/延期) of live files, and planned ones past their start. */
  async reminders(input: z.input<typeof ReminderQuerySchema> = {}): Promise<PostingReminders> {
    const q = ReminderQuerySchema.parse(input);
    const today = q.today || dayOf(new Date());
    const horizon = addDays(today, q.withinDays);
    const [running, planned] = await this.db.read((m) =>
      Promise.all([
        readPostings(m, { statuses: ACTIVE_POSTING_STATUSES, liveCadres: true, order: 'plannedEnd' }),
        readPostings(m, { statuses: ['拟派'], liveCadres: true, order: 'start' }),
      ]),
    );
    const result: PostingReminders = { today, endingSoon: [], overdue: [], withoutMentors: [], pastStart: [] };
    for (const { posting: p, cadreName, batchName } of planned)
      if (p.startDate < today)
        result.pastStart.push({
          ...postingHeadline(p, cadreName, batchName),
          startDate: p.startDate,
          plannedEndDate: p.plannedEndDate,
          status: p.status,
          daysLeft: daysBetween(today, p.plannedEndDate),
          missingMentors: [],
        });
    for (const { posting: p, cadreName, batchName } of running) {
      const missingMentors = [
        ...(p.politicalMentor.name ? [] : ['政治辅导员']),
        ...(p.businessMentor.name ? [] : ['业务指导员']),
      ];
      const item: PostingReminder = {
        ...postingHeadline(p, cadreName, batchName),
        startDate: p.startDate,
        plannedEndDate: p.plannedEndDate,
        status: p.status,
        daysLeft: daysBetween(today, p.plannedEndDate),
        missingMentors,
      };
      if (p.plannedEndDate < today) result.overdue.push(item);
      else if (p.plannedEndDate <= horizon) result.endingSoon.push(item);
      if (missingMentors.length) result.withoutMentors.push(item);
    }
    return result;
  }

  history(id: number): Promise<AuditEntry[]> {
    return this.audit.history(ENTITY, id);
  }
}
