import type { MigrationInterface, QueryRunner } from 'typeorm';
import { REFUSAL_MARK } from '../triggerRefusal';

/**
 * The archive ledger (generated from ArchiveLedgerEntryEntity by `npm run migration:generate`) and, by hand, the
 * triggers that make archives immutable inside the file too: an archived 考核记录 or 成长评价 can be neither updated
 * nor deleted — not by a service, an import or a cascade from purging its cadre, posting or batch — and ledger
 * entries can only be appended. Someone editing the file with another tool can drop a trigger; `verify` then
 * finds the change through the hash chain.
 */
export class ArchiveLedger0006 implements MigrationInterface {
  // TypeORM reads the last 13 characters of the name as the migration's number.
  name = 'ArchiveLedger0000000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "archive_ledger" ("seq" integer PRIMARY KEY NOT NULL, "at" text NOT NULL DEFAULT (''), "actor" text NOT NULL DEFAULT (''), "action" text NOT NULL DEFAULT (''), "record_type" text NOT NULL DEFAULT (''), "record_id" integer NOT NULL, "label" text NOT NULL DEFAULT (''), "content_hash" text NOT NULL DEFAULT (''), "prev_hash" text NOT NULL DEFAULT (''), "entry_hash" text NOT NULL DEFAULT (''))`);
    await q.query(`CREATE INDEX "idx_archive_ledger_record" ON "archive_ledger" ("record_type", "record_id")`);
    await q.query(`CREATE TABLE "archive_ledger_head" ("id" integer PRIMARY KEY NOT NULL, "seq" integer NOT NULL, "entry_hash" text NOT NULL DEFAULT (''), "mac" text NOT NULL DEFAULT (''), "updated_at" text NOT NULL DEFAULT (''))`);

    const refuse = (name: string, when: string, on: string, message: string) =>
      q.query(`CREATE TRIGGER "${name}" BEFORE ${when} ON "${on}" FOR EACH ROW WHEN OLD."state" = '已归档' BEGIN SELECT RAISE(ABORT, '${REFUSAL_MARK}${message}'); END`);
    await refuse('trg_assessment_record_archived_update', 'UPDATE', 'assessment_record', '已归档的考核记录不能修改');
    await refuse('trg_assessment_record_archived_delete', 'DELETE', 'assessment_record', '已归档的考核记录不能删除');
    await refuse('trg_growth_evaluation_archived_update', 'UPDATE', 'growth_evaluation', '已归档的成长评价不能修改');
    await refuse('trg_growth_evaluation_archived_delete', 'DELETE', 'growth_evaluation', '已归档的成长评价不能删除');
    for (const when of ['UPDATE', 'DELETE'])
      await q.query(
        `CREATE TRIGGER "trg_archive_ledger_no_${when.toLowerCase()}" BEFORE ${when} ON "archive_ledger" BEGIN SELECT RAISE(ABORT, '${REFUSAL_MARK}归档账本只能追加，不能修改或删除'); END`,
      );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['archive_ledger_no_update', 'archive_ledger_no_delete', 'growth_evaluation_archived_delete', 'growth_evaluation_archived_update', 'assessment_record_archived_delete', 'assessment_record_archived_update'])
      await q.query(`DROP TRIGGER "trg_${t}"`);
    await q.query(`DROP TABLE "archive_ledger_head"`);
    await q.query(`DROP INDEX "idx_archive_ledger_record"`);
    await q.query(`DROP TABLE "archive_ledger"`);
  }
}
