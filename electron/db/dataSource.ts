import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sqlite as sqlite3 } from './sqliteDriver';
import { DataSource, type DataSourceOptions } from 'typeorm';
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
  fs.mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true });
  const ds = new DataSource(connectionOptions(options.file, false, options.sqlKey));
  await ds.initialize();
  await tune(ds);
  await ds.query('PRAGMA foreign_keys = ON');
  try {
    if (options.beforeMigrations && (await ds.showMigrations())) await options.beforeMigrations(ds);
  } catch (err) {
    await ds.destroy();
    throw err;
  }
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}

/** A read-only connection to a database the writer has already opened and migrated. */
export async function openReadConnection(file: string, sqlKey?: string): Promise<DataSource> {
  const ds = new DataSource(connectionOptions(file, true, sqlKey));
  await ds.initialize();
  await tune(ds);
  return ds;
}
