import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditEntry } from '../../shared/audit';
import type { LedgerProblem } from '../../shared/archive';
import { canonicalJson } from '../../shared/canonicalJson';
import { formatDay } from '../../shared/dateText';
import { headMac, ledgerKeyExists, ledgerKeyPath, readLedgerKey } from '../archive/ledgerKey';
import { bulkInsert } from '../db/bulkInsert';
import { ArchiveLedgerHeadEntity, AuditEntryEntity } from '../db/entities';
import type { Database } from '../db/Database';
import type { ServiceContext } from './ServiceContext';
import { auditChangeLines, lookupAuditNames } from './auditDisplay';
import { parseAuditChanges } from './storedJson';
import { col, queryRows, sql } from '../db/sql';

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

/** The audit log's signed head is this row of `archive_ledger_head` (row 1 is the archive ledger's). */
export const AUDIT_HEAD_ID = 2;

/** What the chain hashes: every stored field, `changes` as its stored text, and the previous entry's hash. */
export interface AuditChainFields {
  seq: number;
  at: string;
  actor: string;
  entityType: string;
  entityId: string;
  action: string;
  /** The stored JSON text (hashing the text, not a re-parse, so a damaged entry still verifies as written). */
  changes: string;
  note: string;
  prevHash: string;
}

export function auditEntryHash(e: AuditChainFields): string {
  const text = canonicalJson({
    seq: e.seq, at: e.at, actor: e.actor, entityType: e.entityType, entityId: e.entityId, action: e.action,
    changes: e.changes, note: e.note, prevHash: e.prevHash,
  });
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

type EntryInput = { entityType: string; entityId: string | number; action: string; changes?: Record<string, [unknown, unknown]>; note?: string };

const span = (from: number, to: number) => (to > from ? `${from}—${to}` : `${from}`);

/**
 * Writes audit entries inside the caller's transaction, and reads an entity's history. Entries are append-only
 * (triggers refuse UPDATE and DELETE) and chained: each carries the hash of the one before, and the head (last
 * seq and hash) is signed with the archive ledger's key (electron/archive/ledgerKey.ts), kept outside the file.
 */
export class AuditLog {
  /** Whether the key existed when the services were made (after the migrations, before the ledger's set-up). */
  private readonly keyExistedAtOpen: boolean;

  constructor(private readonly db: Database) {
    this.keyExistedAtOpen = ledgerKeyExists(this.dbFile);
  }

  private get dbFile(): string {
    return this.db.file;
  }

  /**
   * At open, after the archive ledger's set-up. When that set-up made the key (a new database, or one from before
   * the ledger — the migration could not sign), the head is signed now, as the ledger's 补记 are. A database whose
   * key existed is never re-signed here: a head blanked or removed with another tool stays reported by verify.
   */
  async initialize(): Promise<void> {
    if (this.keyExistedAtOpen) return;
    const secret = readLedgerKey(this.dbFile);
    if (!secret) return;
    await this.db.write(async (m) => {
      const head = await m.findOneBy(ArchiveLedgerHeadEntity, { id: AUDIT_HEAD_ID });
      const last = head ?? (await this.lastEntry(m));
      await this.writeHead(m, secret, last.seq, last.entryHash, !!head);
    });
  }

  async record(manager: EntityManager, ctx: ServiceContext, entry: EntryInput): Promise<void> {
    await this.recordMany(manager, ctx, [entry]);
  }

  /** Many entries in few statements (bulk imports): the chain is computed in memory, the head read and moved once. */
  async recordMany(manager: EntityManager, ctx: ServiceContext, entries: EntryInput[]): Promise<void> {
    if (!entries.length) return;
    const at = new Date().toISOString();
    const head = await manager.findOneBy(ArchiveLedgerHeadEntity, { id: AUDIT_HEAD_ID });
    // No head: removed with another tool (verify says so); continue the chain from its last entry.
    const last = head ? { seq: head.seq, entryHash: head.entryHash } : await this.lastEntry(manager);
    let seq = last.seq;
    let prevHash = last.entryHash;
    const rows = entries.map((e) => {
      const changes = e.changes ?? {};
      const fields: AuditChainFields = {
        seq: ++seq, at, actor: ctx.actor, entityType: e.entityType, entityId: String(e.entityId), action: e.action,
        // The same text the column's transformer writes.
        changes: JSON.stringify(changes), note: e.note ?? '', prevHash,
      };
      prevHash = auditEntryHash(fields);
      return { ...fields, changes, entryHash: prevHash };
    });
    await bulkInsert(manager, AuditEntryEntity, rows);
    await this.writeHead(manager, readLedgerKey(this.dbFile), seq, prevHash, !!head);
  }

  /** The chain and its signed head: a deleted, edited or added entry, and a cut tail. */
  async check(m: EntityManager): Promise<{ ok: boolean; entries: number; problems: LedgerProblem[] }> {
    const entries = await queryRows(
      m,
      sql`SELECT seq, at, actor, entity_type, entity_id, action, changes, note, prev_hash, entry_hash FROM audit_log ORDER BY seq`,
      (r) => ({
        seq: col.num(r, 'seq'), at: col.str(r, 'at'), actor: col.str(r, 'actor'), entityType: col.str(r, 'entity_type'), entityId: col.str(r, 'entity_id'),
        action: col.str(r, 'action'), changes: col.str(r, 'changes'), note: col.str(r, 'note'), prevHash: col.str(r, 'prev_hash'), entryHash: col.str(r, 'entry_hash'),
      }),
    );
    const problems: LedgerProblem[] = [];
    let prev = '';
    let expected = 1;
    for (const e of entries) {
      if (e.seq !== expected) problems.push({ seq: e.seq, message: `操作日志第 ${span(expected, e.seq - 1)} 条缺失（被删除）` });
      else if (e.prevHash !== prev) problems.push({ seq: e.seq, message: `操作日志第 ${e.seq} 条与前一条接不上：前面的条目被删除或修改` });
      if (auditEntryHash(e) !== e.entryHash) problems.push({ seq: e.seq, message: `操作日志第 ${e.seq} 条（${formatDay(e.at)} ${e.actor} ${e.action}）的内容被修改` });
      prev = e.entryHash;
      expected = e.seq + 1;
    }

    const head = await m.findOneBy(ArchiveLedgerHeadEntity, { id: AUDIT_HEAD_ID });
    const secret = readLedgerKey(this.dbFile);
    const last = entries.at(-1);
    if (!secret) problems.push({ seq: null, message: `账本密钥文件缺失或损坏（${ledgerKeyPath(this.dbFile)}）：无法确认操作日志未被改动` });
    if (!head) problems.push({ seq: null, message: '操作日志头缺失：操作日志被删除或改动' });
    else {
      if (secret && head.mac !== headMac(secret, head.seq, head.entryHash))
        problems.push({ seq: head.seq, message: '操作日志头的签名不符：操作日志在本系统之外被改动' });
      if (head.seq !== (last?.seq ?? 0) || head.entryHash !== (last?.entryHash ?? ''))
        problems.push({
          seq: head.seq,
          message:
            head.seq > (last?.seq ?? 0)
              ? `操作日志末尾的第 ${span((last?.seq ?? 0) + 1, head.seq)} 条被删除`
              : `操作日志末尾与日志头不符：第 ${head.seq + 1} 条起不是经本系统写入的`,
        });
    }
    return { ok: problems.length === 0, entries: entries.length, problems };
  }

  /** A record's history, newest first, each entry with its display lines (names, dates, Chinese labels). */
  async history(entityType: string, entityId: string | number): Promise<AuditEntry[]> {
    return this.db.read(async (m) => {
      const rows = await m.find(AuditEntryEntity, {
        where: { entityType, entityId: String(entityId) },
        order: { id: 'DESC' },
        take: 500,
      });
      const raw = rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, entityType: r.entityType, entityId: r.entityId, action: r.action, changes: parseAuditChanges(r.changes), note: r.note }));
      const names = await lookupAuditNames(m, raw);
      return raw.map((e) => ({ ...e, lines: auditChangeLines(e, names) }));
    });
  }

  private async lastEntry(m: EntityManager): Promise<{ seq: number; entryHash: string }> {
    const [last] = await m.find(AuditEntryEntity, { select: { seq: true, entryHash: true }, order: { seq: 'DESC' }, take: 1 });
    return { seq: last?.seq ?? 0, entryHash: last?.entryHash ?? '' };
  }

  /** Without the key (missing or damaged) the head is left unsigned: writing goes on, and verify reports it. */
  private async writeHead(m: EntityManager, secret: Buffer | null, seq: number, entryHash: string, exists: boolean): Promise<void> {
    const head = { seq, entryHash, mac: secret ? headMac(secret, seq, entryHash) : '', updatedAt: new Date().toISOString() };
    if (exists) await m.update(ArchiveLedgerHeadEntity, { id: AUDIT_HEAD_ID }, head);
    else await m.insert(ArchiveLedgerHeadEntity, { id: AUDIT_HEAD_ID, ...head });
  }
}
