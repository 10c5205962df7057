import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface OpenOptions {
  /** The database file. */
  file: string;
  /** Throwaway test databases only: build the schema from the entities instead of migrating. */
  synchronize?: boolean;
}

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

/** Opens (creating if needed) and migrates the database: WAL journal, foreign keys on, a busy timeout. */
export async function openDatabase(options: OpenOptions): Promise<DataSource> {
  fs.mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true });
  const ds = new DataSource({
    type: 'sqlite',
    driver: sqlite3,
    database: options.file,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    enableWAL: true,
    busyTimeout: 5000,
    logging: false,
  });
  await ds.initialize();
  await ds.query('PRAGMA foreign_keys = ON');
  if (options.synchronize) await ds.synchronize();
  else await ds.runMigrations({ transaction: 'each' });
  return ds;
}
