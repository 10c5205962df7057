import type { EntityManager } from 'typeorm';
import type { AuditEntry } from '../../shared/audit';
import { bulkInsert } from '../db/bulkInsert';
import { AuditEntryEntity } from '../db/entities';
import type { Database } from '../db/Database';
import type { ServiceContext } from './ServiceContext';
import { parseAuditChanges } from './storedJson';

/** Fields whose change is not worth a line in the history (derived or bookkeeping). */
const IGNORED = new Set(['updatedAt', 'createdAt', 'nameInitials', 'namePinyin', 'sortKey', 'id']);

/** '' and [] read as "nothing", so a new record lists only what was filled in. */
function blankToNull(v: unknown): unknown {
  if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return null;
  return v;
}

/** `{ field: [old, new] }` over the fields that differ (compared as JSON so arrays compare by content). */
export function diffRecords(before: object | null, after: object | null): Record<string, [unknown, unknown]> {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (IGNORED.has(key)) continue;
    const old = blankToNull(b[key]);
    const now = blankToNull(a[key]);
    if (JSON.stringify(old) !== JSON.stringify(now)) changes[key] = [old, now];
  }
  return changes;
}

// Read with the other JSON columns' parse functions (the entity's transformer uses it too).
export { parseAuditChanges };

/** Writes audit entries inside the caller's transaction, and reads an entity's history. */
export class AuditLog {
  constructor(private readonly db: Database) {}

  async record(
    manager: EntityManager,
    ctx: ServiceContext,
    entry: { entityType: string; entityId: string | number; action: string; changes?: Record<string, [unknown, unknown]>; note?: string },
  ): Promise<void> {
    await manager.save(
      Object.assign(new AuditEntryEntity(), {
      at: new Date().toISOString(),
      actor: ctx.actor,
      entityType: entry.entityType,
      entityId: String(entry.entityId),
      action: entry.action,
      changes: entry.changes ?? {},
      note: entry.note ?? '',
      }),
    );
  }

  /** Many entries in few statements (bulk imports): the same rows `record` writes one by one. */
  async recordMany(
    manager: EntityManager,
    ctx: ServiceContext,
    entries: { entityType: string; entityId: string | number; action: string; changes?: Record<string, [unknown, unknown]>; note?: string }[],
  ): Promise<void> {
    const at = new Date().toISOString();
    const rows = entries.map((e) => ({
      at,
      actor: ctx.actor,
      entityType: e.entityType,
      entityId: String(e.entityId),
      action: e.action,
      changes: e.changes ?? {},
      note: e.note ?? '',
    }));
    await bulkInsert(manager, AuditEntryEntity, rows);
  }

  async history(entityType: string, entityId: string | number): Promise<AuditEntry[]> {
    const rows = await this.db.manager.find(AuditEntryEntity, {
      where: { entityType, entityId: String(entityId) },
      order: { id: 'DESC' },
      take: 500,
    });
    return rows.map((r) => ({ ...r, changes: parseAuditChanges(r.changes) }));
  }
}
