import pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { dialectOf, sql, type SqlFragment } from './sql';

/**
 * The only place where SQL differs between SQLite (the desktop database) and PostgreSQL (the department
 * server): anything outside this file is written in SQL both accept.
 */

/** `GROUP_CONCAT(expr, sep)` in SQLite, `string_agg(expr, sep)` in PostgreSQL. `expr` is trusted SQL text. */
export function stringAgg(m: EntityManager, expr: string, separator: string): SqlFragment {
  return dialectOf(m) === 'postgres'
    ? sql`string_agg(${sql.raw(expr)}::text, ${separator})`
    : sql`GROUP_CONCAT(${sql.raw(expr)}, ${separator})`;
}

/** Case-insensitive LIKE: SQLite's LIKE already ignores ASCII case, PostgreSQL needs ILIKE. */
export function ilike(m: EntityManager): SqlFragment {
  return sql.raw(dialectOf(m) === 'postgres' ? 'ILIKE' : 'LIKE');
}

/**
 * The database's own consistency check, as lines ('ok' when sound): SQLite's `PRAGMA integrity_check`. PostgreSQL
 * has no such statement (the server checksums its pages itself), so it reports 'ok'.
 */
export async function integrityCheck(m: EntityManager): Promise<string[]> {
  if (dialectOf(m) === 'postgres') return ['ok'];
  const rows: Record<string, unknown>[] = await m.query('PRAGMA integrity_check');
  return rows.map((r) => String(Object.values(r)[0]));
}

/** Whether `m` (or a DataSource's manager) talks to PostgreSQL. */
export function isPostgres(m: EntityManager): boolean {
  return dialectOf(m) === 'postgres';
}

/**
 * Whether a table exists: `sqlite_master` in SQLite, `to_regclass` (the connection's search path) in PostgreSQL.
 * `name` is trusted SQL text (a table of this schema).
 */
export async function tableExists(m: EntityManager, name: string): Promise<boolean> {
  const q = isPostgres(m)
    ? sql`SELECT 1 AS found WHERE to_regclass(${`"${name}"`}) IS NOT NULL`
    : sql`SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ${name}`;
  const { text, params } = q.render(dialectOf(m));
  return ((await m.query(text, params)) as unknown[]).length > 0;
}

/** `INSERT OR IGNORE INTO` in SQLite; in PostgreSQL `INSERT INTO` — end the statement with `onConflictIgnore(m)`. */
export function insertOrIgnore(m: EntityManager): SqlFragment {
  return sql.raw(isPostgres(m) ? 'INSERT INTO' : 'INSERT OR IGNORE INTO');
}

/** The tail of an `insertOrIgnore` statement: ` ON CONFLICT DO NOTHING` in PostgreSQL, nothing in SQLite. */
export function onConflictIgnore(m: EntityManager): SqlFragment {
  return sql.raw(isPostgres(m) ? ' ON CONFLICT DO NOTHING' : '');
}

/**
 * An upsert's tail, the same in both (SQLite ≥ 3.24): `ON CONFLICT (key…) DO UPDATE SET col = excluded.col, …`.
 * `keys` and `columns` are trusted column names.
 */
export function onConflictUpdate(keys: readonly string[], columns: readonly string[]): SqlFragment {
  const set = columns.map((c) => `"${c}" = excluded."${c}"`).join(', ');
  return sql.raw(` ON CONFLICT (${keys.map((k) => `"${k}"`).join(', ')}) DO ${columns.length ? `UPDATE SET ${set}` : 'NOTHING'}`);
}

/**
 * An INSERT's tail that returns the new row's id: ` RETURNING "id"` (PostgreSQL, and SQLite ≥ 3.35). Read it with
 * `insertedId`. (SQLite's `last_insert_rowid()` has no PostgreSQL equivalent on a pooled connection.)
 */
export function returningId(): SqlFragment {
  return sql.raw(' RETURNING "id"');
}

/** The id a `… RETURNING "id"` query answered (TypeORM returns rows for both engines; PostgreSQL adds a count). */
export function insertedId(result: unknown): number {
  const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as { id?: unknown }[];
  return Number(rows?.[0]?.id);
}

/**
 * A text column compared byte for byte (`COLLATE "C"` in PostgreSQL; SQLite's default BINARY collation already
 * is). Databases made for the app use the C collation throughout (see scripts/pgTestCluster.mjs); this is for a
 * server whose database was created with another locale.
 */
export function binaryOrder(m: EntityManager, column: string): SqlFragment {
  return sql.raw(isPostgres(m) ? `${column} COLLATE "C"` : column);
}

/** Today's date as `YYYY-MM-DD` text in the database's own clock (rarely needed: services pass dates in). */
export function currentDateText(m: EntityManager): SqlFragment {
  return sql.raw(isPostgres(m) ? "to_char(CURRENT_DATE, 'YYYY-MM-DD')" : "date('now')");
}

/** `CAST(expr AS REAL)` in SQLite, `CAST(expr AS double precision)` in PostgreSQL (`expr` is trusted SQL). */
export function asReal(m: EntityManager, expr: string): SqlFragment {
  return sql.raw(`CAST(${expr} AS ${isPostgres(m) ? 'double precision' : 'REAL'})`);
}

/**
 * A lock that makes writers of `key` wait for each other until the transaction ends, where two transactions could
 * otherwise both read the same "last" row and append after it: `pg_advisory_xact_lock` in PostgreSQL; nothing in
 * SQLite, where the write queue and `BEGIN IMMEDIATE` already admit one writer at a time.
 */
export async function lockForAppend(m: EntityManager, key: number): Promise<void> {
  if (isPostgres(m)) await m.query('SELECT pg_advisory_xact_lock($1)', [key]);
}

// ---- PostgreSQL connections ----------------------------------------------------------------------------------

/**
 * The entities are written with SQLite's column types; PostgreSQL's names for the same storage. SQLite's `real` is
 * an 8-byte float (PostgreSQL's `real` has only 4 bytes: 万元 amounts would lose digits) and a `blob` is `bytea`.
 */
export const PG_COLUMN_TYPES: Readonly<Record<string, string>> = { real: 'double precision', blob: 'bytea' };

/**
 * Makes a PostgreSQL DataSource read the entities' SQLite column types as `PG_COLUMN_TYPES` (before `initialize`,
 * which validates them): the DDL, the schema diff and the values then all use the PostgreSQL types. The entities
 * stay one description of the schema for both engines.
 */
export function adaptMetadataToPostgres(ds: DataSource): void {
  const driver = ds.driver as unknown as { normalizeType: (column: { type?: unknown }) => string };
  const normalize = driver.normalizeType.bind(driver);
  driver.normalizeType = (column) => (typeof column.type === 'string' && PG_COLUMN_TYPES[column.type]) || normalize(column);
}

/**
 * `pg`'s type parsers for the app's connections: `bigint` (COUNT, SUM of integers) and `numeric` (AVG, ROUND)
 * come back as numbers, as SQLite returns them, not as strings. The counts and sums the app reads are far below
 * 2^53. Scoped to these pools (the `types` option), not set globally on `pg`.
 */
export const PG_TYPE_PARSERS = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === PG_OID.int8 || oid === PG_OID.numeric) return (v: string) => (v === null ? null : Number(v));
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

const PG_OID = { int8: 20, numeric: 1700 } as const;
