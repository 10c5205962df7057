import type { DataSource, EntityManager } from 'typeorm';

/**
 * The DataSource plus a write queue. SQLite through the `sqlite3` driver is one connection: two transactions
 * started at once would interleave on it, so every write runs in its own transaction, one after another.
 */
export class Database {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(public readonly dataSource: DataSource) {}

  /** Runs `work` in a transaction after every write queued before it; all of it or nothing is written. */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = this.tail.then(() => this.dataSource.transaction((manager) => work(manager)));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Reads use the shared manager; they see only committed data or the running write. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  async close(): Promise<void> {
    await this.tail;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
