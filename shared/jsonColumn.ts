import { z } from 'zod';

/**
 * Reading JSON columns through their zod schema, leniently: the one set of rules every JSON column is read by (the
 * entities' column transformers, and the raw-SQL readers through each column's parse function in
 * electron/services/storedJson.ts and shared/cadre.ts). A key added to a schema later reads as its default in old
 * rows, and a row that no longer fits (edited by hand, written by an older version, damaged) shows what is still
 * valid instead of failing the whole list or page.
 *
 * Field by field: a value the schema accepts is taken as parsed; an object is read key by key; a record (map)
 * keeps the entries that fit; an array keeps its elements that fit, and its objects that can be read key by key.
 * A field that fails falls back to its default (a vote count of -3 reads as 0), except stored text (a length limit
 * or a format tightened later must not blank what was entered; the form names it on the next save). A field with
 * no default that cannot be read (missing, or neither text nor a number) drops the array element it is in (a 简历
 * line without its start, a link without its record); anywhere else it reads as '' or 0. Unreadable text reads as
 * empty.
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

type Schema = z.ZodType;
type Def = { type: string; innerType?: Schema; shape?: Record<string, Schema>; keyType?: Schema; valueType?: Schema; element?: Schema };

const defOf = (s: Schema) => (s as unknown as { def: Def }).def;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const WRAPPERS = ['default', 'prefault', 'optional', 'nullable', 'catch', 'readonly'];
/** What a field without a default reads as when it cannot be read: it drops the element it is in. */
const UNREADABLE = Symbol('unreadable');

/** The schema inside its default/optional/… wrappers. */
export function unwrap(s: Schema): Schema {
  let cur = s;
  while (WRAPPERS.includes(defOf(cur).type) && defOf(cur).innerType) cur = defOf(cur).innerType!;
  return cur;
}

function lenient(schema: Schema, v: unknown, inElement: boolean): unknown {
  const parsed = schema.safeParse(v);
  if (parsed.success) return parsed.data;
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def.type === 'object' && isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, field] of Object.entries(def.shape ?? (inner as z.ZodObject).shape)) {
      const x = lenient(field, v[k], inElement);
      if (x === UNREADABLE) return UNREADABLE;
      if (x !== undefined) out[k] = x;
    }
    return out;
  }
  if (def.type === 'record' && isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const value = def.valueType!.safeParse(x);
      if (def.keyType!.safeParse(k).success && value.success) out[k] = value.data;
    }
    return out;
  }
  if (def.type === 'array' && Array.isArray(v)) {
    const element = def.element!;
    const objects = defOf(unwrap(element)).type === 'object';
    return v.flatMap((x) => {
      const e = element.safeParse(x);
      if (e.success) return [e.data];
      const read = objects && isObject(x) ? lenient(element, x, true) : UNREADABLE;
      return read === UNREADABLE ? [] : [read];
    });
  }
  const fallback = schema.safeParse(undefined);
  // Text is kept (a limit tightened later must not blank it); a number only when there is no default to use.
  const kept = typeof v === 'string' ? v !== '' && (!fallback.success || typeof fallback.data === 'string') : typeof v === 'number' && !fallback.success;
  if (kept) return v;
  if (fallback.success) return fallback.data;
  if (inElement) return UNREADABLE;
  return def.type === 'number' ? 0 : def.type === 'boolean' ? false : '';
}

/** Any JSON object, its keys as stored (`{}` for anything else): for a column whose schema is not known here. */
export function parseJsonObject(raw: unknown): Record<string, unknown> {
  const v = readJson(raw);
  return isObject(v) ? v : {};
}

/** An object column through its schema: every key of the schema present (see the rules above); anything else reads as `{}` would. */
export function parseStoredObject<S extends z.ZodObject>(schema: S, raw: unknown): z.output<S> {
  return lenient(schema, parseJsonObject(raw), false) as z.output<S>;
}

/** An array column: the items that read (with defaults filled in), in order; anything else is `[]`. */
export function parseJsonArray<S extends Schema>(item: S, raw: unknown): z.output<S>[] {
  const v = readJson(raw);
  return lenient(z.array(item), Array.isArray(v) ? v : [], false) as z.output<S>[];
}

/** An object-of-values column (`{ key: value }`): the entries whose value fits; anything else is `{}`. */
export function parseJsonRecord<S extends Schema>(value: S, raw: unknown): Record<string, z.output<S>> {
  return lenient(z.record(z.string(), value), parseJsonObject(raw), false) as Record<string, z.output<S>>;
}
