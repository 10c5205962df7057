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

/**
 * `describe` for tests that are about SQLite itself (its files, WAL, SQLCipher encryption, file swaps, a full
 * tmpfs, two processes on one file): skipped on PostgreSQL, with the reason in the suite's name.
 */
export function describeSqliteOnly(name: string, reason: string, body: () => void): void {
  if (onPostgres) describe.skip(`${name}（仅 SQLite：${reason}）`, body);
  else describe(name, body);
}
