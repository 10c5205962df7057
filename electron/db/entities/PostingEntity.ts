import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { PostingDirection, PostingStatus, PostType } from '../../../shared/codes/secondment';
import { BatchEntity } from './BatchEntity';
import { CadreEntity } from './CadreEntity';

/** A posting (挂职记录). Mentors are plain columns so that the reminders can find missing ones in SQL. */
@Entity('posting')
@Index('idx_posting_cadre', ['cadreId', 'startDate'])
// One posting per cadre per batch: the batch's members are its postings.
@Index('idx_posting_batch_cadre', ['batchId', 'cadreId'], { unique: true })
@Index('idx_posting_status_end', ['status', 'plannedEndDate'])
export class PostingEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'cadre_id' }) cadreId: number;
  @ManyToOne(() => CadreEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'cadre_id', foreignKeyConstraintName: 'fk_posting_cadre' })
  cadre?: CadreEntity;
  @Column({ type: 'integer', name: 'batch_id', nullable: true }) batchId: number | null;
  /** A batch cannot be deleted while postings belong to it. */
  @ManyToOne(() => BatchEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'fk_posting_batch' })
  batch?: BatchEntity | null;
  @Column({ type: 'text', default: '' }) direction: PostingDirection;
  @Column({ type: 'text', name: 'original_unit', default: '' }) originalUnit: string;
  @Column({ type: 'text', name: 'original_post', default: '' }) originalPost: string;
  @Column({ type: 'text', name: 'host_unit', default: '' }) hostUnit: string;
  @Column({ type: 'text', name: 'host_post', default: '' }) hostPost: string;
  @Column({ type: 'text', name: 'post_type', default: '' }) postType: PostType | '';
  @Column({ type: 'text', name: 'start_date', default: '' }) startDate: string;
  @Column({ type: 'text', name: 'planned_end_date', default: '' }) plannedEndDate: string;
  @Column({ type: 'text', name: 'actual_end_date', default: '' }) actualEndDate: string;
  @Column({ type: 'text', default: '' }) status: PostingStatus;
  @Column({ type: 'text', name: 'pol_mentor_name', default: '' }) polMentorName: string;
  @Column({ type: 'text', name: 'pol_mentor_unit', default: '' }) polMentorUnit: string;
  @Column({ type: 'text', name: 'pol_mentor_phone', default: '' }) polMentorPhone: string;
  @Column({ type: 'text', name: 'biz_mentor_name', default: '' }) bizMentorName: string;
  @Column({ type: 'text', name: 'biz_mentor_unit', default: '' }) bizMentorUnit: string;
  @Column({ type: 'text', name: 'biz_mentor_phone', default: '' }) bizMentorPhone: string;
  @Column({ type: 'text', default: '' }) notes: string;
  @Column({ type: 'text', name: 'created_at', default: '' }) createdAt: string;
  @Column({ type: 'text', name: 'updated_at', default: '' }) updatedAt: string;
}
