import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PostingEntity } from './PostingEntity';
import type { RecordKind } from '../../../shared/assessment';
import { parseJsonObject } from '../../../shared/jsonColumn';
import { jsonText } from './jsonText';

/**
 * One 考核记录 of a posting. The columns every kind shares (and that lists and overviews query) are real columns;
 * each kind's own fields live in `data` (validated by its schema in shared/assessment.ts).
 */
@Entity('assessment_record')
// The records page reads a posting's records in one index range, already in kind/period order.
@Index('idx_assessment_record_posting', ['postingId', 'kind', 'period'])
// One monthly report per month, one quarterly review per quarter, one annual per year, one term per posting.
@Index('idx_assessment_record_unique', ['postingId', 'kind', 'period'], {
  unique: true,
  where: `"kind" IN ('monthly', 'quarterly', 'annual', 'term')`,
})
export class AssessmentRecordEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'posting_id' }) postingId: number;
  @ManyToOne(() => PostingEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'posting_id', foreignKeyConstraintName: 'fk_assessment_record_posting' })
  posting?: PostingEntity;
  @Column({ type: 'text', default: '' }) kind: RecordKind;
  /**
   * Sort key and uniqueness key within the posting and kind: `YYYY.MM` (monthly), `Q1`…`Q8` (quarterly), `YYYY`
   * (annual), `YYYY.MM.DD` (talk, note), '' (term: one per posting).
   */
  @Column({ type: 'text', default: '' }) period: string;
  /** Workflow state (草稿/已提交/已审核/已归档) of the workflow kinds; '' for plain records. */
  @Column({ type: 'text', default: '' }) state: string;
  /** The grade of quarterly/annual/term records ('' when none), for overviews. */
  @Column({ type: 'text', default: '' }) grade: string;
  /** Read here as any object: its schema depends on `kind`, so services read it on with parseRecordData. */
  @Column(jsonText(parseJsonObject, { default: '{}' })) data: Record<string, unknown>;
  @Column({ type: 'text', name: 'created_at', default: '' }) createdAt: string;
  @Column({ type: 'text', name: 'updated_at', default: '' }) updatedAt: string;
}
