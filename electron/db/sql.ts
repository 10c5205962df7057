import type { EntityManager } from 'typeorm';

/**
 * Typed raw SQL for the few reads that a measured figure needs (lists, reminders, overviews), written once for
 * SQLite and PostgreSQL: values travel as parameters and the placeholders (`?` or `$1`) are chosen for the
 * connection when the query runs. Everything else goes through TypeORM's repositories and QueryBuilder.
 *
 *   const rows = await queryRows(m, sql`SELECT id, name FROM cadre WHERE id IN (${sql.list(ids)})`, (r) => ({ … }));
 */
export class SqlFragment {
  constructor(
    readonly parts: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  /** The SQL text and parameters for a connection type (`sqlite` numbers nothing, `postgres` numbers `$1…`). */
  render(dialect: SqlDialectName): { text: string; params: unknown[] } {
    const params: unknown[] = [];
    let text = '';
    const walk = (f: SqlFragment) => {
      f.parts.forEach((part, i) => {
        text += part;
        if (i >= f.values.length) return;
        const v = f.values[i];
        if (v instanceof SqlFragment) walk(v);
        else {
          params.push(v);
          text += dialect === 'postgres' ? `$${params.length}` : '?';
        }
      });
    };
    walk(this);
    return { text, params };
  }
}

export type SqlDialectName = 'sqlite' | 'postgres';

/** A query whose interpolated values become parameters; a nested `sql` fragment is inlined. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  return new SqlFragment([...strings], values);
}

/** Trusted SQL text (a column list, an ORDER BY chosen from a fixed set): never user input. */
sql.raw = (text: string): SqlFragment => new SqlFragment([text], []);

/** `a, b, c` as parameters, for `IN (…)`; an empty list becomes `NULL` so `IN (NULL)` matches nothing. */
sql.list = (values: readonly unknown[]): SqlFragment =>
  values.length ? new SqlFragment(['', ...values.slice(1).map(() => ', '), ''], values) : sql.raw('NULL');

/** Fragments joined by a separator (` AND `, `, `); an empty list gives `empty`. */
sql.join = (fragments: readonly SqlFragment[], separator: string, empty = ''): SqlFragment =>
  fragments.length
    ? new SqlFragment(['', ...fragments.slice(1).map(() => separator), ''], fragments)
    : sql.raw(empty);

export function dialectOf(m: EntityManager): SqlDialectName {
  return m.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
}

/** Runs a query and maps every row once (snake_case columns → the domain type). */
export async function queryRows<T>(m: EntityManager, q: SqlFragment, map: (row: Record<string, unknown>) => T): Promise<T[]> {
  const { text, params } = q.render(dialectOf(m));
  const rows: Record<string, unknown>[] = await m.query(text, params);
  return rows.map(map);
}

/** The first row or null. */
export async function queryRow<T>(m: EntityManager, q: SqlFragment, map: (row: Record<string, unknown>) => T): Promise<T | null> {
  return (await queryRows(m, q, map))[0] ?? null;
}

/** A statement without rows (DELETE … WHERE …, UPDATE …). */
export async function execute(m: EntityManager, q: SqlFragment): Promise<void> {
  const { text, params } = q.render(dialectOf(m));
  await m.query(text, params);
}

/** Column readers for mapping rows: SQLite and PostgreSQL return numbers and text slightly differently. */
export const col = {
  num: (r: Record<string, unknown>, k: string): number => Number(r[k] ?? 0),
  numOrNull: (r: Record<string, unknown>, k: string): number | null => (r[k] == null ? null : Number(r[k])),
  str: (r: Record<string, unknown>, k: string): string => (r[k] == null ? '' : String(r[k])),
};
