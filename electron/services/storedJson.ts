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
import { parseJsonArray, parseJsonObject, parseJsonRecord, parseStoredObject, unwrap } from '../../shared/jsonColumn';
import type { StoredEvidenceLink } from '../db/entities/GrowthEvaluationEntity';

/**
 * JSON columns read back with the schema their content was written with, one parse function per column, by the
 * rules of shared/jsonColumn.ts. The entities' column transformers and every raw-SQL reader (services, demo, bench,
 * documents) go through these, so a stored row that no longer fits shows what is still valid instead of failing.
 */

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
  if (schema) return parseStoredObject(schema, raw) as StoredRecordData<K>;
  // An unknown kind (a newer version's row) keeps its keys as they are: nothing reads them by name.
  return parseJsonObject(raw) as StoredRecordData<K>;
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
  return parseStoredObject(StoredRatingsSchema, raw) as StoredRatings;
}

// Every stage present, '' where none was written (the input schema's own defaults).
const NarrativesSchema = unwrap(GrowthEvaluationInputSchema.shape.narratives) as z.ZodObject;

export function parseNarratives(raw: unknown): Record<GrowthStage, string> {
  return parseStoredObject(NarrativesSchema, raw) as Record<GrowthStage, string>;
}

// A link without its indicator code, kind or id (or not an object) is dropped: it cannot name a record.
const StoredEvidenceLinkSchema = z.object({
  indicatorCode: z.string(),
  refKind: z.enum(EVIDENCE_KINDS),
  refId: z.number(),
  label: z.string().default(''),
  note: z.string().default(''),
});

export function parseEvidenceLinks(raw: unknown): StoredEvidenceLink[] {
  return parseJsonArray(StoredEvidenceLinkSchema, raw) as StoredEvidenceLink[];
}

// ---- growth_template: rater_weights, stages -----------------------------------------------------------------

// A rater missing from a stored version weighs 0: it did not count in that version, and pinned results must not move.
const StoredRaterWeightsSchema = z.object(Object.fromEntries(GROWTH_RATERS.map((r) => [r, z.number().default(0)])));

export function parseRaterWeights(raw: unknown): RaterWeights {
  return parseStoredObject(StoredRaterWeightsSchema, raw) as RaterWeights;
}

// A stage or indicator is kept with what fits; one without its stage name or code (what scores refer to) is dropped.
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
  return parseJsonArray(StoredStageSchema, raw) as GrowthStageDef[];
}

// ---- batch.themes (read with a posting's header) ----------------------------------------------------------------

// Themes are hints for the quarterly form: an entry without its period or theme (or not an object) is dropped.
export function parseThemes(raw: unknown): QuarterTheme[] {
  return parseJsonArray(QuarterThemeSchema, raw);
}

// ---- audit_log.changes ----------------------------------------------------------------------------------------

const ChangeSchema = z.tuple([z.unknown(), z.unknown()]);

/** audit_log.changes as stored: the `field: [old, new]` pairs that read; a damaged entry does not hide the rest. */
export const parseAuditChanges = (raw: unknown): Record<string, [unknown, unknown]> =>
  parseJsonRecord(ChangeSchema, raw) as Record<string, [unknown, unknown]>;
