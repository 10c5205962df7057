import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RecordKind } from '../../../shared/assessment';

/**
 * One 考核记录 of a posting. The columns every kind shares (and that lists and overviews query) are real columns;
 * each kind's own fields live in `data` (validated by its schema in shared/assessment.ts).
 */
@Entity('assessment_record')
export class AssessmentRecordEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'posting_id' }) postingId: number;
  @Column({ type: 'text' }) kind: RecordKind;
  /**
   * Sort key and uniqueness key within the posting and kind: `YYYY.MM` (monthly), `Q1`…`Q8` (quarterly), `YYYY`
   * (annual), `YYYY.MM.DD` (talk, note), '' (term: one per posting).
   */
  @Column({ type: 'text' }) period: string;
  /** Workflow state (草稿/已提交/已审核/已归档) of the workflow kinds; '' for plain records. */
  @Column({ type: 'text' }) state: string;
  /** The grade of quarterly/annual/term records ('' when none), for overviews. */
  @Column({ type: 'text' }) grade: string;
  @Column({ type: 'simple-json' }) data: Record<string, unknown>;
  @Column({ type: 'text', name: 'created_at' }) createdAt: string;
  @Column({ type: 'text', name: 'updated_at' }) updatedAt: string;
}
