import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The 示例数据 registry (DemoMarkEntity): which rows the demo loader wrote, so that 清除示例数据 removes exactly them. */
export class DemoMarks0009 implements MigrationInterface {
  // TypeORM reads the last 13 characters of the name as the migration's number.
  name = 'DemoMarks0000000000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "demo_mark" ("entity_type" text NOT NULL, "entity_id" integer NOT NULL, "created_at" text NOT NULL DEFAULT (''), PRIMARY KEY ("entity_type", "entity_id"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "demo_mark"`);
  }
}
