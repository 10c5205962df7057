import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The cadre files, their photos and the audit log. */
export class Init0001 implements MigrationInterface {
  // TypeORM reads the last 13 characters of the name as the migration's number.
  name = 'Init0000000000001';

  async up(q: QueryRunner): Promise<void> {
    const text = (col: string) => `"${col}" text NOT NULL DEFAULT ''`;
    await q.query(`CREATE TABLE "cadre" (
      "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
      ${[
        'name', 'name_initials', 'name_pinyin', 'sort_key', 'gender', 'birth_date', 'nation', 'native_place',
        'birth_place', 'id_number', 'political_status', 'party_join_date', 'work_start_date', 'health', 'tech_title',
        'expertise', 'phone', 'ft_education', 'ft_degree', 'ft_edu_school', 'ft_degree_school', 'pt_education',
        'pt_degree', 'pt_edu_school', 'pt_degree_school', 'current_position', 'proposed_position', 'proposed_removal',
        'rank', 'person_category', 'work_unit', 'rewards', 'annual_assessment', 'appointment_reason',
        'reporting_unit', 'age_calc_date', 'fill_date', 'form_filler', 'remarks', 'created_at', 'updated_at',
      ]
        .map(text)
        .join(',\n      ')},
      "resume" text NOT NULL DEFAULT '[]',
      "family" text NOT NULL DEFAULT '[]',
      "tags" text NOT NULL DEFAULT '[]',
      "has_photo" integer NOT NULL DEFAULT 0,
      "deleted_at" text
    )`);
    await q.query(`CREATE UNIQUE INDEX "idx_cadre_id_number" ON "cadre" ("id_number")`);
    await q.query(`CREATE INDEX "idx_cadre_sort_key" ON "cadre" ("sort_key")`);
    await q.query(`CREATE INDEX "idx_cadre_name_initials" ON "cadre" ("name_initials")`);
    await q.query(`CREATE INDEX "idx_cadre_deleted_at" ON "cadre" ("deleted_at")`);
    await q.query(`CREATE TABLE "cadre_photo" (
      "cadre_id" integer PRIMARY KEY NOT NULL REFERENCES "cadre" ("id") ON DELETE CASCADE,
      "jpeg" blob NOT NULL,
      "updated_at" text NOT NULL
    )`);
    await q.query(`CREATE TABLE "audit_log" (
      "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
      "at" text NOT NULL,
      "actor" text NOT NULL,
      "entity_type" text NOT NULL,
      "entity_id" text NOT NULL,
      "action" text NOT NULL,
      "changes" text NOT NULL,
      "note" text NOT NULL DEFAULT ''
    )`);
    await q.query(`CREATE INDEX "idx_audit_entity" ON "audit_log" ("entity_type", "entity_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_log"`);
    await q.query(`DROP TABLE "cadre_photo"`);
    await q.query(`DROP TABLE "cadre"`);
  }
}
