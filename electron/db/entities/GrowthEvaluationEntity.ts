import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { GrowthStage, PeriodKind, StoredRatings } from '../../../shared/growth';

/** A link from an indicator to a record of the posting, with the label it had when linked. */
export interface StoredEvidenceLink {
  indicatorCode: string;
  refKind: 'record' | 'result';
  refId: number;
  label: string;
  note: string;
}

/**
 * One growth evaluation (成长评价) of a posting for one period. The rater sheets, narratives and evidence links are
 * JSON: they are read and written with the evaluation as a whole. Derived scores are never stored — they are
 * computed from these and the pinned template (shared/growthScoring.ts). An archived row carries the SHA-256 of
 * its canonical form (electron/services/growthArchive.ts).
 */
@Entity('growth_evaluation')
export class GrowthEvaluationEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'posting_id' }) postingId: number;
  @Column({ type: 'integer', name: 'template_id' }) templateId: number;
  /** 第一季度 …, 期满, or a custom milestone's name; unique within the posting. */
  @Column({ type: 'text' }) period: string;
  @Column({ type: 'text', name: 'period_kind' }) periodKind: PeriodKind;
  @Column({ type: 'text', name: 'milestone_date' }) milestoneDate: string;
  /** Orders a posting's periods: the quarter's last day, the milestone's day, or 9999 for 期满. */
  @Column({ type: 'text', name: 'sort_key' }) sortKey: string;
  /** 草稿 / 已提交 / 已审核 / 已归档 (shared/workflow.ts). */
  @Column({ type: 'text' }) state: string;
  @Column({ type: 'simple-json' }) ratings: StoredRatings;
  @Column({ type: 'simple-json' }) narratives: Record<GrowthStage, string>;
  @Column({ type: 'text', name: 'self_summary' }) selfSummary: string;
  @Column({ type: 'simple-json' }) evidence: StoredEvidenceLink[];
  @Column({ type: 'text', name: 'archive_hash' }) archiveHash: string;
  @Column({ type: 'text', name: 'archived_at' }) archivedAt: string;
  @Column({ type: 'text', name: 'created_at' }) createdAt: string;
  @Column({ type: 'text', name: 'updated_at' }) updatedAt: string;
}
