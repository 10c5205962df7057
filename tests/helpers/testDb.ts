import crypto from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';

/**
 * Which engine the tests run on: SQLite files (the default) or, with CADRE_DESK_TEST_DB=postgres, a PostgreSQL
 * server at CADRE_DESK_TEST_PG (a superuser's URL; `npm run test:pg` starts a throwaway cluster and sets both).
 */
export const onPostgres = process.env.CADRE_DESK_TEST_DB === 'postgres';

function serverUrl(): string {
  const url = process.env.CADRE_DESK_TEST_PG;
  if (!url) throw new Error('CADRE_DESK_TEST_DB=postgres 需要 CADRE_DESK_TEST_PG=postgres://…（npm run test:pg 会启动测试用的服务器并设置它）');
  return url;
}

/** `url` with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl() });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/**
 * A fresh, empty database `cadre_test_<random>` on the test server (UTF-8, C collation: text sorts as in SQLite),
 * and `drop()` to remove it (closing whatever connections are still open to it).
 */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `cadre_test_${crypto.randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`));
  let dropped = false;
  return {
    url: withDatabase(serverUrl(), name),
    name,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** The server database behind each test's data folder anchor (`dir/cadre.db`), for helpers given `s.dbFile`. */
const serverDatabases = new Map<string, string>();

export function registerServerDatabase(anchorFile: string, url: string): void {
  serverDatabases.set(anchorFile, url);
}

/** The PostgreSQL URL of the database whose services have `dbFile` (null for a SQLite file). */
export function serverDatabaseOf(dbFile: string): string | null {
  return serverDatabases.get(dbFile) ?? null;
}

/**
 * Runs statements straight on the database behind `dbFile` with a connection of its own (no app, no services):
 * the SQLite file, or its PostgreSQL database. Placeholders are `?` in either.
 */
export async function rawStatements(dbFile: string, statements: readonly (string | [string, unknown[]])[]): Promise<unknown[][]> {
  const url = serverDatabaseOf(dbFile);
  const out: unknown[][] = [];
  if (url) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      for (const st of statements) {
        const [text, params] = typeof st === 'string' ? [st, []] : st;
        out.push((await c.query(dollarPlaceholders(text), params)).rows);
      }
    } finally {
      await c.end();
    }
    return out;
  }
  const { sqlite } = await import('../../electron/db/sqliteDriver');
  const db = new sqlite.Database(dbFile);
  try {
    for (const st of statements) {
      const [text, params] = typeof st === 'string' ? [st, []] : st;
      out.push(await new Promise<unknown[]>((resolve, reject) => db.all(text, params, (err, rows) => (err ? reject(err) : resolve(rows)))));
    }
  } finally {
    await new Promise((r) => db.close(r));
  }
  return out;
}

/** `?` placeholders (outside quotes) as PostgreSQL's `$1, $2, …`: for the tests' own SQL, written for both engines. */
export function dollarPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/'(?:[^']|'')*'|"(?:[^"])*"|\?/g, (m) => (m === '?' ? `$${++n}` : m));
}

/** `m.query(text, params)` with `?` placeholders on either engine (the tests' own SQL). */
export function rawQuery(m: { query: (text: string, params?: unknown[]) => Promise<any>; connection?: { options: { type: string } } }, text: string, params: unknown[] = []): Promise<any> {
  const postgres = m.connection?.options.type === 'postgres' || (m as { options?: { type: string } }).options?.type === 'postgres';
  return m.query(postgres ? dollarPlaceholders(text) : text, params);
}

/**
 * `describe` for tests that are about SQLite itself (its files, WAL, SQLCipher encryption, file swaps, a full
 * tmpfs, two processes on one file): skipped on PostgreSQL, with the reason in the suite's name.
 */
export function describeSqliteOnly(name: string, reason: string, body: () => void): void {
  if (onPostgres) describe.skip(`${name}（仅 SQLite：${reason}）`, body);
  else describe(name, body);
}

/**
 * Opens the services of a test's database again (after `s.close()`): the SQLite file, or on PostgreSQL the server
 * database tempServices made for that data folder.
 */
export async function openServices(dbFile: string, options: { password?: string } = {}): Promise<import('../../electron/services/AppServices').AppServices> {
  const { AppServices } = await import('../../electron/services/AppServices');
  const url = serverDatabaseOf(dbFile);
  return url ? AppServices.open(url, { dataDir: (await import('node:path')).dirname(dbFile) }) : AppServices.open(dbFile, options);
}
