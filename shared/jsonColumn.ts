import type { z } from 'zod';

/**
 * Reading JSON columns through their zod schema, leniently: a value written by an older version (a key added
 * since) takes the key's default, a damaged part is dropped and the rest kept, and unreadable text reads as empty
 * — one bad row must not fail a whole list. Each column has one parse function built from these (parseBatchThemes,
 * parseResume, …) that every reader uses.
 */

/** The stored text parsed, or the value as is when the driver already parsed it; `undefined` when unreadable. */
export function readJson(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One value through its schema; for an object, keys that fail are dropped so that their defaults apply.
 * `undefined` when it still does not read (a required key is missing or bad).
 */
export function parseLenient<S extends z.ZodType>(schema: S, value: unknown): z.output<S> | undefined {
  const first = schema.safeParse(value);
  if (first.success) return first.data;
  if (!isPlainObject(value)) return undefined;
  const bad = new Set(first.error.issues.map((i) => i.path[0]));
  const again = schema.safeParse(Object.fromEntries(Object.entries(value).filter(([k]) => !bad.has(k))));
  return again.success ? again.data : undefined;
}

/** An array column: the items that read (with defaults filled in), in order; anything else is `[]`. */
export function parseJsonArray<S extends z.ZodType>(item: S, raw: unknown): z.output<S>[] {
  const v = readJson(raw);
  if (!Array.isArray(v)) return [];
  const out: z.output<S>[] = [];
  for (const x of v) {
    const parsed = parseLenient(item, x);
    if (parsed !== undefined) out.push(parsed);
  }
  return out;
}

/** An object-of-values column (`{ key: value }`): the entries whose value reads; anything else is `{}`. */
export function parseJsonRecord<S extends z.ZodType>(value: S, raw: unknown): Record<string, z.output<S>> {
  const v = readJson(raw);
  if (!isPlainObject(v)) return {};
  const out: Record<string, z.output<S>> = {};
  for (const [k, x] of Object.entries(v)) {
    const parsed = parseLenient(value, x);
    if (parsed !== undefined) out[k] = parsed;
  }
  return out;
}
