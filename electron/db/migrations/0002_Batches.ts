import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Batches (批次/工作组) with sub-groups, party branch and meetings; postings (挂职记录) with their status history. */
export class Batches0002 implements MigrationInterface {
  // TypeORM reads the last 13 characters of the name as the migration's number.
  name = 'Batches0000000000002';

  async up(q: QueryRunner): Promise<void> {
    const text = (col: string) => `"${col}" text NOT NULL DEFAULT ''`;
    await q.query(`CREATE TABLE "batch" (
      "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
      ${['name', 'type', 'direction', 'from_place', 'to_place', 'dispatching_org', 'receiving_org', 'start_date', 'end_date',
        'branch_name', 'branch_founded_date', 'notes', 'created_at', 'updated_at'].map(text).join(',\n      ')},
      "themes" text NOT NULL DEFAULT '[]',
      "leader_id" integer REFERENCES "cadre" ("id") ON DELETE SET NULL,
      "branch_secretary_id" integer REFERENCES "cadre" ("id") ON DELETE SET NULL
    )`);
    await q.query(`CREATE INDEX "idx_batch_start" ON "batch" ("start_date")`);

    await q.query(`CREATE TABLE "posting" (
      "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
      "cadre_id" integer NOT NULL REFERENCES "cadre" ("id") ON DELETE CASCADE,
      "batch_id" integer REFERENCES "batch" ("id") ON DELETE RESTRICT,
      ${['direction', 'original_unit', 'original_post', 'host_unit', 'host_post', 'post_type', 'start_date', 'planned_end_date',
        'actual_end_date', 'status', 'pol_mentor_name', 'pol_mentor_unit', 'pol_mentor_phone', 'biz_mentor_name',
        'biz_mentor_unit', 'biz_mentor_phone', 'notes', 'created_at', 'updated_at'].map(text).join(',\n      ')}
    )`);
    await q.query(`CREATE INDEX "idx_posting_cadre" ON "posting" ("cadre_id", "start_date")`);
    // One posting per cadre per batch: the batch's members are its postings.
    await q.query(`CREATE UNIQUE INDEX "idx_posting_batch_cadre" ON "posting" ("batch_id", "cadre_id")`);
    await q.query(`CREATE INDEX "idx_posting_status_end" ON "posting" ("status", "planned_end_date")`);

    await q.query(`CREATE TABLE "posting_status_change" (
      "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
      "posting_id" integer NOT NULL REFERENCES "posting" ("id") ON DELETE CASCADE,
      "from_status" text,
      ${['to_status', 'date', 'reason', 'actor', 'at'].map(text).join(',\n      ')}
    )`);
    await q.query(`CREATE INDEX "idx_posting_status_change_posting" ON "posting_status_change" ("posting_id")`);

    await q.query(`CREATE TABLE "batch_sub_group" (
      "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
      "batch_id" integer NOT NULL REFERENCES "batch" ("id") ON DELETE CASCADE,
      "group_name" text NOT NULL,
      "leader_id" integer REFERENCES "cadre" ("id") ON DELETE SET NULL,
      "sort_order" integer NOT NULL DEFAULT 0
    )`);
    await q.query(`CREATE INDEX "idx_batch_sub_group_batch" ON "batch_sub_group" ("batch_id")`);
    await q.query(`CREATE TABLE "batch_sub_group_member" (
      "sub_group_id" integer NOT NULL REFERENCES "batch_sub_group" ("id") ON DELETE CASCADE,
      "cadre_id" integer NOT NULL REFERENCES "cadre" ("id") ON DELETE CASCADE,
      PRIMARY KEY ("sub_group_id", "cadre_id")
    )`);
    await q.query(`CREATE TABLE "batch_branch_member" (
      "batch_id" integer NOT NULL REFERENCES "batch" ("id") ON DELETE CASCADE,
      "cadre_id" integer NOT NULL REFERENCES "cadre" ("id") ON DELETE CASCADE,
      PRIMARY KEY ("batch_id", "cadre_id")
    )`);
    await q.query(`CREATE TABLE "batch_meeting" (
      "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
      "batch_id" integer NOT NULL REFERENCES "batch" ("id") ON DELETE CASCADE,
      ${['type', 'date', 'topic', 'minutes', 'created_at', 'updated_at'].map(text).join(',\n      ')},
      "attendance" integer
    )`);
    await q.query(`CREATE INDEX "idx_batch_meeting_batch" ON "batch_meeting" ("batch_id", "date")`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['batch_meeting', 'batch_branch_member', 'batch_sub_group_member', 'batch_sub_group', 'posting_status_change', 'posting', 'batch'])
      await q.query(`DROP TABLE "${t}"`);
  }
}
