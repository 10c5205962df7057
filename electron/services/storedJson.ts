import { z } from 'zod';
import { RECORD_INPUT_SCHEMAS, type RecordInputOf, type RecordKind } from '../../shared/assessment';
import { QuarterThemeSchema, type QuarterTheme } from '../../shared/batch';
import {
  EVIDENCE_KINDS,
  GROWTH_RATERS,
  GROWTH_STAGES,
  GrowthEvaluationInputSchema,
  type GrowthStage,
  type GrowthStageDef,
  type RaterWeights,
  type StoredRatings,
} from '../../shared/growth';
import { readJson } from '../../shared/jsonColumn';
import type { StoredEvidenceLink } from '../db/entities/GrowthEvaluationEntity';

/**
 * JSON columns read back with the schema their content was written with, one parse function per column. Every
 * reader (services, demo, bench, documents) goes through these, so that a key added to a schema later reads as
 * its default in old rows, and a row that no longer fits (edited by hand, written by an older version) shows what
 * is still valid instead of failing the whole list.
 *
 * Leniency, field by field: a value the schema accepts is taken as parsed; an object is read key by key; a record
 * (map) keeps the entries that fit; an array keeps its elements that are objects (read key by key) or fit; a
 * field that fails falls back to its default (a vote count of -3 reads as 0), except stored text (a length limit or
 * a grade list tightened later must not blank what was entered); with no default, the stored text or number, or
 * '' or 0.
 */

type Schema = z.ZodType;
type Def = { type: string; innerType?: Schema; shape?: Record<string, Schema>; keyType?: Schema; valueType?: Schema; element?: Schema };

const defOf = (s: Schema) => (s as unknown as { def: Def }).def;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const WRAPPERS = ['default', 'prefault', 'optional', 'nullable', 'catch', 'readonly'];

function unwrap(s: Schema): Schema {
  let cur = s;
  while (WRAPPERS.includes(defOf(cur).type) && defOf(cur).innerType) cur = defOf(cur).innerType!;
  return cur;
}

function lenient(schema: Schema, v: unknown): unknown {
  const parsed = schema.safeParse(v);
  if (parsed.success) return parsed.data;
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def.type === 'object' && isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, field] of Object.entries(def.shape ?? (inner as z.ZodObject).shape)) {
      const x = lenient(field, v[k]);
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
      return objects && isObject(x) ? [lenient(element, x)] : [];
    });
  }
  const fallback = schema.safeParse(undefined);
  // Text is kept (a limit tightened later must not blank it); a number only when there is no default to use.
  const kept = typeof v === 'string' ? !fallback.success || typeof fallback.data === 'string' : typeof v === 'number' && !fallback.success;
  if (kept) return v;
  if (fallback.success) return fallback.data;
  return def.type === 'number' ? 0 : def.type === 'boolean' ? false : '';
}

function storedObject<S extends z.ZodObject>(schema: S, raw: unknown): z.output<S> {
  const v = readJson(raw);
  return lenient(schema, isObject(v) ? v : {}) as z.output<S>;
}

function storedArray<S extends Schema>(element: S, raw: unknown): z.output<S>[] {
  const v = readJson(raw);
  return lenient(z.array(element), Array.isArray(v) ? v : []) as z.output<S>[];
}

// ---- assessment_record.data ---------------------------------------------------------------------------------

/** A record's stored fields: its input fields without postingId (a column); cross-field rules are for input only. */
export type StoredRecordData<K extends RecordKind> = Omit<RecordInputOf<K>, 'postingId'>;

const STORED_RECORD_SCHEMAS = Object.fromEntries(
  Object.entries(RECORD_INPUT_SCHEMAS).map(([kind, s]) => {
    const { postingId: _p, ...fields } = (s as z.ZodObject).shape;
    return [kind, z.object(fields)];
  }),
) as Record<RecordKind, z.ZodObject>;

/** `assessment_record.data` of a record of `kind`, field by field (old 期满考核 rows get 0 for a vote grade added later). */
export function parseRecordData<K extends RecordKind>(kind: K, raw: unknown): StoredRecordData<K> {
  const schema = STORED_RECORD_SCHEMAS[kind];
  if (schema) return storedObject(schema, raw) as StoredRecordData<K>;
  // An unknown kind (a newer version's row) keeps its keys as they are: nothing reads them by name.
  const v = readJson(raw);
  return (isObject(v) ? v : {}) as StoredRecordData<K>;
}

// ---- growth_evaluation: ratings, narratives, evidence -------------------------------------------------------

// A sheet keeps its valid scores; a rater whose sheet is not an object is left out (as if not rated).
const StoredRaterSheetSchema = z.object({
  scores: z.record(z.string(), z.number()).default({}),
  comments: z.record(z.string(), z.string()).default({}),
  comment: z.string().default(''),
  ratedBy: z.string().default(''),
  ratedOn: z.string().default(''),
});
const StoredRatingsSchema = z.object(Object.fromEntries(GROWTH_RATERS.map((r) => [r, StoredRaterSheetSchema.optional()])));

export function parseRatings(raw: unknown): StoredRatings {
  return storedObject(StoredRatingsSchema, raw) as StoredRatings;
}

// Every stage present, '' where none was written (the input schema's own defaults).
const NarrativesSchema = unwrap(GrowthEvaluationInputSchema.shape.narratives) as z.ZodObject;

export function parseNarratives(raw: unknown): Record<GrowthStage, string> {
  return storedObject(NarrativesSchema, raw) as Record<GrowthStage, string>;
}

// A link that is not an object is dropped: it cannot name a record.
const StoredEvidenceLinkSchema = z.object({
  indicatorCode: z.string(),
  refKind: z.enum(EVIDENCE_KINDS),
  refId: z.number(),
  label: z.string().default(''),
  note: z.string().default(''),
});

export function parseEvidenceLinks(raw: unknown): StoredEvidenceLink[] {
  return storedArray(StoredEvidenceLinkSchema, raw) as StoredEvidenceLink[];
}

// ---- growth_template: rater_weights, stages -----------------------------------------------------------------

// A rater missing from a stored version weighs 0: it did not count in that version, and pinned results must not move.
const StoredRaterWeightsSchema = z.object(Object.fromEntries(GROWTH_RATERS.map((r) => [r, z.number().default(0)])));

export function parseRaterWeights(raw: unknown): RaterWeights {
  return storedObject(StoredRaterWeightsSchema, raw) as RaterWeights;
}

// A stage or indicator that is an object is kept with what fits (its code is what scores refer to); anything else is dropped.
const StoredStageSchema = z.object({
  stage: z.enum(GROWTH_STAGES),
  stageDescription: z.string().default(''),
  weight: z.number().default(0),
  indicators: z
    .array(
      z.object({
        code: z.string(),
        indicatorName: z.string().default(''),
        indicatorDescription: z.string().default(''),
        weight: z.number().default(0),
        guidance: z.string().default(''),
      }),
    )
    .default([]),
});

export function parseStages(raw: unknown): GrowthStageDef[] {
  return storedArray(StoredStageSchema, raw) as GrowthStageDef[];
}

// ---- batch.themes (read with a posting's header) ----------------------------------------------------------------

// Themes are hints for the quarterly form: an entry that is not an object is dropped.
export function parseThemes(raw: unknown): QuarterTheme[] {
  return storedArray(QuarterThemeSchema, raw);
}
