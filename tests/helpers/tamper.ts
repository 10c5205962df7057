import { sqlite as sqlite3 } from '../../electron/db/sqliteDriver';
import { rawStatements, serverDatabaseOf } from './testDb';

/**
 * Edits the database file behind the application's back, as someone with a SQLite tool would: the archive and audit-log triggers
 * (migrations 0006, 0008) refuse such edits, so they are dropped first, exactly as an attacker would have to.
 * On PostgreSQL (a test database made by tempServices) the same, as the server's superuser would: the same triggers dropped.
 */
export async function tamper(file: string, ...statements: string[]): Promise<void> {
  if (serverDatabaseOf(file)) {
    const [triggers] = await rawStatements(file, [
      `SELECT tgname AS name, tgrelid::regclass::text AS tbl FROM pg_trigger WHERE NOT tgisinternal AND (tgname LIKE 'trg_%_archived_%' OR tgname LIKE 'trg_archive_ledger_%' OR tgname LIKE 'trg_audit_log_%')`,
    ]);
    await rawStatements(file, [...(triggers as { name: string; tbl: string }[]).map((t) => `DROP TRIGGER "${t.name}" ON "${t.tbl}"`), ...statements]);
    return;
  }
  const db = new sqlite3.Database(file);
  const run = (sql: string) => new Promise<void>((resolve, reject) => db.run(sql, (err) => (err ? reject(err) : resolve())));
  const all = (sql: string) => new Promise<{ name: string }[]>((resolve, reject) => db.all(sql, (err, rows) => (err ? reject(err) : resolve(rows as { name: string }[]))));
  try {
    await run('PRAGMA busy_timeout = 5000');
    for (const { name } of await all(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'trg_%_archived_%' OR name LIKE 'trg_archive_ledger_%' OR name LIKE 'trg_audit_log_%')`))
      await run(`DROP TRIGGER "${name}"`);
    for (const sql of statements) await run(sql);
  } finally {
    await new Promise((r) => db.close(r));
  }
}
