import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { GrowthStage, PeriodKind, StoredRatings } from '../../../shared/growth';
import { parseEvidenceLinks, parseNarratives, parseRatings } from '../../services/storedJson';
import { GrowthTemplateEntity } from './GrowthTemplateEntity';
import { jsonText } from './jsonText';
import { PostingEntity } from './PostingEntity';

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
// One evaluation per posting and period; the trajectory reads a posting's evaluations in period order.
@Index('idx_growth_evaluation_period', ['postingId', 'period'], { unique: true })
@Index('idx_growth_evaluation_order', ['postingId', 'sortKey'])
@Index('idx_growth_evaluation_template', ['templateId'])
export class GrowthEvaluationEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'posting_id' }) postingId: number;
  @ManyToOne(() => PostingEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'posting_id', foreignKeyConstraintName: 'fk_growth_evaluation_posting' })
  posting?: PostingEntity;
  @Column({ type: 'integer', name: 'template_id' }) templateId: number;
  /** A template version that an evaluation pinned can never be deleted. */
  @ManyToOne(() => GrowthTemplateEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'template_id', foreignKeyConstraintName: 'fk_growth_evaluation_template' })
  template?: GrowthTemplateEntity;
  /** 第一季度 …, 期满, or a custom milestone's name; unique within the posting. */
  @Column({ type: 'text', default: '' }) period: string;
  @Column({ type: 'text', name: 'period_kind', default: '' }) periodKind: PeriodKind;
  @Column({ type: 'text', name: 'milestone_date', default: '' }) milestoneDate: string;
  /** Orders a posting's periods: the quarter's last day, the milestone's day, or 9999 for 期满. */
  @Column({ type: 'text', name: 'sort_key', default: '' }) sortKey: string;
  /** 草稿 / 已提交 / 已审核 / 已归档 (shared/workflow.ts). */
  @Column({ type: 'text', default: '' }) state: string;
  @Column(jsonText(parseRatings, { default: '{}' })) ratings: StoredRatings;
  @Column(jsonText(parseNarratives, { default: '{}' })) narratives: Record<GrowthStage, string>;
  @Column({ type: 'text', name: 'self_summary', default: '' }) selfSummary: string;
  @Column(jsonText(parseEvidenceLinks, { default: '[]' })) evidence: StoredEvidenceLink[];
  @Column({ type: 'text', name: 'archive_hash', default: '' }) archiveHash: string;
  @Column({ type: 'text', name: 'archived_at', default: '' }) archivedAt: string;
  @Column({ type: 'text', name: 'created_at', default: '' }) createdAt: string;
  @Column({ type: 'text', name: 'updated_at', default: '' }) updatedAt: string;
}
