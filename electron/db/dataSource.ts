import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sqlite as sqlite3 } from './sqliteDriver';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AppError } from '../../shared/errors';
import { keepPrivate } from './privateFiles';
import { storageFault } from './storageFault';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface OpenOptions {
  /** The database file. */
  file: string;
  /** Runs before pending migrations change the file (an automatic backup). */
  beforeMigrations?: (ds: DataSource) => Promise<void>;
  /** SQLCipher's raw key (`x'…'`) of an encrypted database. */
  sqlKey?: string;
}

/** How long SQLite itself waits for another connection's lock before answering SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 15_000;

/**
 * The app's data folder: the same place Electron's userData resolves to for `cadre-desk`, so that the
 * desktop app, the CLI and the browser host share one database by default.
 */
export function defaultDataDir(): string {
  if (process.env.CADRE_DESK_DATA) return process.env.CADRE_DESK_DATA;
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'cadre-desk');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'cadre-desk');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'cadre-desk');
}

export function defaultDbFile(): string {
  return path.join(defaultDataDir(), 'cadre.db');
}

/** The TypeORM options of a connection to `file`: the schema comes from the migrations only (never `synchronize`). */
function connectionOptions(file: string, readOnly: boolean, sqlKey?: string): DataSourceOptions {
  return {
    type: 'sqlite',
    driver: sqlite3,
    database: file,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    // WAL lets the read-only connection read the last committed state while the writer works.
    enableWAL: !readOnly,
    busyTimeout: BUSY_TIMEOUT_MS,
    flags: readOnly ? sqlite3.OPEN_READONLY : undefined,
    // The key is set before any other statement (TypeORM's sqlite driver runs `PRAGMA key` first).
    key: sqlKey,
    logging: false,
  };
}

/**
 * A page cache large enough for the everyday working set (64 MB at most): pages read once stay in memory, which
 * matters most for an encrypted database, where every page read from disk is decrypted again.
 */
async function tune(ds: DataSource): Promise<void> {
  await ds.query('PRAGMA cache_size = -65536');
}

/** Opens (creating if needed) and migrates the writer connection: WAL journal, foreign keys on, a busy timeout. */
export async function openDatabase(options: OpenOptions): Promise<DataSource> {
  const ds = new DataSource(connectionOptions(options.file, false, options.sqlKey));
  try {
    fs.mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true, mode: 0o700 });
    await ds.initialize();
  } catch (err) {
    throw storageFault(err, options.file) ?? err;
  }
  // Another account on the PC must not read the file; the app's own data folder is closed to others too.
  keepPrivate(options.file, { folder: path.dirname(path.resolve(options.file)) === path.resolve(defaultDataDir()) });
  try {
    await tune(ds);
    await ds.query('PRAGMA foreign_keys = ON');
    await refuseNewerSchema(ds);
    if (options.beforeMigrations && (await ds.showMigrations())) await options.beforeMigrations(ds);
    await ds.runMigrations({ transaction: 'each' });
  } catch (err) {
    await ds.destroy().catch(() => undefined);
    throw migrationFailure(err, options.file);
  }
  return ds;
}

/**
 * A database a newer version of the program has upgraded has tables and rules this version does not know:
 * writing to it could break them. Refuse it and say what to do.
 */
async function refuseNewerSchema(ds: DataSource): Promise<void> {
  const table = (await ds.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'migrations'")) as unknown[];
  if (!table.length) return;
  const applied = ((await ds.query('SELECT name FROM migrations')) as { name: string }[]).map((r) => r.name);
  const known = new Set(MIGRATIONS.map((M) => new M().name ?? M.name));
  const unknown = applied.filter((n) => !known.has(n));
  if (unknown.length)
    throw new AppError('CONFLICT', `数据库版本较新，请升级程序：该数据库已被更新版本的挂职干部管理系统升级（${unknown.length} 项本程序不认识的结构变更），本程序不能打开，以免损坏数据`);
}

/** Why the database could not be opened or upgraded, in one Chinese sentence (a failed migration changes nothing). */
function migrationFailure(err: unknown, file: string): AppError {
  if (err instanceof AppError) return err;
  const fault = storageFault(err, file);
  if (fault) return new AppError('STORAGE', `数据库无法打开或升级：${fault.message}`);
  const detail = String((err as Error)?.message ?? err).split('\n')[0].slice(0, 200);
  return new AppError('STORAGE', `数据库结构升级失败，数据库保持升级前的状态（${detail}）。请把此信息告知技术支持`);
}

/** A read-only connection to a database the writer has already opened and migrated. */
export async function openReadConnection(file: string, sqlKey?: string): Promise<DataSource> {
  const ds = new DataSource(connectionOptions(file, true, sqlKey));
  try {
    await ds.initialize();
    await tune(ds);
  } catch (err) {
    if (ds.isInitialized) await ds.destroy().catch(() => undefined);
    throw storageFault(err, file) ?? err;
  }
  return ds;
}
