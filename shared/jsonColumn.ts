import { z } from 'zod';

/**
 * Reading JSON columns through their zod schema, leniently, by the same rules as electron/services/storedJson.ts
 * (which holds the posting, assessment, growth and batch-theme columns): a key added to the schema later reads as its
 * default, a field that fails falls back to its default — except stored text, which is kept as written (a limit or
 * format tightened later must not blank it; the form names it on the next save) — and unreadable text reads as
 * empty. One bad row must not fail a whole list. Each column has one parse function built from these (parseResume,
 * parseAuditChanges, …) that every reader uses.
 */

/** The stored text parsed, or the value as is when the driver already parsed it; `undefined` when unreadable. */
export function readJson(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw ?? undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One value through its schema. An object is read field by field when the whole does not parse; `undefined` when
 * it cannot be read (not an object, or a required field missing).
 */
export function parseLenient<S extends z.ZodType>(schema: S, value: unknown): z.output<S> | undefined {
  const whole = schema.safeParse(value);
  if (whole.success) return whole.data;
  if (!(schema instanceof z.ZodObject) || !isPlainObject(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const stored = value[key];
    const parsed = field.safeParse(stored);
    if (parsed.success) {
      out[key] = parsed.data;
      continue;
    }
    const fallback = field.safeParse(undefined);
    // Text stays for a text field (its default is text, or it has none); anything else takes the default.
    if (typeof stored === 'string' && stored !== '' && (!fallback.success || typeof fallback.data === 'string')) out[key] = stored;
    else if (fallback.success) out[key] = fallback.data;
    else return undefined;
  }
  return out as z.output<S>;
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
