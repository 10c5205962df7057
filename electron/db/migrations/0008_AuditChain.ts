import type { MigrationInterface, QueryRunner } from 'typeorm';
import { headMac, readLedgerKey } from '../../archive/ledgerKey';
import { AUDIT_HEAD_ID, auditEntryHash } from '../../services/AuditLog';
import { REFUSAL_MARK } from '../triggerRefusal';

/**
 * The audit log becomes append-only and verifiable (generated from AuditEntryEntity, then by hand): a sequence
 * number and a hash chain (`prev_hash` → `entry_hash`), computed here for the entries already written, in the
 * order they were written; the chain's head in row 2 of `archive_ledger_head`, signed with the archive ledger's
 * key when it exists (else at this open, once the ledger has made it: AuditLog.initialize); triggers refusing
 * UPDATE and DELETE; and the indexes the audit-log viewer filters on.
 */
export class AuditChain0008 implements MigrationInterface {
  // TypeORM reads the last 13 characters of the name as the migration's number.
  name = 'AuditChain0000000000008';

  async up(q: QueryRunner): Promise<void> {
    // The rebuild must leave the AUTOINCREMENT counter as it was (no row when nothing was ever written).
    const counter: { seq: number }[] = await q.query(`SELECT "seq" FROM "sqlite_sequence" WHERE "name" = 'audit_log'`);
    await q.query(`DROP INDEX "idx_audit_entity"`);
    await q.query(`CREATE TABLE "temporary_audit_log" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" text NOT NULL, "actor" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text NOT NULL, "action" text NOT NULL, "changes" text NOT NULL, "note" text NOT NULL DEFAULT (''), "seq" integer NOT NULL, "prev_hash" text NOT NULL DEFAULT (''), "entry_hash" text NOT NULL DEFAULT (''))`);
    // seq = id for now (unique); the chain below numbers the entries 1, 2, 3 … in id order.
    await q.query(`INSERT INTO "temporary_audit_log"("id", "at", "actor", "entity_type", "entity_id", "action", "changes", "note", "seq") SELECT "id", "at", "actor", "entity_type", "entity_id", "action", "changes", "note", "id" FROM "audit_log"`);
    await q.query(`DROP TABLE "audit_log"`);
    await q.query(`ALTER TABLE "temporary_audit_log" RENAME TO "audit_log"`);
    await q.query(`DELETE FROM "sqlite_sequence" WHERE "name" = 'audit_log'`);
    if (counter.length) await q.query(`INSERT INTO "sqlite_sequence" ("name", "seq") VALUES ('audit_log', ?)`, [counter[0].seq]);

    const rows: { id: number; at: string; actor: string; entity_type: string; entity_id: string; action: string; changes: string; note: string }[] =
      await q.query(`SELECT "id", "at", "actor", "entity_type", "entity_id", "action", "changes", "note" FROM "audit_log" ORDER BY "id"`);
    let prevHash = '';
    let seq = 0;
    for (const r of rows) {
      seq++;
      const entryHash = auditEntryHash({ seq, at: r.at, actor: r.actor, entityType: r.entity_type, entityId: r.entity_id, action: r.action, changes: r.changes, note: r.note, prevHash });
      await q.query(`UPDATE "audit_log" SET "seq" = ?, "prev_hash" = ?, "entry_hash" = ? WHERE "id" = ?`, [seq, prevHash, entryHash, r.id]);
      prevHash = entryHash;
    }
    const key = readLedgerKey(String(q.connection.options.database));
    await q.query(`INSERT INTO "archive_ledger_head" ("id", "seq", "entry_hash", "mac", "updated_at") VALUES (?, ?, ?, ?, ?)`, [
      AUDIT_HEAD_ID, seq, prevHash, key ? headMac(key, seq, prevHash) : '', new Date().toISOString(),
    ]);

    await q.query(`CREATE INDEX "idx_audit_entity" ON "audit_log" ("entity_type", "entity_id")`);
    await q.query(`CREATE UNIQUE INDEX "idx_audit_seq" ON "audit_log" ("seq")`);
    await q.query(`CREATE INDEX "idx_audit_entity_type" ON "audit_log" ("entity_type")`);
    await q.query(`CREATE INDEX "idx_audit_actor" ON "audit_log" ("actor")`);
    await q.query(`CREATE INDEX "idx_audit_at" ON "audit_log" ("at")`);
    for (const when of ['UPDATE', 'DELETE'])
      await q.query(
        `CREATE TRIGGER "trg_audit_log_no_${when.toLowerCase()}" BEFORE ${when} ON "audit_log" BEGIN SELECT RAISE(ABORT, '${REFUSAL_MARK}操作日志只能追加，不能修改或删除'); END`,
      );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "trg_audit_log_no_update"`);
    await q.query(`DROP TRIGGER "trg_audit_log_no_delete"`);
    await q.query(`DELETE FROM "archive_ledger_head" WHERE "id" = ${AUDIT_HEAD_ID}`);
    await q.query(`DROP INDEX "idx_audit_at"`);
    await q.query(`DROP INDEX "idx_audit_actor"`);
    await q.query(`DROP INDEX "idx_audit_entity_type"`);
    await q.query(`DROP INDEX "idx_audit_seq"`);
    await q.query(`DROP INDEX "idx_audit_entity"`);
    await q.query(`ALTER TABLE "audit_log" RENAME TO "temporary_audit_log"`);
    await q.query(`CREATE TABLE "audit_log" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" text NOT NULL, "actor" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text NOT NULL, "action" text NOT NULL, "changes" text NOT NULL, "note" text NOT NULL DEFAULT (''))`);
    await q.query(`INSERT INTO "audit_log"("id", "at", "actor", "entity_type", "entity_id", "action", "changes", "note") SELECT "id", "at", "actor", "entity_type", "entity_id", "action", "changes", "note" FROM "temporary_audit_log"`);
    await q.query(`DROP TABLE "temporary_audit_log"`);
    await q.query(`CREATE INDEX "idx_audit_entity" ON "audit_log" ("entity_type", "entity_id")`);
  }
}
