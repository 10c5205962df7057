import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sql } from '../../electron/db/sql';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where the domain's SQL lives: it must run on SQLite and PostgreSQL alike (the department server is next). */
const DOMAIN_DIRS = ['electron/services', 'electron/documents', 'electron/archive', 'electron/exchange', 'electron/demo', 'electron/api'];

/** SQLite-only functions and syntax; their portable forms live in electron/db/dialect.ts. */
const SQLITE_ONLY = /\b(strftime|julianday|group_concat|ifnull|last_insert_rowid|sqlite_master|INSERT\s+OR\s+(REPLACE|IGNORE)|PRAGMA|VACUUM|ATTACH\s+DATABASE|BEGIN\s+IMMEDIATE)\b/i;

function files(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

describe('portable SQL', () => {
  it('domain code uses no SQLite-only SQL (the dialect module and the SQLite file tooling are the only places for it)', () => {
    const offenders: string[] = [];
    for (const file of DOMAIN_DIRS.flatMap(files)) {
      fs.readFileSync(path.join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // Only code: a comment may name what it avoids.
          const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
          if (SQLITE_ONLY.test(code)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  it('the scan can fail: it catches a SQLite-only function', () => {
    expect(SQLITE_ONLY.test("SELECT GROUP_CONCAT(name, '、') FROM cadre")).toBe(true);
    expect(SQLITE_ONLY.test("SELECT string_agg(name, '、') FROM cadre")).toBe(false);
  });

  it('sql`` numbers its parameters for PostgreSQL and not for SQLite', () => {
    const q = sql`SELECT id FROM cadre WHERE id IN (${sql.list([1, 2])}) AND name = ${'王'}`;
    expect(q.render('sqlite')).toEqual({ text: 'SELECT id FROM cadre WHERE id IN (?, ?) AND name = ?', params: [1, 2, '王'] });
    expect(q.render('postgres')).toEqual({ text: 'SELECT id FROM cadre WHERE id IN ($1, $2) AND name = $3', params: [1, 2, '王'] });
    expect(sql`x IN (${sql.list([])})`.render('postgres').text).toBe('x IN (NULL)');
  });
});
