import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { execute, sql } from './sql';

/**
 * Inserts many rows of an entity with plain multi-row INSERT statements: the columns and their conversions
 * (the JSON columns' transformers, entities/jsonText.ts) come from the entity's metadata, as TypeORM would write them, without the query
 * builder's per-value work (about 2.5× faster for a 5,000-row import). Generated columns (the id) are left to the
 * database. Placeholders are rendered for the connection (`?` or `$1`), as every `sql` query is.
 */
export async function bulkInsert<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, rows: readonly Partial<T>[]): Promise<void> {
  if (!rows.length) return;
  const meta = m.connection.getMetadata(target);
  const columns = meta.columns.filter((c) => !c.isGenerated);
  // SQLite binds at most 32,766 parameters a statement, PostgreSQL 65,535; stay well below both.
  const perStatement = Math.max(1, Math.floor(5000 / columns.length));
  const head = sql.raw(`INSERT INTO "${meta.tableName}" (${columns.map((c) => `"${c.databaseName}"`).join(', ')}) VALUES `);
  const valueOf = (row: Partial<T>, c: (typeof columns)[number]): unknown => {
    let v = c.getEntityValue(row);
    // In declaration order, as TypeORM applies them on save.
    for (const t of c.transformer ? [c.transformer].flat() : []) v = t.to(v);
    return v === undefined ? (c.default ?? null) : v;
  };
  for (let i = 0; i < rows.length; i += perStatement) {
    const tuples = rows.slice(i, i + perStatement).map((row) => sql`(${sql.list(columns.map((c) => valueOf(row, c)))})`);
    await execute(m, sql`${head}${sql.join(tuples, ', ')}`);
  }
}
