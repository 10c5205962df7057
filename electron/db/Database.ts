import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { AppError } from '../../shared/errors';
import { storageFault } from './storageFault';
import { triggerRefusal } from './triggerRefusal';

/** How long a write waits for another process (the CLI, a second window) to finish its transaction. */
export const WRITE_LOCK_WAIT_MS = 60_000;

/**
 * The database as the services see it: two connections to one SQLite file in WAL mode.
 *
 * - Writes go through `write()`: one queue (SQLite has one writer), each in its own transaction that begins with
 *   `BEGIN IMMEDIATE`, so the write lock is taken up front and another process's writer makes it wait (the busy
 *   timeout applies) instead of failing halfway with SQLITE_BUSY on a read→write lock upgrade.
 * - Reads go through `manager` (or `read()` for several queries that must agree): a separate read-only
 *   connection, which WAL gives the last committed snapshot. A list shown while a 5,000-row import is running,
 *   or while a write is about to roll back, never shows rows that were not committed.
 *
 * Inside a `write()` callback, read through its own `m`: only that sees the transaction's uncommitted rows.
 */
export class Database {
  private writeTail: Promise<unknown> = Promise.resolve();
  private readTail: Promise<unknown> = Promise.resolve();
  /** The snapshot a `read()` callback runs in: reads nested inside it join it instead of queueing behind it. */
  private readonly snapshot = new AsyncLocalStorage<EntityManager>();

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
  ) {}

  /** The database file, for messages that name its folder. */
  get file(): string {
    return String(this.writer.options.database ?? '');
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
    const run = this.writeTail.then(async () => {
      let release!: () => void;
      const previousReads = this.readTail;
      this.readTail = new Promise<void>((r) => (release = r));
      try {
        await previousReads.catch(() => undefined);
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
    const run = this.writeTail.then(() => this.transaction(work));
    this.writeTail = run.catch(() => undefined);
    return run;
  }

  /** Several reads from one committed snapshot (e.g. a page of rows and their total). */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.snapshot.getStore();
    if (current) return work(current);
    const run = this.readTail.then(async () => {
      const qr = this.reader.createQueryRunner();
      await qr.query('BEGIN');
      markTransaction(qr, true);
      try {
        return await this.snapshot.run(qr.manager, () => work(qr.manager));
      } catch (err) {
        throw storageFault(err, this.file) ?? err;
      } finally {
        markTransaction(qr, false);
        // A reader left inside its snapshot would show stale data from then on: end it, or replace the connection.
        if (!(await endTransaction(qr, 'COMMIT'))) await this.replaceReader();
      }
    });
    this.readTail = run.catch(() => undefined);
    return run;
  }

  /** The read-only manager: committed data only. Writing through it fails (SQLITE_READONLY). */
  get manager(): EntityManager {
    return this.snapshot.getStore() ?? this.reader.manager;
  }

  async close(): Promise<void> {
    await this.writeTail;
    await this.readTail;
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

  private async replaceWriter(): Promise<void> {
    if (!this.reopen) throw new AppError('STORAGE', '数据库连接处于异常状态，请关闭程序后重新打开');
    const shared = this.reader === this.writer;
    await this.writer.destroy().catch(() => undefined);
    this.writer = await this.reopen.writer();
    if (shared) this.reader = this.writer;
  }

  private async replaceReader(): Promise<void> {
    if (this.reader === this.writer) return;
    if (!this.reopen) return;
    await this.reader.destroy().catch(() => undefined);
    this.reader = await this.reopen.reader();
  }
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
