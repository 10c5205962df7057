import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 考核记录 (assessment records with their workflow history), 请销假 (leave), the 工作实绩 ledger with evidence files,
 * and the settings table.
 *
 * Records, leave and results go with their posting only when the cadre file is erased for good (彻底删除 cascades
 * cadre → posting → these); deleting a posting on its own is refused by the posting service while it has any,
 * so archived records never disappear with a posting deleted by mistake.
 */
export class AssessmentRecords0003 implements MigrationInterface {
  // TypeORM reads the last 13 characters of the name as the migration's number.
  name = 'AssessmentRecords0000000000003';

  async up(q: QueryRunner): Promise<void> {
    const text = (col: string) => `"${col}" text NOT NULL DEFAULT ''`;
    const posting = `"posting_id" integer NOT NULL REFERENCES "posting" ("id") ON DELETE CASCADE`;

    await q.query(`CREATE TABLE "assessment_record" (
      "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
      ${posting},
      ${['kind', 'period', 'state', 'grade', 'created_at', 'updated_at'].map(text).join(',\n      ')},
      "data" text NOT NULL DEFAULT '{}'
    )`);
    // The records page reads a posting's records in one index range, already in kind/period order.
    await q.query(`CREATE INDEX "idx_assessment_record_posting" ON "assessment_record" ("posting_id", "kind", "period")`);
    // One monthly report per month, one quarterly review per quarter, one annual per year, one term per posting.
    await q.query(`CREATE UNIQUE INDEX "idx_assessment_record_unique" ON "assessment_record" ("posting_id", "kind", "period")
      WHERE "kind" IN ('monthly', 'quarterly', 'annual', 'term')`);

    await q.query(`CREATE TABLE "workflow_step" (
      "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
      "record_type" text NOT NULL,
      "record_id" integer NOT NULL,
      "from_state" text,
      ${['action', 'to_state', 'reason', 'actor', 'at'].map(text).join(',\n      ')}
    )`);
    await q.query(`CREATE INDEX "idx_workflow_step_record" ON "workflow_step" ("record_type", "record_id")`);
    // workflow_step is generic (no foreign key): a record that goes takes its history with it.
    await q.query(`CREATE TRIGGER "trg_assessment_record_steps" AFTER DELETE ON "assessment_record" BEGIN
      DELETE FROM "workflow_step" WHERE "record_type" = 'assessment_record' AND "record_id" = OLD."id";
    END`);

    await q.query(`CREATE TABLE "leave_entry" (
      "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
      ${posting},
      ${['leave_type', 'start_date', 'end_date', 'approved_by', 'notes', 'created_at', 'updated_at'].map(text).join(',\n      ')}
    )`);
    await q.query(`CREATE INDEX "idx_leave_entry_posting" ON "leave_entry" ("posting_id", "start_date")`);

    await q.query(`CREATE TABLE "work_result" (
      "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
      ${posting},
      ${['category', 'title', 'date', 'quantity_unit', 'description', 'created_at', 'updated_at'].map(text).join(',\n      ')},
      "amount" real,
      "quantity" real
    )`);
    // Totals group a posting's results by category and unit straight from this index (it covers the sums).
    await q.query(`CREATE INDEX "idx_work_result_posting" ON "work_result" ("posting_id", "category", "quantity_unit", "amount", "quantity")`);

    await q.query(`CREATE TABLE "evidence_file" (
      "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
      "result_id" integer NOT NULL REFERENCES "work_result" ("id") ON DELETE CASCADE,
      ${['file_name', 'ext', 'sha256', 'created_at'].map(text).join(',\n      ')},
      "size" integer NOT NULL DEFAULT 0
    )`);
    await q.query(`CREATE INDEX "idx_evidence_file_result" ON "evidence_file" ("result_id")`);
    await q.query(`CREATE INDEX "idx_evidence_file_sha256" ON "evidence_file" ("sha256")`);

    await q.query(`CREATE TABLE "app_setting" (
      "key" text PRIMARY KEY NOT NULL,
      "value" text NOT NULL,
      "updated_at" text NOT NULL DEFAULT ''
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "trg_assessment_record_steps"`);
    for (const t of ['app_setting', 'evidence_file', 'work_result', 'leave_entry', 'workflow_step', 'assessment_record'])
      await q.query(`DROP TABLE "${t}"`);
  }
}
