import type { EntityManager } from 'typeorm';
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
