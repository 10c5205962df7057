import type { MigrationInterface, QueryRunner } from 'typeorm';
import { GrowthTemplateInputSchema, stageDefs } from '../../../shared/growth';
import { DEFAULT_GROWTH_TEMPLATE } from '../../../shared/growthDefaultTemplate';

/**
 * 成长评价 “从学习者到传递者”: versioned templates (seeded with version 1, active) and evaluations per posting and
 * period, with their workflow history in the generic `workflow_step` table.
 *
 * Evaluations go with their posting only when the cadre file is erased for good (as the 0003 records do); a
 * template version that any evaluation pinned can never be deleted (RESTRICT).
 */
export class GrowthEvaluations0004 implements MigrationInterface {
  // TypeORM reads the last 13 characters of the name as the migration's number.
  name = 'GrowthEvaluations0000000000004';

  async up(q: QueryRunner): Promise<void> {
    const text = (col: string) => `"${col}" text NOT NULL DEFAULT ''`;

    await q.query(`CREATE TABLE "growth_template" (
      "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
      "version" integer NOT NULL,
      ${['template_name', 'status', 'notes', 'created_at', 'updated_at', 'activated_at'].map(text).join(',\n      ')},
      "threshold" real NOT NULL DEFAULT 60,
      "rater_weights" text NOT NULL DEFAULT '{}',
      "stages" text NOT NULL DEFAULT '[]',
      "based_on_id" integer REFERENCES "growth_template" ("id") ON DELETE SET NULL
    )`);
    await q.query(`CREATE UNIQUE INDEX "idx_growth_template_version" ON "growth_template" ("version")`);
    // At most one version is the active one.
    await q.query(`CREATE UNIQUE INDEX "idx_growth_template_active" ON "growth_template" ("status") WHERE "status" = '启用'`);

    await q.query(`CREATE TABLE "growth_evaluation" (
      "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
      "posting_id" integer NOT NULL REFERENCES "posting" ("id") ON DELETE CASCADE,
      "template_id" integer NOT NULL REFERENCES "growth_template" ("id") ON DELETE RESTRICT,
      ${['period', 'period_kind', 'milestone_date', 'sort_key', 'state', 'self_summary', 'archive_hash', 'archived_at', 'created_at', 'updated_at']
        .map(text)
        .join(',\n      ')},
      "ratings" text NOT NULL DEFAULT '{}',
      "narratives" text NOT NULL DEFAULT '{}',
      "evidence" text NOT NULL DEFAULT '[]'
    )`);
    // One evaluation per posting and period; the trajectory reads a posting's evaluations in period order.
    await q.query(`CREATE UNIQUE INDEX "idx_growth_evaluation_period" ON "growth_evaluation" ("posting_id", "period")`);
    await q.query(`CREATE INDEX "idx_growth_evaluation_order" ON "growth_evaluation" ("posting_id", "sort_key")`);
    await q.query(`CREATE INDEX "idx_growth_evaluation_template" ON "growth_evaluation" ("template_id")`);
    // workflow_step is generic (no foreign key): an evaluation that goes takes its history with it.
    await q.query(`CREATE TRIGGER "trg_growth_evaluation_steps" AFTER DELETE ON "growth_evaluation" BEGIN
      DELETE FROM "workflow_step" WHERE "record_type" = 'growth_evaluation' AND "record_id" = OLD."id";
    END`);

    const t = GrowthTemplateInputSchema.parse(DEFAULT_GROWTH_TEMPLATE);
    const now = new Date().toISOString();
    await q.query(
      `INSERT INTO "growth_template" ("version", "template_name", "status", "notes", "created_at", "updated_at", "activated_at", "threshold", "rater_weights", "stages")
       VALUES (1, ?, '启用', ?, ?, ?, ?, ?, ?, ?)`,
      [t.templateName, t.notes, now, now, now, t.threshold, JSON.stringify(t.raterWeights), JSON.stringify(stageDefs(t.stages))],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "trg_growth_evaluation_steps"`);
    await q.query(`DROP TABLE "growth_evaluation"`);
    await q.query(`DROP TABLE "growth_template"`);
  }
}
