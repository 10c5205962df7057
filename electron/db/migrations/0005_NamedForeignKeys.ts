import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Names every foreign key (`fk_<table>_<column>`), so that the entities can describe the schema exactly.
 *
 * 0001–0004 declared the foreign keys inline (`REFERENCES … ON DELETE …`), which SQLite stores without a name.
 * TypeORM matches foreign keys by name only, so it took each of them for an unknown key to drop and wanted to
 * rebuild every table twice. SQLite cannot rename or add a constraint, so each table with a foreign key is
 * rebuilt once here (the SQLite 12-step way): same columns, rows, ids, AUTOINCREMENT counter, indexes and
 * triggers; only the foreign keys gain their names. Their ON DELETE actions are unchanged.
 */
export class NamedForeignKeys0005 implements MigrationInterface {
  // TypeORM reads the last 13 characters of the name as the migration's number.
  name = 'NamedForeignKeys0000000000005';

  async up(q: QueryRunner): Promise<void> {
    await rebuildAll(q, true);
  }

  /** Back to 0004's unnamed foreign keys (as table constraints, which SQLite treats the same as inline ones). */
  async down(q: QueryRunner): Promise<void> {
    await rebuildAll(q, false);
  }
}

type OnDelete = 'CASCADE' | 'SET NULL' | 'RESTRICT';

interface TableDef {
  name: string;
  /** Column definitions as 0001–0004 wrote them, minus the inline REFERENCES. */
  columns: string[];
  /** Table constraints other than foreign keys (composite primary keys). */
  constraints?: string[];
  foreignKeys: { column: string; references: string; onDelete: OnDelete }[];
  indexes?: string[];
  triggers?: string[];
  autoIncrement: boolean;
}

const text = (col: string) => `"${col}" text NOT NULL DEFAULT ''`;
const id = `"id" integer PRIMARY KEY AUTOINCREMENT NOT NULL`;
const postingFk = { column: 'posting_id', references: 'posting', onDelete: 'CASCADE' } as const;

/** The tables that have foreign keys, as 0004 left them; parents before children. */
const TABLES: TableDef[] = [
  {
    name: 'cadre_photo',
    columns: [`"cadre_id" integer PRIMARY KEY NOT NULL`, `"jpeg" blob NOT NULL`, `"updated_at" text NOT NULL`],
    foreignKeys: [{ column: 'cadre_id', references: 'cadre', onDelete: 'CASCADE' }],
    autoIncrement: false,
  },
  {
    name: 'batch',
    columns: [
      id,
      ...['name', 'type', 'direction', 'from_place', 'to_place', 'dispatching_org', 'receiving_org', 'start_date', 'end_date',
        'branch_name', 'branch_founded_date', 'notes', 'created_at', 'updated_at'].map(text),
      `"themes" text NOT NULL DEFAULT '[]'`,
      `"leader_id" integer`,
      `"branch_secretary_id" integer`,
    ],
    foreignKeys: [
      { column: 'leader_id', references: 'cadre', onDelete: 'SET NULL' },
      { column: 'branch_secretary_id', references: 'cadre', onDelete: 'SET NULL' },
    ],
    indexes: [`CREATE INDEX "idx_batch_start" ON "batch" ("start_date")`],
    autoIncrement: true,
  },
  {
    name: 'posting',
    columns: [
      id,
      `"cadre_id" integer NOT NULL`,
      `"batch_id" integer`,
      ...['direction', 'original_unit', 'original_post', 'host_unit', 'host_post', 'post_type', 'start_date', 'planned_end_date',
        'actual_end_date', 'status', 'pol_mentor_name', 'pol_mentor_unit', 'pol_mentor_phone', 'biz_mentor_name',
        'biz_mentor_unit', 'biz_mentor_phone', 'notes', 'created_at', 'updated_at'].map(text),
    ],
    foreignKeys: [
      { column: 'cadre_id', references: 'cadre', onDelete: 'CASCADE' },
      { column: 'batch_id', references: 'batch', onDelete: 'RESTRICT' },
    ],
    indexes: [
      `CREATE INDEX "idx_posting_cadre" ON "posting" ("cadre_id", "start_date")`,
      `CREATE UNIQUE INDEX "idx_posting_batch_cadre" ON "posting" ("batch_id", "cadre_id")`,
      `CREATE INDEX "idx_posting_status_end" ON "posting" ("status", "planned_end_date")`,
    ],
    autoIncrement: true,
  },
  {
    name: 'posting_status_change',
    columns: [id, `"posting_id" integer NOT NULL`, `"from_status" text`, ...['to_status', 'date', 'reason', 'actor', 'at'].map(text)],
    foreignKeys: [postingFk],
    indexes: [`CREATE INDEX "idx_posting_status_change_posting" ON "posting_status_change" ("posting_id")`],
    autoIncrement: true,
  },
  {
    name: 'batch_sub_group',
    columns: [id, `"batch_id" integer NOT NULL`, `"group_name" text NOT NULL`, `"leader_id" integer`, `"sort_order" integer NOT NULL DEFAULT 0`],
    foreignKeys: [
      { column: 'batch_id', references: 'batch', onDelete: 'CASCADE' },
      { column: 'leader_id', references: 'cadre', onDelete: 'SET NULL' },
    ],
    indexes: [`CREATE INDEX "idx_batch_sub_group_batch" ON "batch_sub_group" ("batch_id")`],
    autoIncrement: true,
  },
  {
    name: 'batch_sub_group_member',
    columns: [`"sub_group_id" integer NOT NULL`, `"cadre_id" integer NOT NULL`],
    constraints: [`PRIMARY KEY ("sub_group_id", "cadre_id")`],
    foreignKeys: [
      { column: 'sub_group_id', references: 'batch_sub_group', onDelete: 'CASCADE' },
      { column: 'cadre_id', references: 'cadre', onDelete: 'CASCADE' },
    ],
    autoIncrement: false,
  },
  {
    name: 'batch_branch_member',
    columns: [`"batch_id" integer NOT NULL`, `"cadre_id" integer NOT NULL`],
    constraints: [`PRIMARY KEY ("batch_id", "cadre_id")`],
    foreignKeys: [
      { column: 'batch_id', references: 'batch', onDelete: 'CASCADE' },
      { column: 'cadre_id', references: 'cadre', onDelete: 'CASCADE' },
    ],
    autoIncrement: false,
  },
  {
    name: 'batch_meeting',
    columns: [id, `"batch_id" integer NOT NULL`, ...['type', 'date', 'topic', 'minutes', 'created_at', 'updated_at'].map(text), `"attendance" integer`],
    foreignKeys: [{ column: 'batch_id', references: 'batch', onDelete: 'CASCADE' }],
    indexes: [`CREATE INDEX "idx_batch_meeting_batch" ON "batch_meeting" ("batch_id", "date")`],
    autoIncrement: true,
  },
  {
    name: 'assessment_record',
    columns: [
      id,
      `"posting_id" integer NOT NULL`,
      ...['kind', 'period', 'state', 'grade', 'created_at', 'updated_at'].map(text),
      `"data" text NOT NULL DEFAULT '{}'`,
    ],
    foreignKeys: [postingFk],
    indexes: [
      `CREATE INDEX "idx_assessment_record_posting" ON "assessment_record" ("posting_id", "kind", "period")`,
      `CREATE UNIQUE INDEX "idx_assessment_record_unique" ON "assessment_record" ("posting_id", "kind", "period")
      WHERE "kind" IN ('monthly', 'quarterly', 'annual', 'term')`,
    ],
    triggers: [
      `CREATE TRIGGER "trg_assessment_record_steps" AFTER DELETE ON "assessment_record" BEGIN
      DELETE FROM "workflow_step" WHERE "record_type" = 'assessment_record' AND "record_id" = OLD."id";
    END`,
    ],
    autoIncrement: true,
  },
  {
    name: 'leave_entry',
    columns: [
      id,
      `"posting_id" integer NOT NULL`,
      ...['leave_type', 'start_date', 'end_date', 'approved_by', 'notes', 'created_at', 'updated_at'].map(text),
    ],
    foreignKeys: [postingFk],
    indexes: [`CREATE INDEX "idx_leave_entry_posting" ON "leave_entry" ("posting_id", "start_date")`],
    autoIncrement: true,
  },
  {
    name: 'work_result',
    columns: [
      id,
      `"posting_id" integer NOT NULL`,
      ...['category', 'title', 'date', 'quantity_unit', 'description', 'created_at', 'updated_at'].map(text),
      `"amount" real`,
      `"quantity" real`,
    ],
    foreignKeys: [postingFk],
    indexes: [`CREATE INDEX "idx_work_result_posting" ON "work_result" ("posting_id", "category", "quantity_unit", "amount", "quantity")`],
    autoIncrement: true,
  },
  {
    name: 'evidence_file',
    columns: [id, `"result_id" integer NOT NULL`, ...['file_name', 'ext', 'sha256', 'created_at'].map(text), `"size" integer NOT NULL DEFAULT 0`],
    foreignKeys: [{ column: 'result_id', references: 'work_result', onDelete: 'CASCADE' }],
    indexes: [
      `CREATE INDEX "idx_evidence_file_result" ON "evidence_file" ("result_id")`,
      `CREATE INDEX "idx_evidence_file_sha256" ON "evidence_file" ("sha256")`,
    ],
    autoIncrement: true,
  },
  {
    name: 'growth_template',
    columns: [
      id,
      `"version" integer NOT NULL`,
      ...['template_name', 'status', 'notes', 'created_at', 'updated_at', 'activated_at'].map(text),
      `"threshold" real NOT NULL DEFAULT 60`,
      `"rater_weights" text NOT NULL DEFAULT '{}'`,
      `"stages" text NOT NULL DEFAULT '[]'`,
      `"based_on_id" integer`,
    ],
    foreignKeys: [{ column: 'based_on_id', references: 'growth_template', onDelete: 'SET NULL' }],
    indexes: [
      `CREATE UNIQUE INDEX "idx_growth_template_version" ON "growth_template" ("version")`,
      `CREATE UNIQUE INDEX "idx_growth_template_active" ON "growth_template" ("status") WHERE "status" = '启用'`,
    ],
    autoIncrement: true,
  },
  {
    name: 'growth_evaluation',
    columns: [
      id,
      `"posting_id" integer NOT NULL`,
      `"template_id" integer NOT NULL`,
      ...['period', 'period_kind', 'milestone_date', 'sort_key', 'state', 'self_summary', 'archive_hash', 'archived_at', 'created_at', 'updated_at'].map(text),
      `"ratings" text NOT NULL DEFAULT '{}'`,
      `"narratives" text NOT NULL DEFAULT '{}'`,
      `"evidence" text NOT NULL DEFAULT '[]'`,
    ],
    foreignKeys: [postingFk, { column: 'template_id', references: 'growth_template', onDelete: 'RESTRICT' }],
    indexes: [
      `CREATE UNIQUE INDEX "idx_growth_evaluation_period" ON "growth_evaluation" ("posting_id", "period")`,
      `CREATE INDEX "idx_growth_evaluation_order" ON "growth_evaluation" ("posting_id", "sort_key")`,
      `CREATE INDEX "idx_growth_evaluation_template" ON "growth_evaluation" ("template_id")`,
    ],
    triggers: [
      `CREATE TRIGGER "trg_growth_evaluation_steps" AFTER DELETE ON "growth_evaluation" BEGIN
      DELETE FROM "workflow_step" WHERE "record_type" = 'growth_evaluation' AND "record_id" = OLD."id";
    END`,
    ],
    autoIncrement: true,
  },
];

/** The name the entities give this foreign key (`foreignKeyConstraintName`). */
export const foreignKeyName = (table: string, column: string) => `fk_${table}_${column.replace(/_id$/, '')}`;

async function rebuildAll(q: QueryRunner, named: boolean): Promise<void> {
  // With foreign keys on, dropping a parent table would run its ON DELETE actions and empty the children.
  // TypeORM turns them off around each migration; refuse to run if that ever stops being so.
  const [{ foreign_keys: fkOn }] = (await q.query('PRAGMA foreign_keys')) as { foreign_keys: number }[];
  if (fkOn) throw new Error('迁移 0005 须在 foreign_keys = OFF 时运行（重建父表会级联删除子表数据）');

  for (const t of TABLES) await rebuild(q, t, named);

  const broken = (await q.query('PRAGMA foreign_key_check')) as unknown[];
  if (broken.length) throw new Error(`重建后外键检查未通过：${JSON.stringify(broken.slice(0, 5))}`);
}

async function rebuild(q: QueryRunner, t: TableDef, named: boolean): Promise<void> {
  const tmp = `new_${t.name}`;
  const cols = t.columns.map((c) => /^"(\w+)"/.exec(c)![1]).map((c) => `"${c}"`).join(', ');
  const fks = t.foreignKeys.map(
    (fk) =>
      `${named ? `CONSTRAINT "${foreignKeyName(t.name, fk.column)}" ` : ''}FOREIGN KEY ("${fk.column}") REFERENCES "${fk.references}" ("id") ON DELETE ${fk.onDelete}`,
  );
  await q.query(`CREATE TABLE "${tmp}" (\n      ${[...t.columns, ...(t.constraints ?? []), ...fks].join(',\n      ')}\n    )`);
  await q.query(`INSERT INTO "${tmp}" (${cols}) SELECT ${cols} FROM "${t.name}"`);
  if (t.autoIncrement) {
    // Keep the AUTOINCREMENT counter: ids of deleted rows are never handed out again.
    await q.query(`DELETE FROM "sqlite_sequence" WHERE "name" = ?`, [tmp]);
    await q.query(`INSERT INTO "sqlite_sequence" ("name", "seq") SELECT ?, "seq" FROM "sqlite_sequence" WHERE "name" = ?`, [tmp, t.name]);
  }
  // Dropping the table drops its indexes and triggers too; they are created again below.
  await q.query(`DROP TABLE "${t.name}"`);
  await q.query(`ALTER TABLE "${tmp}" RENAME TO "${t.name}"`);
  for (const sql of [...(t.indexes ?? []), ...(t.triggers ?? [])]) await q.query(sql);
}
