import type { EntityManager } from 'typeorm';
import { RECORD_KIND_LABELS, type RecordKind } from '../../shared/assessment';
import { RESULT_AMOUNT_LABELS, type ResultCategory } from '../../shared/codes/assessment';
import { QUARTER_PERIODS, type GrowthStage, type PeriodKind, type StoredRatings } from '../../shared/growth';
import type { WorkflowState } from '../../shared/workflow';
import type { StoredEvidenceLink } from '../db/entities/GrowthEvaluationEntity';
import { queryRows, sql, type SqlFragment } from '../db/sql';
import { parseEvidenceLinks, parseNarratives, parseRatings } from './storedJson';

/**
 * The one `growth_evaluation` query and its mapping: what the evaluation service, the overviews and the documents
 * read (raw, through sql.ts, no entity hydration: the batch overview, a measured figure, reads thousands), in
 * period order. `where` filters `e`.
 */
export function evaluationsQuery(where: SqlFragment): SqlFragment {
  return sql`SELECT e.id, e.posting_id, e.template_id, e.period, e.period_kind, e.milestone_date, e.sort_key, e.state, e.ratings,
    e.narratives, e.self_summary, e.evidence, e.archive_hash, e.archived_at, e.created_at, e.updated_at
    FROM growth_evaluation e WHERE ${where} ORDER BY e.sort_key, e.id`;
}

export function readEvaluations(m: EntityManager, where: SqlFragment): Promise<StoredEvaluation[]> {
  return queryRows(m, evaluationsQuery(where), rowToStored);
}

export interface StoredEvaluation {
  id: number;
  postingId: number;
  templateId: number;
  period: string;
  periodKind: PeriodKind;
  milestoneDate: string;
  sortKey: string;
  state: WorkflowState;
  ratings: StoredRatings;
  narratives: Record<GrowthStage, string>;
  selfSummary: string;
  evidence: StoredEvidenceLink[];
  archiveHash: string;
  archivedAt: string;
  createdAt: string;
  updatedAt: string;
}

/** A raw `growth_evaluation` row (snake_case columns), its JSON columns parsed with their schemas (storedJson.ts). */
export function rowToStored(r: Record<string, unknown>): StoredEvaluation {
  const s = (k: string) => String(r[k] ?? '');
  return {
    id: Number(r.id),
    postingId: Number(r.posting_id),
    templateId: Number(r.template_id),
    period: s('period'),
    periodKind: s('period_kind') as PeriodKind,
    milestoneDate: s('milestone_date'),
    sortKey: s('sort_key'),
    state: s('state') as WorkflowState,
    ratings: parseRatings(r.ratings),
    narratives: parseNarratives(r.narratives),
    selfSummary: s('self_summary'),
    evidence: parseEvidenceLinks(r.evidence),
    archiveHash: s('archive_hash'),
    archivedAt: s('archived_at'),
    createdAt: s('created_at'),
    updatedAt: s('updated_at'),
  };
}

/** How an assessment record is named when linked: 季度小结/考核（第二季度）, 谈心谈话（2026.03.05）… */
export function recordLabel(kind: string, period: string): string {
  const label = RECORD_KIND_LABELS[kind as RecordKind] ?? '考核记录';
  if (!period) return label;
  const q = /^Q(\d)$/.exec(period);
  if (q) return `${label}（${QUARTER_PERIODS[Number(q[1]) - 1] ?? period}）`;
  if (/^\d{4}$/.test(period)) return `${label}（${period}年）`;
  return `${label}（${period}）`;
}

/** How a ledger entry is named when linked: 招商引资：…（签约资金4000万元）. */
export function resultLabel(r: { category: string; title: string; amount: number | null; quantity: number | null; quantityUnit: string }): string {
  const extra =
    r.amount !== null
      ? `（${RESULT_AMOUNT_LABELS[r.category as ResultCategory] ?? '金额'}${r.amount}万元）`
      : r.quantity !== null
        ? `（${r.quantity}${r.quantityUnit}）`
        : '';
  return `${r.category}：${r.title}${extra}`;
}
