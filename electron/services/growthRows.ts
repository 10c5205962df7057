import { RECORD_KIND_LABELS, type RecordKind } from '../../shared/assessment';
import { RESULT_AMOUNT_LABELS, type ResultCategory } from '../../shared/codes/assessment';
import { GROWTH_STAGES, QUARTER_PERIODS, type GrowthStage, type PeriodKind, type StoredRatings } from '../../shared/growth';
import type { WorkflowState } from '../../shared/workflow';
import type { StoredEvidenceLink } from '../db/entities/GrowthEvaluationEntity';

/**
 * Raw rows of `growth_evaluation` and the labels of linked records: what the evaluation service, the overviews
 * and the benchmark's baseline read (plain SQL, parsed once, no entity hydration: overviews read thousands).
 */
export const EVALUATION_COLUMNS = `e.id, e.posting_id, e.template_id, e.period, e.period_kind, e.milestone_date, e.sort_key, e.state,
  e.ratings, e.narratives, e.self_summary, e.evidence, e.archive_hash, e.archived_at, e.created_at, e.updated_at`;

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

function parsed<T>(v: unknown, fallback: T): T {
  if (typeof v !== 'string') return (v as T) ?? fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
}

export function rowToStored(r: Record<string, unknown>): StoredEvaluation {
  const s = (k: string) => String(r[k] ?? '');
  const narratives = parsed<Partial<Record<GrowthStage, string>>>(r.narratives, {});
  return {
    id: Number(r.id),
    postingId: Number(r.posting_id),
    templateId: Number(r.template_id),
    period: s('period'),
    periodKind: s('period_kind') as PeriodKind,
    milestoneDate: s('milestone_date'),
    sortKey: s('sort_key'),
    state: s('state') as WorkflowState,
    ratings: parsed<StoredRatings>(r.ratings, {}),
    narratives: Object.fromEntries(GROWTH_STAGES.map((st) => [st, narratives[st] ?? ''])) as Record<GrowthStage, string>,
    selfSummary: s('self_summary'),
    evidence: parsed<StoredEvidenceLink[]>(r.evidence, []),
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

export const POSTING_RECORDS_FOR_EVIDENCE_SQL = `SELECT id, kind, period, created_at FROM assessment_record WHERE posting_id = ? ORDER BY kind, period, id`;
export const POSTING_RESULTS_FOR_EVIDENCE_SQL = `SELECT id, category, title, date, amount, quantity, quantity_unit FROM work_result
  WHERE posting_id = ? ORDER BY date, id`;

export const resultRowLabel = (r: Record<string, unknown>) =>
  resultLabel({
    category: String(r.category),
    title: String(r.title),
    amount: r.amount == null ? null : Number(r.amount),
    quantity: r.quantity == null ? null : Number(r.quantity),
    quantityUnit: String(r.quantity_unit ?? ''),
  });
