import sqlcipher from '@journeyapps/sqlcipher';

/**
 * The SQLite driver: SQLCipher's build of node-sqlite3 (the same API). Without a key it reads and writes ordinary
 * SQLite files; with `PRAGMA key` it encrypts every page, the WAL included. One native module for both.
 */
export const sqlite = sqlcipher;
export type SqliteDatabase = InstanceType<typeof sqlcipher.Database>;
