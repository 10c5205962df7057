import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PostingEntity } from './PostingEntity';
import type { LeaveType } from '../../../shared/codes/assessment';

/** One 请销假 entry of a posting: days away, both ends inclusive. */
@Entity('leave_entry')
@Index('idx_leave_entry_posting', ['postingId', 'startDate'])
export class LeaveEntryEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'posting_id' }) postingId: number;
  @ManyToOne(() => PostingEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'posting_id', foreignKeyConstraintName: 'fk_leave_entry_posting' })
  posting?: PostingEntity;
  @Column({ type: 'text', name: 'leave_type', default: '' }) leaveType: LeaveType;
  @Column({ type: 'text', name: 'start_date', default: '' }) startDate: string;
  @Column({ type: 'text', name: 'end_date', default: '' }) endDate: string;
  @Column({ type: 'text', name: 'approved_by', default: '' }) approvedBy: string;
  @Column({ type: 'text', default: '' }) notes: string;
  @Column({ type: 'text', name: 'created_at', default: '' }) createdAt: string;
  @Column({ type: 'text', name: 'updated_at', default: '' }) updatedAt: string;
}
