import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PostingDirection, PostingStatus, PostType } from '../../../shared/codes/secondment';

/** A posting (挂职记录). Mentors are plain columns so that the reminders can find missing ones in SQL. */
@Entity('posting')
export class PostingEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'cadre_id' }) cadreId: number;
  @Column({ type: 'integer', name: 'batch_id', nullable: true }) batchId: number | null;
  @Column({ type: 'text' }) direction: PostingDirection;
  @Column({ type: 'text', name: 'original_unit' }) originalUnit: string;
  @Column({ type: 'text', name: 'original_post' }) originalPost: string;
  @Column({ type: 'text', name: 'host_unit' }) hostUnit: string;
  @Column({ type: 'text', name: 'host_post' }) hostPost: string;
  @Column({ type: 'text', name: 'post_type' }) postType: PostType | '';
  @Column({ type: 'text', name: 'start_date' }) startDate: string;
  @Column({ type: 'text', name: 'planned_end_date' }) plannedEndDate: string;
  @Column({ type: 'text', name: 'actual_end_date' }) actualEndDate: string;
  @Column({ type: 'text' }) status: PostingStatus;
  @Column({ type: 'text', name: 'pol_mentor_name' }) polMentorName: string;
  @Column({ type: 'text', name: 'pol_mentor_unit' }) polMentorUnit: string;
  @Column({ type: 'text', name: 'pol_mentor_phone' }) polMentorPhone: string;
  @Column({ type: 'text', name: 'biz_mentor_name' }) bizMentorName: string;
  @Column({ type: 'text', name: 'biz_mentor_unit' }) bizMentorUnit: string;
  @Column({ type: 'text', name: 'biz_mentor_phone' }) bizMentorPhone: string;
  @Column({ type: 'text' }) notes: string;
  @Column({ type: 'text', name: 'created_at' }) createdAt: string;
  @Column({ type: 'text', name: 'updated_at' }) updatedAt: string;
}
