import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sqlite as sqlite3 } from '../../electron/db/sqliteDriver';
import { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/dataSource';
import { ENTITIES } from '../../electron/db/entities';
import { migrationSource, nextMigrationNumber, schemaDiff } from '../../electron/db/generateMigration';
import { MIGRATIONS } from '../../electron/db/migrations';
import { AppServices } from '../../electron/services/AppServices';
import { PG_MIGRATIONS } from '../../electron/db/migrations/postgres';
import { REFUSAL_MARK } from '../../electron/db/triggerRefusal';
import { createTestDatabase, describeSqliteOnly, onPostgres } from '../helpers/testDb';

const dirs: string[] = [];
const tempFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-desk-schema-test-'));
  dirs.push(dir);
  return path.join(dir, 'cadre.db');
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Every foreign key of the database: `table.column → parent ON DELETE action`. */
const EXPECTED_FKS = [
  'assessment_record.posting_id → posting CASCADE',
  'batch.branch_secretary_id → cadre SET NULL',
  'batch.leader_id → cadre SET NULL',
  'batch_branch_member.batch_id → batch CASCADE',
  'batch_branch_member.cadre_id → cadre CASCADE',
  'batch_meeting.batch_id → batch CASCADE',
  'batch_sub_group.batch_id → batch CASCADE',
  'batch_sub_group.leader_id → cadre SET NULL',
  'batch_sub_group_member.cadre_id → cadre CASCADE',
  'batch_sub_group_member.sub_group_id → batch_sub_group CASCADE',
  'cadre_photo.cadre_id → cadre CASCADE',
  'evidence_file.result_id → work_result CASCADE',
  'growth_evaluation.posting_id → posting CASCADE',
  'growth_evaluation.template_id → growth_template RESTRICT',
  'growth_template.based_on_id → growth_template SET NULL',
  'leave_entry.posting_id → posting CASCADE',
  'posting.batch_id → batch RESTRICT',
  'posting.cadre_id → cadre CASCADE',
  'posting_status_change.posting_id → posting CASCADE',
  'work_result.posting_id → posting CASCADE',
];

type Query = (sql: string, params?: unknown[]) => Promise<any[]>;

async function foreignKeys(query: Query): Promise<string[]> {
  const tables = await query(`SELECT "name" FROM "sqlite_master" WHERE "type" = 'table' AND "name" NOT LIKE 'sqlite_%'`);
  const out: string[] = [];
  for (const { name } of tables)
    for (const fk of await query(`PRAGMA foreign_key_list("${name}")`)) out.push(`${name}.${fk.from} → ${fk.table} ${fk.on_delete}`);
  return out.sort();
}

/** The schema as SQLite stores it (tables, indexes, triggers), minus TypeORM's own bookkeeping. */
const schemaRows = (query: Query) =>
  query(`SELECT "type", "name", "tbl_name", "sql" FROM "sqlite_master" WHERE "name" NOT LIKE 'sqlite_%' AND "name" != 'migrations' ORDER BY "name"`);

async function pendingSchemaSql(ds: DataSource): Promise<string[]> {
  return (await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query);
}

describeSqliteOnly('entities describe the migrated schema exactly', 'sqlite_master 与 PRAGMA；PostgreSQL 见下', () => {
  it('a freshly migrated database needs no schema change, and its foreign keys keep their ON DELETE actions', async () => {
    const services = await AppServices.open(tempFile());
    try {
      const ds = services.db.dataSource;
      const pending = await pendingSchemaSql(ds);
      expect(pending, `TypeORM would still run:\n${pending.join(';\n')}`).toEqual([]);

      const query: Query = (sql, params) => ds.query(sql, params);
      expect(await foreignKeys(query)).toEqual(EXPECTED_FKS);
      // TypeORM matches foreign keys by name: each one carries the name its entity gives it.
      const posting = (await query(`SELECT "sql" FROM "sqlite_master" WHERE "name" = 'posting'`))[0].sql as string;
      expect(posting).toContain(`CONSTRAINT "fk_posting_cadre" FOREIGN KEY ("cadre_id") REFERENCES "cadre" ("id") ON DELETE CASCADE`);
      expect(posting).toContain(`CONSTRAINT "fk_posting_batch" FOREIGN KEY ("batch_id") REFERENCES "batch" ("id") ON DELETE RESTRICT`);
      const triggers = await query(`SELECT "name" FROM "sqlite_master" WHERE "type" = 'trigger' ORDER BY "name"`);
      expect(triggers.map((t) => t.name)).toEqual([
        'trg_archive_ledger_no_delete',
        'trg_archive_ledger_no_update',
        'trg_assessment_record_archived_delete',
        'trg_assessment_record_archived_update',
        'trg_assessment_record_steps',
        'trg_audit_log_no_delete',
        'trg_audit_log_no_update',
        'trg_growth_evaluation_archived_delete',
        'trg_growth_evaluation_archived_update',
        'trg_growth_evaluation_steps',
      ]);
    } finally {
      await services.close();
    }
  });

  it('relations are declared for the schema only: never eager or lazy, so the services load nothing extra', async () => {
    const ds = await openDatabase({ file: tempFile() });
    try {
      const relations = ds.entityMetadatas.flatMap((m) => m.relations);
      expect(relations.length).toBe(EXPECTED_FKS.length);
      expect(relations.filter((r) => r.isEager || r.isLazy).map((r) => r.propertyPath)).toEqual([]);
      // Every table the migrations create has an entity, so a schema sync would not drop any.
      const tables = await ds.query(`SELECT "name" FROM "sqlite_master" WHERE "type" = 'table' AND "name" NOT LIKE 'sqlite_%' AND "name" != 'migrations'`);
      expect(tables.map((t: { name: string }) => t.name).sort()).toEqual(ds.entityMetadatas.map((m) => m.tableName).sort());
    } finally {
      await ds.destroy();
    }
  });

  it('migration:generate finds nothing to generate', async () => {
    const diff = await schemaDiff();
    expect(diff.up, `pending:\n${diff.up.join(';\n')}`).toEqual([]);
    expect(diff.down).toEqual([]);
    // The next file gets the next number after the registered ones, named the way 0001–0005 are.
    // (After the highest registered number: one may be registered ahead of a number still being written.)
    expect(nextMigrationNumber()).toBe(Math.max(...MIGRATIONS.map((M) => Number(new M().name.slice(-13)))) + 1);
    const src = migrationSource('AddThing', 6, { up: ['CREATE TABLE "t" ("a" text DEFAULT \'`${x}`\')'], down: ['DROP TABLE "t"'], lostTriggers: ['CREATE TRIGGER "trg_t"'] });
    expect(src).toContain(`export class AddThing0006 implements MigrationInterface`);
    expect(src).toContain(`name = 'AddThing0000000000006';`);
    // A rebuilt table lost its triggers: both up and down recreate them.
    expect(src.split('await q.query(`CREATE TRIGGER "trg_t"`);')).toHaveLength(3);
    expect(src).toContain('await q.query(`CREATE TABLE "t" ("a" text DEFAULT \'\\`\\${x}\\`\')`);');
  });
});

describeSqliteOnly('0005 on a database populated at 0004', 'SQLite 的迁移历史', () => {
  /** Migrates `file` with 0001–0004 only and fills every table that 0005 rebuilds. */
  async function populatedAt0004(file: string): Promise<void> {
    const ds = new DataSource({ type: 'sqlite', driver: sqlite3, database: file, entities: ENTITIES, migrations: MIGRATIONS.slice(0, 4) });
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      const run = (sql: string, params: unknown[] = []) => ds.query(sql, params);
      await run(`INSERT INTO "cadre" ("name", "id_number", "resume") VALUES ('李明远', '1', '[{"x":1}]'), ('王芳', '2', '[]'), ('赵强', '3', '[]')`);
      await run(`INSERT INTO "cadre_photo" ("cadre_id", "jpeg", "updated_at") VALUES (1, ?, '2025.01.01')`, [Buffer.from([0xff, 0xd8, 0xff, 0x00])]);
      await run(`INSERT INTO "batch" ("name", "leader_id", "branch_secretary_id") VALUES ('第一批', 1, 2), ('第二批', NULL, NULL)`);
      await run(`INSERT INTO "posting" ("cadre_id", "batch_id", "status") VALUES (1, 1, '在岗'), (2, 1, '拟派'), (3, NULL, '拟派')`);
      // The last posting goes: its id (3) must never be handed out again after the rebuild.
      await run(`DELETE FROM "posting" WHERE "id" = 3`);
      await run(`INSERT INTO "posting_status_change" ("posting_id", "from_status", "to_status") VALUES (1, NULL, '拟派'), (1, '拟派', '在岗')`);
      await run(`INSERT INTO "batch_sub_group" ("batch_id", "group_name", "leader_id") VALUES (1, '项目招引', 2)`);
      await run(`INSERT INTO "batch_sub_group_member" ("sub_group_id", "cadre_id") VALUES (1, 1), (1, 2)`);
      await run(`INSERT INTO "batch_branch_member" ("batch_id", "cadre_id") VALUES (1, 1), (1, 2)`);
      await run(`INSERT INTO "batch_meeting" ("batch_id", "type", "attendance") VALUES (1, '支部会议', 12)`);
      await run(`INSERT INTO "assessment_record" ("posting_id", "kind", "period", "data") VALUES (1, 'monthly', '2025.01', '{"a":1}'), (2, 'annual', '2025', '{}')`);
      await run(`INSERT INTO "workflow_step" ("record_type", "record_id", "action", "to_state") VALUES ('assessment_record', 1, 'create', '草稿'), ('growth_evaluation', 1, 'create', '草稿')`);
      await run(`INSERT INTO "leave_entry" ("posting_id", "leave_type") VALUES (1, '事假')`);
      await run(`INSERT INTO "work_result" ("posting_id", "title", "amount", "quantity") VALUES (1, '招商', 1500.5, NULL)`);
      await run(`INSERT INTO "evidence_file" ("result_id", "file_name", "size") VALUES (1, '合同.pdf', 2048)`);
      await run(`INSERT INTO "growth_template" ("version", "status", "based_on_id") VALUES (2, '草稿', 1)`);
      await run(`INSERT INTO "growth_evaluation" ("posting_id", "template_id", "period") VALUES (1, 1, '第一季度')`);
    } finally {
      await ds.destroy();
    }
  }

  async function dumpRows(query: Query): Promise<Record<string, unknown[]>> {
    const tables = await query(`SELECT "name" FROM "sqlite_master" WHERE "type" = 'table' AND "name" != 'migrations' ORDER BY "name"`);
    const out: Record<string, unknown[]> = {};
    // sqlite_sequence too (the AUTOINCREMENT counters), except the migrations table's, which 0005 itself moves on.
    for (const { name } of tables) out[name] = await query(`SELECT * FROM "${name}" ${name === 'sqlite_sequence' ? `WHERE "name" != 'migrations'` : ''} ORDER BY 1, 2`);
    return out;
  }

  it('keeps every row, id and AUTOINCREMENT counter, ends with the fresh schema, and its foreign keys act', async () => {
    const file = tempFile();
    await populatedAt0004(file);

    const before = new DataSource({ type: 'sqlite', driver: sqlite3, database: file, entities: ENTITIES });
    await before.initialize();
    const rowsBefore = await dumpRows((sql, p) => before.query(sql, p));
    expect(await foreignKeys((sql, p) => before.query(sql, p))).toEqual(EXPECTED_FKS); // 0004 had them, unnamed
    await before.destroy();
    expect(rowsBefore.posting).toHaveLength(2);
    expect(rowsBefore.workflow_step).toHaveLength(2);

    const ds = await openDatabase({ file });
    const fresh = await openDatabase({ file: tempFile() });
    try {
      const query: Query = (sql, params) => ds.query(sql, params);
      const applied = await query(`SELECT "name" FROM "migrations" ORDER BY "id"`);
      expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((M) => new M().name));

      // Every table that existed keeps its rows; the later migrations only add (empty) tables.
      const rowsAfter = await dumpRows(query);
      expect(Object.fromEntries(Object.keys(rowsBefore).map((t) => [t, rowsAfter[t]]))).toEqual(rowsBefore);
      expect(Object.keys(rowsAfter).filter((t) => !(t in rowsBefore))).toEqual(['archive_ledger', 'archive_ledger_head', 'demo_mark', 'user_account']);
      expect(await query('PRAGMA foreign_key_check')).toEqual([]);
      expect(await foreignKeys(query)).toEqual(EXPECTED_FKS);
      // The upgraded database and a new one are the same schema, text for text, and match the entities.
      expect(await schemaRows(query)).toEqual(await schemaRows((sql, p) => fresh.query(sql, p)));
      const pending = await pendingSchemaSql(ds);
      expect(pending, `TypeORM would still run:\n${pending.join(';\n')}`).toEqual([]);

      // AUTOINCREMENT survived the rebuild: the deleted posting's id is not reused.
      await query(`INSERT INTO "posting" ("cadre_id", "status") VALUES (3, '拟派')`);
      expect((await query(`SELECT max("id") AS "id" FROM "posting"`))[0].id).toBe(4);

      // The rebuilt foreign keys act: RESTRICT refuses, SET NULL clears, CASCADE removes, triggers still fire.
      await expect(query(`DELETE FROM "batch" WHERE "id" = 1`)).rejects.toThrow(/FOREIGN KEY constraint failed/);
      await expect(query(`DELETE FROM "growth_template" WHERE "id" = 1`)).rejects.toThrow(/FOREIGN KEY constraint failed/);
      await query(`DELETE FROM "cadre" WHERE "id" = 1`);
      expect(await query(`SELECT "leader_id", "branch_secretary_id" FROM "batch" WHERE "id" = 1`)).toEqual([{ leader_id: null, branch_secretary_id: 2 }]);
      const count = async (t: string) => (await query(`SELECT count(*) AS "n" FROM "${t}"`))[0].n as number;
      expect(await count('cadre_photo')).toBe(0);
      expect(await query(`SELECT "id" FROM "posting" ORDER BY "id"`)).toEqual([{ id: 2 }, { id: 4 }]);
      for (const t of ['posting_status_change', 'leave_entry', 'work_result', 'evidence_file', 'growth_evaluation']) expect(await count(t), t).toBe(0);
      expect(await query(`SELECT "posting_id" FROM "assessment_record"`)).toEqual([{ posting_id: 2 }]);
      expect(await query(`SELECT "cadre_id" FROM "batch_sub_group_member"`)).toEqual([{ cadre_id: 2 }]);
      expect(await query(`SELECT "cadre_id" FROM "batch_branch_member"`)).toEqual([{ cadre_id: 2 }]);
      // Their records' workflow history went with them (both triggers were recreated).
      expect(await count('workflow_step')).toBe(0);
    } finally {
      await ds.destroy();
      await fresh.destroy();
    }
  });
});

/** The triggers of a migrated database, on either engine (PostgreSQL also refuses TRUNCATE, which fires no row trigger). */
const SQLITE_TRIGGERS = [
  'trg_archive_ledger_no_delete',
  'trg_archive_ledger_no_update',
  'trg_assessment_record_archived_delete',
  'trg_assessment_record_archived_update',
  'trg_assessment_record_steps',
  'trg_audit_log_no_delete',
  'trg_audit_log_no_update',
  'trg_growth_evaluation_archived_delete',
  'trg_growth_evaluation_archived_update',
  'trg_growth_evaluation_steps',
];

describe.skipIf(!onPostgres)('PostgreSQL: the same entities describe the schema its migrations make', () => {
  const ON_DELETE: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

  async function pgForeignKeys(query: Query): Promise<string[]> {
    const rows = await query(`SELECT c.conrelid::regclass::text AS tbl, a.attname AS col, c.confrelid::regclass::text AS parent, c.confdeltype AS del
      FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`);
    return rows.map((r) => `${r.tbl}.${r.col} → ${r.parent} ${ON_DELETE[r.del]}`).sort();
  }

  it('a freshly migrated database needs no schema change; foreign keys, ON DELETE actions and triggers as on SQLite', async () => {
    const db = await createTestDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-desk-schema-test-'));
    dirs.push(dir);
    const services = await AppServices.open(db.url, { dataDir: dir });
    try {
      const ds = services.db.dataSource;
      expect(ds.options.type).toBe('postgres');
      const pending = await pendingSchemaSql(ds);
      expect(pending, `TypeORM would still run:\n${pending.join(';\n')}`).toEqual([]);
      const query: Query = (sql, params) => ds.query(sql, params);
      expect(await pgForeignKeys(query)).toEqual(EXPECTED_FKS);
      const names = await query(`SELECT conname FROM pg_constraint WHERE contype = 'f' ORDER BY conname`);
      expect(names.map((r) => r.conname)).toContain('fk_posting_cadre');
      const triggers = await query(`SELECT DISTINCT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`);
      expect(triggers.map((t) => t.tgname)).toEqual(
        [...SQLITE_TRIGGERS, 'trg_archive_ledger_no_truncate', 'trg_assessment_record_no_truncate', 'trg_audit_log_no_truncate', 'trg_growth_evaluation_no_truncate'].sort(),
      );
      // Every table has an entity; the column types PostgreSQL uses for SQLite's real and blob.
      const tables = await query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename != 'migrations'`);
      expect(tables.map((t) => t.tablename).sort()).toEqual(ds.entityMetadatas.map((m) => m.tableName).sort());
      const types = await query(`SELECT table_name || '.' || column_name AS c, data_type AS t FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type NOT IN ('text', 'integer', 'character varying', 'bigint') ORDER BY 1`);
      expect(types).toEqual([
        { c: 'cadre_photo.jpeg', t: 'bytea' },
        { c: 'growth_template.threshold', t: 'double precision' },
        { c: 'work_result.amount', t: 'double precision' },
        { c: 'work_result.quantity', t: 'double precision' },
      ]);
      const applied = await query(`SELECT "name" FROM "migrations" ORDER BY "id"`);
      expect(applied.map((m) => m.name)).toEqual(PG_MIGRATIONS.map((M) => new M().name));
      // The rows SQLite's migrations insert: the active growth template and the audit log's head.
      expect(await query(`SELECT "version", "status" FROM "growth_template"`)).toEqual([{ version: 1, status: '启用' }]);
      expect((await query(`SELECT "id" FROM "archive_ledger_head" ORDER BY "id"`)).map((r) => r.id)).toContain(2);
    } finally {
      await services.close();
      await db.drop();
    }
  });

  it('triggers and foreign keys act as on SQLite: archived rows refused with 拒绝：…, append-only logs, cascades, RESTRICT', async () => {
    const db = await createTestDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-desk-schema-test-'));
    dirs.push(dir);
    const ds = await openDatabase({ file: db.url });
    try {
      const query: Query = (sql, params) => ds.query(sql, params);
      await query(`INSERT INTO "cadre" ("name", "id_number") VALUES ('甄试甲', '1'), ('甄试乙', '2')`);
      await query(`INSERT INTO "batch" ("name", "leader_id") VALUES ('测试批', 1)`);
      await query(`INSERT INTO "posting" ("cadre_id", "batch_id", "status") VALUES (1, 1, '在岗'), (2, 1, '在岗')`);
      await query(`INSERT INTO "assessment_record" ("posting_id", "kind", "period", "state") VALUES (1, 'annual', '2025', '已归档'), (2, 'annual', '2025', '草稿')`);
      await query(`INSERT INTO "workflow_step" ("record_type", "record_id", "action", "to_state") VALUES ('assessment_record', 2, 'create', '草稿')`);
      await query(`INSERT INTO "growth_evaluation" ("posting_id", "template_id", "period", "state") VALUES (1, 1, '第一季度', '已归档')`);
      await query(`INSERT INTO "audit_log" ("seq", "at", "actor", "entity_type", "entity_id", "action", "changes") VALUES (1, 'x', 'x', 'cadre', '1', '新建', '{}')`);
      await query(`INSERT INTO "archive_ledger" ("seq", "record_id") VALUES (1, 1)`);

      const refused = (sql: string, message: string) => expect(query(sql)).rejects.toThrow(`${REFUSAL_MARK}${message}`);
      await refused(`UPDATE "assessment_record" SET "grade" = '优秀' WHERE "id" = 1`, '已归档的考核记录不能修改');
      await refused(`DELETE FROM "assessment_record" WHERE "id" = 1`, '已归档的考核记录不能删除');
      await refused(`UPDATE "growth_evaluation" SET "state" = '草稿'`, '已归档的成长评价不能修改');
      await refused(`DELETE FROM "growth_evaluation"`, '已归档的成长评价不能删除');
      // A cascade from erasing the cadre is refused too, and nothing of it happens.
      await refused(`DELETE FROM "cadre" WHERE "id" = 1`, '已归档的考核记录不能删除');
      for (const table of ['audit_log', 'archive_ledger']) {
        const message = table === 'audit_log' ? '操作日志只能追加，不能修改或删除' : '归档账本只能追加，不能修改或删除';
        await refused(`UPDATE "${table}" SET "prev_hash" = 'x'`, message);
        await refused(`DELETE FROM "${table}"`, message);
        await refused(`TRUNCATE "${table}"`, message);
      }
      await refused(`TRUNCATE "assessment_record" CASCADE`, '考核记录不能整表清空');

      // Unarchived: updates pass; RESTRICT refuses; CASCADE removes the posting's records and their history.
      await query(`UPDATE "assessment_record" SET "grade" = '称职' WHERE "id" = 2`);
      await expect(query(`DELETE FROM "batch" WHERE "id" = 1`)).rejects.toThrow(/foreign key/);
      await expect(query(`DELETE FROM "growth_template" WHERE "id" = 1`)).rejects.toThrow(/foreign key/);
      await query(`DELETE FROM "cadre" WHERE "id" = 2`);
      expect(await query(`SELECT "id" FROM "assessment_record" ORDER BY "id"`)).toEqual([{ id: 1 }]);
      expect(await query(`SELECT count(*)::int AS n FROM "workflow_step"`)).toEqual([{ n: 0 }]);
      await query(`UPDATE "batch" SET "leader_id" = 2 WHERE "id" = 1`).catch(() => undefined);
      expect(await query(`SELECT "leader_id" FROM "batch"`)).toEqual([{ leader_id: 1 }]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });

  it('migration:generate --pg finds nothing to generate', async () => {
    const db = await createTestDatabase();
    try {
      const diff = await schemaDiff(db.url);
      expect(diff.up, `pending:\n${diff.up.join(';\n')}`).toEqual([]);
      expect(diff.down).toEqual([]);
      expect(nextMigrationNumber(path.join('electron', 'db', 'migrations', 'postgres'))).toBe(PG_MIGRATIONS.length + 1);
    } finally {
      await db.drop();
    }
  });
});
