import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LeaveType } from '../../../shared/codes/assessment';

/** One 请销假 entry of a posting: days away, both ends inclusive. */
@Entity('leave_entry')
export class LeaveEntryEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'posting_id' }) postingId: number;
  @Column({ type: 'text', name: 'leave_type' }) leaveType: LeaveType;
  @Column({ type: 'text', name: 'start_date' }) startDate: string;
  @Column({ type: 'text', name: 'end_date' }) endDate: string;
  @Column({ type: 'text', name: 'approved_by' }) approvedBy: string;
  @Column({ type: 'text' }) notes: string;
  @Column({ type: 'text', name: 'created_at' }) createdAt: string;
  @Column({ type: 'text', name: 'updated_at' }) updatedAt: string;
}
