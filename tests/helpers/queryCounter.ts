import type { DataSource } from 'typeorm';
import type { AppServices } from '../../electron/services/AppServices';

/**
 * Counts the SQL statements the services issue, on every connection they use (the writer and, when there is one,
 * the read-only connection). TypeORM hands every query to `logger.logQuery` whatever the `logging` option, so
 * wrapping that method sees them all.
 */
export interface QueryCounter {
  /** Statements since the counter was made or last reset. */
  readonly count: number;
  readonly queries: readonly string[];
  reset(): void;
  /** Puts the loggers back as they were. */
  restore(): void;
}

export function dataSourcesOf(s: AppServices): DataSource[] {
  // A second connection is optional: a database opened with one connection has no readDataSource (or the same one).
  const all = [s.db.dataSource, (s.db as unknown as { readDataSource?: DataSource }).readDataSource].filter((d): d is DataSource => !!d);
  return [...new Set(all)];
}

export function countQueries(s: AppServices): QueryCounter {
  const queries: string[] = [];
  // One wrapper per logger, so a logger shared by two connections does not count twice.
  const loggers = [...new Set(dataSourcesOf(s).map((ds) => ds.logger))];
  const restores = loggers.map((logger) => {
    const original = logger.logQuery;
    logger.logQuery = function (query, parameters, queryRunner) {
      queries.push(query);
      return original.call(this, query, parameters, queryRunner);
    };
    return () => {
      logger.logQuery = original;
    };
  });
  return {
    get count() {
      return queries.length;
    },
    queries,
    reset: () => void queries.splice(0),
    restore: () => restores.forEach((r) => r()),
  };
}

/** The number of statements `work` issues, and its result. */
export async function withQueryCount<T>(s: AppServices, work: () => Promise<T>): Promise<{ result: T; count: number; queries: string[] }> {
  const counter = countQueries(s);
  try {
    const result = await work();
    return { result, count: counter.count, queries: [...counter.queries] };
  } finally {
    counter.restore();
  }
}
