import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/canonicalJson';

/**
 * The archived form of a growth evaluation: its stored content together with the full content of the template
 * version it pinned, as canonical JSON, hashed with SHA-256. Built from the raw rows, exactly as stored, so that
 * the service (when archiving) and `verify` (when checking) hash the same thing.
 *
 * Left out on purpose: the template's status and dates (they change when a newer version is activated), its
 * based-on link (cleared when that draft is deleted), and the evaluation's updated_at and the hash itself.
 * The state is in: an archived row set back to 草稿 no longer matches.
 */
export const ARCHIVE_EVALUATION_COLUMNS = `id, posting_id, template_id, period, period_kind, milestone_date, sort_key, state, ratings,
  narratives, self_summary, evidence, archive_hash, archived_at, created_at`;
export const ARCHIVE_TEMPLATE_COLUMNS = 'id, version, template_name, threshold, rater_weights, stages, notes';

/** A JSON column as its value; text that no longer parses is kept as text (and so hashes differently). */
export function json(v: unknown): unknown {
  if (typeof v !== 'string') return v ?? null;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

export const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
export const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

export function archiveCanonical(evaluation: Record<string, unknown>, template: Record<string, unknown> | null): string {
  const e = evaluation;
  return canonicalJson({
    kind: 'growth_evaluation',
    evaluation: {
      id: num(e.id),
      postingId: num(e.posting_id),
      templateId: num(e.template_id),
      period: str(e.period),
      periodKind: str(e.period_kind),
      milestoneDate: str(e.milestone_date),
      sortKey: str(e.sort_key),
      state: str(e.state),
      ratings: json(e.ratings),
      narratives: json(e.narratives),
      selfSummary: str(e.self_summary),
      evidence: json(e.evidence),
      archivedAt: str(e.archived_at),
      createdAt: str(e.created_at),
    },
    template: template && {
      id: num(template.id),
      version: num(template.version),
      templateName: str(template.template_name),
      threshold: num(template.threshold),
      raterWeights: json(template.rater_weights),
      stages: json(template.stages),
      notes: str(template.notes),
    },
  });
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export const archiveHash = (evaluation: Record<string, unknown>, template: Record<string, unknown> | null) =>
  sha256(archiveCanonical(evaluation, template));
