import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { AppError } from '../../shared/errors';
import { storageFault } from './storageFault';
import { triggerRefusal } from './triggerRefusal';
import { redactUrl } from './target';

/** How long a write waits for another process (the CLI, a second window) to finish its transaction. */
export const WRITE_LOCK_WAIT_MS = 60_000;

/** How often a PostgreSQL write that failed on a serialization failure (40001) or a deadlock (40P01) is run again. */
export const PG_WRITE_ATTEMPTS = 4;

/**
 * The advisory lock every PostgreSQL write transaction takes first (`pg_advisory_xact_lock`, released at COMMIT or
 * ROLLBACK): writers on one database — this server's requests, another server process, the CLI — take turns, as
 * SQLite's `BEGIN IMMEDIATE` makes them. Nearly every write appends to the audit log's hash chain (and archiving
 * to the archive ledger's), which must grow one entry at a time; taking the lock up front, before any row lock,
 * also rules out deadlocks between the app's own writers. Reads never wait for it.
 */
export const PG_WRITE_LOCK = 0x63_64_77_72; // 'cdwr'

/**
 * The database as the services see it: two connections to one SQLite file in WAL mode — or, on a PostgreSQL
 * server, two pools (a writer's and a read-only one) to one database.
 *
 * - Writes go through `write()`: one queue (SQLite has one writer), each in its own transaction that begins with
 *   `BEGIN IMMEDIATE`, so the write lock is taken up front and another process's writer makes it wait (the busy
 *   timeout applies) instead of failing halfway with SQLITE_BUSY on a read→write lock upgrade.
 * - Reads go through `manager` (or `read()` for several queries that must agree): a separate read-only
 *   connection, which WAL gives the last committed snapshot. A list shown while a 5,000-row import is running,
 *   or while a write is about to roll back, never shows rows that were not committed.
 *
 * Inside a `write()` callback, read through its own `m`: only that sees the transaction's uncommitted rows.
 *
 * On PostgreSQL there is no queue in this process: each `write()` is a READ COMMITTED transaction on a pooled
 * connection that first takes `PG_WRITE_LOCK`, and is run again (up to `PG_WRITE_ATTEMPTS` times) when the server
 * reports a serialization failure or a deadlock; `read()` is a REPEATABLE READ, READ ONLY transaction (one
 * snapshot) and reads run side by side. `exclusive` and `reconnect` (SQLite's file-level operations) refuse.
 */
export class Database {
  private writeTail: Promise<unknown> = Promise.resolve();
  private readTail: Promise<unknown> = Promise.resolve();
  /** The snapshot a `read()` callback runs in: reads nested inside it join it instead of queueing behind it. */
  private readonly snapshot = new AsyncLocalStorage<EntityManager>();
  /** PostgreSQL: the writes and reads under way, which `close()` waits for. */
  private readonly running = new Set<Promise<unknown>>();
  /**
   * SQLite: the connection `read()` snapshots run on, opened on first use. Not the reader: a snapshot holds a read
   * transaction on its connection, and a plain `manager` query on that same connection (a save reading back the row
   * it has just written) would see the snapshot's older state instead of the last commit.
   */
  private snapshotReader: DataSource | null = null;

  constructor(
    /** The writer connection (migrations, `write()`). */
    private writer: DataSource,
    /** The read-only connection. */
    private reader: DataSource = writer,
    /**
     * Opens a fresh writer or reader, for the rare connection that a failed ROLLBACK or COMMIT (a full disk, a
     * disk error) leaves inside a transaction: it is replaced rather than trusted with the next write.
     */
    private readonly reopen?: { writer: () => Promise<DataSource>; reader: () => Promise<DataSource> },
    private readonly options: {
      /**
       * PostgreSQL: the file name whose folder holds what lives beside a database (the ledger key, the evidence
       * files, backups) — the caller's data folder; the file itself is never created.
       */
      file?: string;
    } = {},
  ) {}

  /**
   * The database file, for messages that name its folder and for the files kept beside it (the ledger key, the
   * evidence folder). On PostgreSQL the name the caller gave in the server's data folder.
   */
  get file(): string {
    if (this.postgres) return this.options.file ?? '';
    return String(this.writer.options.database ?? '');
  }

  /** Where the data is: the SQLite file, or the server's URL (password hidden) on PostgreSQL. */
  get target(): string {
    if (this.postgres) return redactUrl(String((this.writer.options as { url?: string }).url ?? ''));
    return this.file;
  }

  /** Whether the database is on a PostgreSQL server. */
  get postgres(): boolean {
    return this.writer.options.type === 'postgres';
  }

  get dataSource(): DataSource {
    return this.writer;
  }

  get readDataSource(): DataSource {
    return this.reader;
  }

  /**
   * Runs `work` in the write queue with the writer's own sqlite3 handle and no transaction open on it: for SQLite's
   * backup API copying a restored database into the live file. The copy is an ordinary locked write, so every
   * connection — this process's reader, another window, the CLI — sees the restored data at its next read.
   */
  exclusive<T>(work: (handle: unknown) => Promise<T>): Promise<T> {
    if (this.postgres) return Promise.reject(notOnPostgres());
    const run = this.writeTail.then(() => work((this.writer.driver as unknown as { databaseConnection: unknown }).databaseConnection));
    this.writeTail = run.catch(() => undefined);
    return run;
  }

  /**
   * Closes both connections after every queued write and read, lets `work` replace the database file (turning
   * encryption on, a new password), and opens both again with `reopen` — or, if `work` failed, as they were.
   * Calls made meanwhile wait in the queues. Another process with the file open must be closed first.
   */
  reconnect(work: () => Promise<void>, reopen: () => Promise<{ writer: DataSource; reader: DataSource }>, restore: () => Promise<{ writer: DataSource; reader: DataSource }>): Promise<void> {
    if (this.postgres) return Promise.reject(notOnPostgres());
    const run = this.writeTail.then(async () => {
      let release!: () => void;
      const previousReads = this.readTail;
      this.readTail = new Promise<void>((r) => (release = r));
      try {
        await previousReads.catch(() => undefined);
        await this.dropSnapshotConnection();
        if (this.reader !== this.writer) await this.reader.destroy();
        await this.writer.destroy();
        let opened: { writer: DataSource; reader: DataSource };
        try {
          await work();
          opened = await reopen();
        } catch (err) {
          ({ writer: this.writer, reader: this.reader } = await restore());
          throw err;
        }
        ({ writer: this.writer, reader: this.reader } = opened);
      } finally {
        release();
      }
    });
    this.writeTail = run.catch(() => undefined);
    return run;
  }

  /** Runs `work` in a transaction after every write queued before it; all of it or nothing is written. */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.postgres) return this.track(this.pgWrite(work));
    const run = this.writeTail.then(() => this.transaction(work));
    this.writeTail = run.catch(() => undefined);
    return run;
  }

  /** Several reads from one committed snapshot (e.g. a page of rows and their total). */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.snapshot.getStore();
    if (current) return work(current);
    if (this.postgres) return this.track(this.pgRead(work));
    const run = this.readTail.then(async () => {
      const qr = (await this.snapshotConnection()).createQueryRunner();
      await qr.query('BEGIN');
      markTransaction(qr, true);
      try {
        return await this.snapshot.run(qr.manager, () => work(qr.manager));
      } catch (err) {
        throw storageFault(err, this.file) ?? err;
      } finally {
        markTransaction(qr, false);
        // A connection left inside its snapshot would show stale data from then on: end it, or replace it.
        if (!(await endTransaction(qr, 'COMMIT'))) await this.dropSnapshotConnection();
      }
    });
    this.readTail = run.catch(() => undefined);
    return run;
  }

  /** The read-only manager: committed data only. Writing through it fails (SQLITE_READONLY). */
  get manager(): EntityManager {
    return this.snapshot.getStore() ?? this.reader.manager;
  }

  /** The snapshot connection (SQLite), opened when first needed; the reader itself where none can be opened. */
  private async snapshotConnection(): Promise<DataSource> {
    if (!this.reopen || this.reader === this.writer) return this.reader;
    if (!this.snapshotReader?.isInitialized) this.snapshotReader = await this.reopen.reader();
    return this.snapshotReader;
  }

  private async dropSnapshotConnection(): Promise<void> {
    const c = this.snapshotReader;
    this.snapshotReader = null;
    if (c?.isInitialized) await c.destroy().catch(() => undefined);
  }

  async close(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
    await this.writeTail;
    await this.readTail;
    await this.dropSnapshotConnection();
    if (this.reader !== this.writer && this.reader.isInitialized) await this.reader.destroy();
    if (this.writer.isInitialized) await this.writer.destroy();
  }

  private async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    // The sqlite driver has one query runner per connection: the transaction is that runner's state.
    let qr = this.writer.createQueryRunner();
    try {
      await beginImmediate(qr);
    } catch (err) {
      // A connection still inside an earlier transaction is never written through: replace it and begin again.
      if (!/within a transaction/i.test(String((err as Error)?.message))) throw storageFault(err, this.file) ?? err;
      await this.replaceWriter();
      qr = this.writer.createQueryRunner();
      await beginImmediate(qr).catch((e) => Promise.reject(storageFault(e, this.file) ?? e));
    }
    markTransaction(qr, true);
    try {
      const result = await work(qr.manager);
      await qr.query('COMMIT');
      return result;
    } catch (err) {
      // Every failure ends with the connection out of the transaction, confirmed — or with a new connection. A
      // full disk can fail the COMMIT and then the ROLLBACK too; writes queued after it must not run inside the
      // dead transaction and be reported as saved while nothing reaches the file.
      if (!(await endTransaction(qr, 'ROLLBACK'))) await this.replaceWriter();
      // A trigger refused the change (an archived record): say so in Chinese rather than as an internal error.
      throw triggerRefusal(err) ?? storageFault(err, this.file) ?? err;
    } finally {
      markTransaction(qr, false);
    }
  }

  private track<T>(run: Promise<T>): Promise<T> {
    this.running.add(run);
    const done = () => this.running.delete(run);
    run.then(done, done);
    return run;
  }

  /** A PostgreSQL write: READ COMMITTED, `PG_WRITE_LOCK` first, run again on 40001/40P01. */
  private async pgWrite<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const qr = oneQueryAtATime(this.writer.createQueryRunner());
      let broken: Error | undefined;
      try {
        try {
          await qr.query('BEGIN ISOLATION LEVEL READ COMMITTED');
          await qr.query('SELECT pg_advisory_xact_lock($1)', [PG_WRITE_LOCK]);
        } catch (err) {
          broken = err as Error;
          throw storageFault(err, this.target) ?? err;
        }
        markTransaction(qr, true);
        try {
          const result = await work(qr.manager);
          await qr.query('COMMIT');
          return result;
        } catch (err) {
          // A connection that cannot even roll back is closed rather than returned to the pool.
          await qr.query('ROLLBACK').catch((e: Error) => (broken = e));
          if (isRetryableOnPostgres(err) && attempt < PG_WRITE_ATTEMPTS) {
            await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.random() * 20));
            continue;
          }
          throw triggerRefusal(err) ?? storageFault(err, this.target) ?? err;
        } finally {
          markTransaction(qr, false);
        }
      } finally {
        await releaseRunner(qr, broken);
      }
    }
  }

  /** A PostgreSQL read snapshot: REPEATABLE READ, READ ONLY, on a pooled connection of the reader. */
  private async pgRead<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const qr = oneQueryAtATime(this.reader.createQueryRunner());
    let broken: Error | undefined;
    try {
      await qr.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      markTransaction(qr, true);
      return await this.snapshot.run(qr.manager, () => work(qr.manager));
    } catch (err) {
      throw storageFault(err, this.target) ?? err;
    } finally {
      markTransaction(qr, false);
      await qr.query('COMMIT').catch((e: Error) => (broken = e));
      await releaseRunner(qr, broken);
    }
  }

  private async replaceWriter(): Promise<void> {
    if (!this.reopen) throw new AppError('STORAGE', '数据库连接处于异常状态，请关闭程序后重新打开');
    const shared = this.reader === this.writer;
    await this.writer.destroy().catch(() => undefined);
    this.writer = await this.reopen.writer();
    if (shared) this.reader = this.writer;
  }

}

/**
 * One PostgreSQL connection answers one query at a time; services run `Promise.all` over a transaction's manager
 * (fine on SQLite's driver, which queues), which `pg` warns about and will refuse. Queue them on the runner instead.
 */
function oneQueryAtATime(qr: QueryRunner): QueryRunner {
  const query = qr.query.bind(qr) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  (qr as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = (...args: unknown[]) => {
    const run = tail.then(() => query(...args));
    tail = run.catch(() => undefined);
    return run;
  };
  return qr;
}

/**
 * Ends the open transaction with `statement` (COMMIT or ROLLBACK; a failed COMMIT falls back to ROLLBACK) and
 * confirms the connection is outside any transaction (a `BEGIN` is accepted). False when it could not be ended.
 */
async function endTransaction(qr: QueryRunner, statement: 'COMMIT' | 'ROLLBACK'): Promise<boolean> {
  const noTransaction = (e: unknown) => /no transaction is active/i.test(String((e as Error)?.message));
  try {
    await qr.query(statement);
    return true;
  } catch (err) {
    if (noTransaction(err)) return true;
  }
  await qr.query('ROLLBACK').catch(() => undefined);
  try {
    await qr.query('BEGIN');
    await qr.query('ROLLBACK');
    return true;
  } catch {
    return false;
  }
}

/** TypeORM's own `startTransaction` issues a deferred `BEGIN`; record that a transaction is open so its saves join it. */
function markTransaction(qr: QueryRunner, active: boolean): void {
  const state = qr as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = active;
  state.transactionDepth = active ? 1 : 0;
}

/** SQLSTATEs after which a PostgreSQL transaction can simply be run again: serialization failure, deadlock. */
export function isRetryableOnPostgres(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}

function notOnPostgres(): AppError {
  return new AppError('CONFLICT', '该操作只适用于本机数据库文件，数据库服务器（PostgreSQL）上不能执行');
}

export function isBusyError(err: unknown): boolean {
  return /SQLITE_BUSY|SQLITE_LOCKED|database is locked/i.test(String((err as Error)?.message ?? err));
}

/**
 * `BEGIN IMMEDIATE`, waiting for another process's write to end. SQLite's busy timeout already waits inside the
 * statement; the loop covers a writer that holds the lock longer than that (a large import from the CLI).
 */
async function beginImmediate(qr: QueryRunner): Promise<void> {
  const deadline = Date.now() + WRITE_LOCK_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      await qr.query('BEGIN IMMEDIATE');
      return;
    } catch (err) {
      if (!isBusyError(err)) throw err;
      if (Date.now() >= deadline)
        throw new AppError('STORAGE', '数据库正被另一个程序使用（如命令行导入或另一个窗口），等待后仍未释放，本次修改未保存，请稍候重试');
      await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 1000)));
    }
  }
}

/** Returns a PostgreSQL query runner's connection to the pool — or, after `broken`, closes it. */
async function releaseRunner(qr: QueryRunner, broken?: Error): Promise<void> {
  await (qr as unknown as { release(err?: Error): Promise<void> }).release(broken).catch(() => undefined);
}
