import type { ColumnOptions } from 'typeorm';

/**
 * A JSON column kept as text. simple-json would hydrate with a bare JSON.parse, so one row whose text is not JSON
 * (damaged, edited by hand) would fail the whole entity load; this reads through the column's lenient parse
 * instead (defaults for what cannot be read). It writes the same text simple-json wrote (JSON.stringify), and
 * both are `text` in SQLite, so the schema is unchanged.
 */
export function jsonText<T>(parse: (raw: unknown) => T, options: Omit<ColumnOptions, 'type' | 'transformer'> = {}): ColumnOptions {
  return { ...options, type: 'text', transformer: { to: (v: unknown) => JSON.stringify(v), from: parse } };
}
