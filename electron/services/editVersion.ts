import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { conflict } from '../../shared/errors';
import { formatDateTime, formatDay } from '../../shared/dateText';
import { VERSION_CONFLICT_TAIL } from '../../shared/editVersion';
import { AuditEntryEntity, UserAccountEntity } from '../db/entities';
import type { ServiceContext } from './ServiceContext';

/**
 * The next `updatedAt` of a record: now, or one millisecond after the stored one when the clock has not moved on
 * (two saves in one millisecond, a clock set back), so every save gives the record a new version.
 */
export function nextVersion(stored: string, at: Date = new Date()): string {
  const prev = Date.parse(stored);
  if (Number.isNaN(prev) || at.getTime() > prev) return at.toISOString();
  return new Date(prev + 1).toISOString();
}

export interface VersionedEdit {
  /** The entity whose row is saved (it has `id` and `updatedAt`). */
  entity: EntityTarget<ObjectLiteral>;
  id: number;
  /** The row's `updatedAt` as read in this transaction. */
  stored: string;
  /** The version the form was loaded with; undefined: no check (CLI, imports). */
  expected: string | undefined;
  /** The audit log's entity type of the record, to name who changed it. */
  auditType: string;
  /** How the message names the record: “张三”的档案, 批次“2026年安康—常州挂职”… */
  what: string;
}

/**
 * Compare-and-set of a record's version inside the caller's write transaction: `UPDATE … SET updated_at = next
 * WHERE id = ? AND updated_at = expected`. When another save came first the row no longer has the version the form
 * was loaded with, nothing is written, and the refusal names who changed it and when (the record's latest audit
 * entry). Returns the new version for the caller's own UPDATE of the row.
 */
export async function claimVersion(m: EntityManager, ctx: ServiceContext, edit: VersionedEdit): Promise<string> {
  const next = nextVersion(edit.stored);
  if (edit.expected === undefined) return next;
  const result = await m.update(edit.entity, { id: edit.id, updatedAt: edit.expected }, { updatedAt: next });
  const claimed = result.affected === undefined ? edit.stored === edit.expected : result.affected === 1;
  if (!claimed) throw conflict(await versionConflictMessage(m, ctx, edit));
  return next;
}

/** “‘张三’的档案已被李四于 14:03 修改，请刷新后再改（您的修改未保存）” */
export async function versionConflictMessage(m: EntityManager, ctx: ServiceContext, edit: Pick<VersionedEdit, 'auditType' | 'id' | 'what' | 'stored'>): Promise<string> {
  const [last] = await m.find(AuditEntryEntity, {
    select: { id: true, at: true, actor: true },
    where: { entityType: edit.auditType, entityId: String(edit.id) },
    order: { id: 'DESC' },
    take: 1,
  });
  let who = '他人';
  if (last && last.actor === ctx.actor) who = '您本人（在另一窗口）';
  else if (last) {
    const account = await m.findOne(UserAccountEntity, { select: { displayName: true }, where: { username: last.actor } });
    who = account?.displayName || last.actor;
  }
  const at = last?.at ?? edit.stored;
  const today = formatDay(new Date()) === formatDay(at);
  const when = at ? `于 ${today ? formatDateTime(at).slice(-5) : formatDateTime(at)} ` : '';
  return `${edit.what}已被${who}${when}修改，${VERSION_CONFLICT_TAIL}`;
}
