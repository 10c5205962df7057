import type { MigrationInterface, QueryRunner } from 'typeorm';
import { GrowthTemplateInputSchema, stageDefs } from '../../../../shared/growth';
import { DEFAULT_GROWTH_TEMPLATE } from '../../../../shared/growthDefaultTemplate';
import { AUDIT_HEAD_ID } from '../../../services/AuditLog';
import { REFUSAL_MARK } from '../../triggerRefusal';

/**
 * What SQLite's migrations add by hand beyond the entities, in PostgreSQL's terms:
 *
 * - A record's workflow history goes with it (SQLite 0003/0004 `trg_*_steps`): `workflow_step` is generic, without a
 *   foreign key, so an AFTER DELETE trigger removes the steps of a deleted 考核记录 or 成长评价.
 * - Archived records are immutable inside the database too (SQLite 0006): BEFORE UPDATE/DELETE row triggers on
 *   `assessment_record` and `growth_evaluation` refuse any change to a row whose state is 已归档 — a service, an
 *   import or a cascade from purging its cadre, posting or batch (PostgreSQL fires row triggers for cascaded
 *   deletes). They raise `拒绝：…` with the same text as SQLite's RAISE(ABORT), which triggerRefusal.ts turns into a
 *   Chinese CONFLICT.
 * - The archive ledger and the audit log are append-only (SQLite 0006/0008): UPDATE and DELETE are refused row by
 *   row, and TRUNCATE (which fires no row trigger) by a statement trigger.
 * - The rows SQLite's migrations insert: the default growth template, version 1 and active (0004), and the audit
 *   log's head, row 2 of `archive_ledger_head` (0008), unsigned: AuditLog.initialize signs it once the ledger has
 *   made its key.
 */
export class PgRules0002 implements MigrationInterface {
  // TypeORM reads the last 13 characters of the name as the migration's number.
  name = 'PgRules0000000000002';

  async up(q: QueryRunner): Promise<void> {
    // One function for every refusal: the message (the trigger's argument) already carries the 拒绝： mark.
    await q.query(`CREATE FUNCTION "cadre_refuse"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
      END
    $$`);
    await q.query(`CREATE FUNCTION "cadre_delete_workflow_steps"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM "workflow_step" WHERE "record_type" = TG_TABLE_NAME AND "record_id" = OLD."id";
        RETURN OLD;
      END
    $$`);
    for (const table of ['assessment_record', 'growth_evaluation'])
      await q.query(
        `CREATE TRIGGER "trg_${table}_steps" AFTER DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "cadre_delete_workflow_steps"()`,
      );

    const refuse = (name: string, when: string, on: string, message: string, condition = '') =>
      q.query(
        `CREATE TRIGGER "${name}" BEFORE ${when} ON "${on}" FOR EACH ${when === 'TRUNCATE' ? 'STATEMENT' : 'ROW'}${condition} EXECUTE FUNCTION "cadre_refuse"('${REFUSAL_MARK}${message}')`,
      );
    const archived = ` WHEN (OLD."state" = '已归档')`;
    await refuse('trg_assessment_record_archived_update', 'UPDATE', 'assessment_record', '已归档的考核记录不能修改', archived);
    await refuse('trg_assessment_record_archived_delete', 'DELETE', 'assessment_record', '已归档的考核记录不能删除', archived);
    await refuse('trg_growth_evaluation_archived_update', 'UPDATE', 'growth_evaluation', '已归档的成长评价不能修改', archived);
    await refuse('trg_growth_evaluation_archived_delete', 'DELETE', 'growth_evaluation', '已归档的成长评价不能删除', archived);
    for (const when of ['UPDATE', 'DELETE', 'TRUNCATE']) {
      await refuse(`trg_archive_ledger_no_${when.toLowerCase()}`, when, 'archive_ledger', '归档账本只能追加，不能修改或删除');
      await refuse(`trg_audit_log_no_${when.toLowerCase()}`, when, 'audit_log', '操作日志只能追加，不能修改或删除');
    }
    // Archived records cannot be emptied out with TRUNCATE either (it fires no row trigger).
    await refuse('trg_assessment_record_no_truncate', 'TRUNCATE', 'assessment_record', '考核记录不能整表清空');
    await refuse('trg_growth_evaluation_no_truncate', 'TRUNCATE', 'growth_evaluation', '成长评价不能整表清空');

    const t = GrowthTemplateInputSchema.parse(DEFAULT_GROWTH_TEMPLATE);
    const now = new Date().toISOString();
    await q.query(
      `INSERT INTO "growth_template" ("version", "template_name", "status", "notes", "created_at", "updated_at", "activated_at", "threshold", "rater_weights", "stages")
       VALUES (1, $1, '启用', $2, $3, $4, $5, $6, $7, $8)`,
      [t.templateName, t.notes, now, now, now, t.threshold, JSON.stringify(t.raterWeights), JSON.stringify(stageDefs(t.stages))],
    );
    await q.query(`INSERT INTO "archive_ledger_head" ("id", "seq", "entry_hash", "mac", "updated_at") VALUES ($1, 0, '', '', $2)`, [AUDIT_HEAD_ID, now]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "archive_ledger_head" WHERE "id" = $1`, [AUDIT_HEAD_ID]);
    await q.query(`DELETE FROM "growth_template" WHERE "version" = 1 AND NOT EXISTS (SELECT 1 FROM "growth_evaluation" WHERE "template_id" = "growth_template"."id")`);
    for (const t of ['assessment_record_no_truncate', 'growth_evaluation_no_truncate'])
      await q.query(`DROP TRIGGER "trg_${t}" ON "${t.replace(/_no_truncate$/, '')}"`);
    for (const when of ['update', 'delete', 'truncate']) {
      await q.query(`DROP TRIGGER "trg_archive_ledger_no_${when}" ON "archive_ledger"`);
      await q.query(`DROP TRIGGER "trg_audit_log_no_${when}" ON "audit_log"`);
    }
    for (const table of ['assessment_record', 'growth_evaluation']) {
      await q.query(`DROP TRIGGER "trg_${table}_archived_delete" ON "${table}"`);
      await q.query(`DROP TRIGGER "trg_${table}_archived_update" ON "${table}"`);
      await q.query(`DROP TRIGGER "trg_${table}_steps" ON "${table}"`);
    }
    await q.query(`DROP FUNCTION "cadre_delete_workflow_steps"()`);
    await q.query(`DROP FUNCTION "cadre_refuse"()`);
  }
}
