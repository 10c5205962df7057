import { AppError } from '../../shared/errors';
import { sqlite, type SqliteDatabase } from '../db/sqliteDriver';

/**
 * Database files handled directly with the driver, outside TypeORM: snapshots being described or checked, copies
 * being encrypted, a restored database copied into the live one. `sqlKey` is SQLCipher's raw key of an encrypted file.
 */
export const sqliteAll = (db: SqliteDatabase, q: string, p: unknown[] = []) =>
  new Promise<Record<string, unknown>[]>((resolve, reject) => db.all(q, p, (err, rows) => (err ? reject(err) : resolve(rows as Record<string, unknown>[]))));

export async function openFile(file: string, options: { readOnly?: boolean; sqlKey?: string } = {}): Promise<SqliteDatabase> {
  const db = await new Promise<SqliteDatabase>((resolve, reject) => {
    const d = new sqlite.Database(file, options.readOnly ? sqlite.OPEN_READONLY : sqlite.OPEN_READWRITE | sqlite.OPEN_CREATE, (err) => (err ? reject(err) : resolve(d)));
  });
  if (options.sqlKey) await sqliteAll(db, `PRAGMA key = "${options.sqlKey}"`);
  return db;
}

export const closeFile = (db: SqliteDatabase) => new Promise<void>((resolve) => db.close(() => resolve()));

/**
 * A consistent copy of the committed database in `dest` (VACUUM INTO, which keeps an encrypted database's key),
 * taken through a connection of its own: the app's read connection may be inside a snapshot of its own, where
 * VACUUM is not allowed, and other processes may be writing (WAL lets this read the last commit meanwhile).
 */
export async function snapshotInto(liveFile: string, dest: string, sqlKey: string | undefined): Promise<void> {
  const db = await openFile(liveFile, { readOnly: true, sqlKey });
  try {
    await sqliteAll(db, 'PRAGMA busy_timeout = 15000');
    await sqliteAll(db, 'VACUUM INTO ?', [dest]);
  } finally {
    await closeFile(db);
  }
}

/** What a snapshot holds: rows per table, its schema version, the ledger head and the evidence files it names. */
export async function describeSnapshot(file: string, sqlKey?: string) {
  const db = await openFile(file, { readOnly: true, sqlKey });
  try {
    const tables = (await sqliteAll(db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)).map((r) => String(r.name));
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t] = Number((await sqliteAll(db, `SELECT COUNT(*) AS n FROM "${t}"`))[0].n);
    const [last] = tables.includes('migrations') ? await sqliteAll(db, `SELECT name FROM migrations ORDER BY id DESC LIMIT 1`) : [];
    const [head] = tables.includes('archive_ledger_head') ? await sqliteAll(db, `SELECT seq, entry_hash FROM archive_ledger_head WHERE id = 1`) : [];
    const evidence = tables.includes('evidence_file') ? await sqliteAll(db, `SELECT DISTINCT sha256, ext FROM evidence_file`) : [];
    return {
      counts,
      schemaVersion: last ? String(last.name) : '',
      ledgerHead: head ? { seq: Number(head.seq), entryHash: String(head.entry_hash) } : null,
      evidence: evidence.map((e) => ({ sha256: String(e.sha256), ext: String(e.ext) })),
    };
  } finally {
    await closeFile(db);
  }
}

/** `PRAGMA integrity_check` of a file: 'ok', or what it found (a file that cannot be read says so). */
export async function integrityOf(file: string, sqlKey?: string): Promise<string> {
  let db: SqliteDatabase;
  try {
    db = await openFile(file, { readOnly: true, sqlKey });
  } catch {
    return '无法打开';
  }
  try {
    const rows = await sqliteAll(db, 'PRAGMA integrity_check');
    return rows.map((r) => String(Object.values(r)[0])).join('；');
  } catch {
    return '无法读取（文件损坏，或密码不对）';
  } finally {
    await closeFile(db);
  }
}

/** SQL text of a key for ATTACH … KEY: '' for a plain file (otherwise SQLCipher would use the main database's key). */
const keyLiteral = (sqlKey: string | undefined) => (sqlKey ? `"${sqlKey}"` : `''`);

/**
 * Writes the whole database behind `handle` into a new file `dest` encrypted with `destKey` (or plain without one):
 * SQLCipher's sqlcipher_export. The handle must have no transaction open.
 */
export async function exportDatabase(handle: SqliteDatabase, dest: string, destKey: string | undefined): Promise<void> {
  await sqliteAll(handle, `ATTACH DATABASE ? AS cadre_export KEY ${keyLiteral(destKey)}`, [dest]);
  try {
    await sqliteAll(handle, `SELECT sqlcipher_export('cadre_export')`);
  } finally {
    await sqliteAll(handle, `DETACH DATABASE cadre_export`);
  }
}

/** Re-encrypts a closed file into `dest` (from `fromKey` to `toKey`; either may be undefined for plain). */
export async function exportFile(file: string, fromKey: string | undefined, dest: string, toKey: string | undefined): Promise<void> {
  const db = await openFile(file, { sqlKey: fromKey });
  try {
    await exportDatabase(db, dest, toKey);
  } finally {
    await closeFile(db);
  }
}

/**
 * Replaces every row of the live database behind `handle` with the rows of `source` (same schema: the caller
 * migrated it), in one write transaction. An ordinary write, so every connection — this process's reader, another
 * window, the CLI — sees the restored data at its next read. The triggers that guard archives (and would refuse
 * deleting archived rows) are set aside inside the transaction and recreated before it commits.
 */
export async function replaceAllRows(handle: SqliteDatabase, source: string, sourceKey: string | undefined): Promise<void> {
  const run = (q: string, p: unknown[] = []) => sqliteAll(handle, q, p);
  await run(`ATTACH DATABASE ? AS cadre_restore KEY ${keyLiteral(sourceKey)}`, [source]);
  try {
    const mine = await run(`SELECT name, sql FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
    const theirs = new Set((await run(`SELECT name FROM cadre_restore.sqlite_master WHERE type = 'table'`)).map((r) => String(r.name)));
    const missing = mine.map((t) => String(t.name)).filter((t) => !theirs.has(t));
    if (missing.length) throw new AppError('VALIDATION', `备份中的数据库缺少数据表：${missing.join('、')}，未恢复`);
    const triggers = await run(`SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger'`);
    await run('BEGIN IMMEDIATE');
    try {
      await run('PRAGMA defer_foreign_keys = ON');
      for (const t of triggers) await run(`DROP TRIGGER main."${t.name}"`);
      for (const { name } of mine) {
        const cols = (await run(`PRAGMA main.table_info("${name}")`)).map((c) => `"${c.name}"`).join(', ');
        await run(`DELETE FROM main."${name}"`);
        await run(`INSERT INTO main."${name}" (${cols}) SELECT ${cols} FROM cadre_restore."${name}"`);
      }
      await run(`DELETE FROM main.sqlite_sequence`);
      if ((await run(`SELECT 1 FROM cadre_restore.sqlite_master WHERE name = 'sqlite_sequence'`)).length)
        await run(`INSERT INTO main.sqlite_sequence (name, seq) SELECT name, seq FROM cadre_restore.sqlite_sequence`);
      for (const t of triggers) await run(String(t.sql));
      await run('COMMIT');
    } catch (err) {
      await run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    await run(`DETACH DATABASE cadre_restore`).catch(() => undefined);
  }
}
