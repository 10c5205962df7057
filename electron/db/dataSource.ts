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
import { PG_MIGRATIONS } from './migrations/postgres';
import { isPostgresUrl, redactUrl } from './target';
import { adaptMetadataToPostgres, PG_TYPE_PARSERS, tableExists } from './dialect';

export { isPostgresUrl } from './target';

export interface OpenOptions {
  /** The database file, or a `postgres://` URL of a database on a PostgreSQL server. */
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

/** Connections each pool of a PostgreSQL database opens at most (the writer's and the reader's). */
export const PG_POOL_SIZE = 10;

/**
 * The TypeORM options of a pool of connections to a PostgreSQL database (`pg`). The reader's connections are
 * read-only (`default_transaction_read_only`), as the SQLite reader is opened read-only.
 */
function postgresOptions(url: string, readOnly: boolean): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: PG_MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    poolSize: PG_POOL_SIZE,
    applicationName: 'cadre-desk',
    connectTimeoutMS: 10_000,
    extra: {
      idleTimeoutMillis: 30_000,
      types: PG_TYPE_PARSERS,
      ...(readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
    },
    logging: false,
  };
}

/** A DataSource for `url` whose metadata speaks PostgreSQL's column types (dialect.ts). */
function postgresDataSource(url: string, readOnly: boolean): DataSource {
  const ds = new DataSource(postgresOptions(url, readOnly));
  adaptMetadataToPostgres(ds);
  return ds;
}

/** Opens and migrates a database on a PostgreSQL server (it must exist; its tables are created here). */
async function openPostgres(options: OpenOptions): Promise<DataSource> {
  const url = options.file;
  const ds = postgresDataSource(url, false);
  try {
    await ds.initialize();
  } catch (err) {
    throw storageFault(err, url) ?? err;
  }
  try {
    await refuseNewerSchema(ds);
    if (options.beforeMigrations && (await ds.showMigrations())) await options.beforeMigrations(ds);
    // Two programs opening one new server database at once: the first migrates, the second waits for it.
    await withAdvisoryLock(ds, MIGRATION_LOCK, () => ds.runMigrations({ transaction: 'each' }));
  } catch (err) {
    await ds.destroy().catch(() => undefined);
    throw migrationFailure(err, redactUrl(url), url);
  }
  return ds;
}

/** The advisory lock key that serializes schema migrations on one PostgreSQL database. */
const MIGRATION_LOCK = 0x63_64_6d_67; // 'cdmg'

/** Runs `work` holding a session-level advisory lock on one connection of `ds` (other connections wait for it). */
async function withAdvisoryLock<T>(ds: DataSource, key: number, work: () => Promise<T>): Promise<T> {
  const qr = ds.createQueryRunner();
  try {
    await qr.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await work();
    } finally {
      await qr.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    }
  } finally {
    await qr.release();
  }
}

/** Opens (creating if needed) and migrates the writer connection: WAL journal, foreign keys on, a busy timeout. */
export async function openDatabase(options: OpenOptions): Promise<DataSource> {
  if (isPostgresUrl(options.file)) return openPostgres(options);
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
  if (!(await tableExists(ds.manager, 'migrations'))) return;
  const applied = ((await ds.query('SELECT name FROM migrations')) as { name: string }[]).map((r) => r.name);
  const known = new Set((ds.options.type === 'postgres' ? PG_MIGRATIONS : MIGRATIONS).map((M) => new M().name ?? M.name));
  const unknown = applied.filter((n) => !known.has(n));
  if (unknown.length)
    throw new AppError('CONFLICT', `数据库版本较新，请升级程序：该数据库已被更新版本的挂职干部管理系统升级（${unknown.length} 项本程序不认识的结构变更），本程序不能打开，以免损坏数据`);
}

/** Why the database could not be opened or upgraded, in one Chinese sentence (a failed migration changes nothing). */
function migrationFailure(err: unknown, file: string, target = file): AppError {
  if (err instanceof AppError) return err;
  const fault = storageFault(err, target);
  if (fault) return new AppError('STORAGE', `数据库无法打开或升级：${fault.message}`);
  const detail = String((err as Error)?.message ?? err).split('\n')[0].slice(0, 200);
  return new AppError('STORAGE', `数据库结构升级失败，数据库保持升级前的状态（${detail}）。请把此信息告知技术支持`);
}

/** A read-only connection to a database the writer has already opened and migrated. */
export async function openReadConnection(file: string, sqlKey?: string): Promise<DataSource> {
  const postgres = isPostgresUrl(file);
  const ds = postgres ? postgresDataSource(file, true) : new DataSource(connectionOptions(file, true, sqlKey));
  try {
    await ds.initialize();
    if (!postgres) await tune(ds);
  } catch (err) {
    if (ds.isInitialized) await ds.destroy().catch(() => undefined);
    throw storageFault(err, file) ?? err;
  }
  return ds;
}
