import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BatchEntity } from './BatchEntity';
import type { MeetingType } from '../../../shared/codes/secondment';

/** One line of a work group's meetings log. */
@Entity('batch_meeting')
@Index('idx_batch_meeting_batch', ['batchId', 'date'])
export class BatchMeetingEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'batch_id' }) batchId: number;
  @ManyToOne(() => BatchEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'fk_batch_meeting_batch' })
  batch?: BatchEntity;
  @Column({ type: 'text', default: '' }) type: MeetingType;
  @Column({ type: 'text', default: '' }) date: string;
  @Column({ type: 'text', default: '' }) topic: string;
  @Column({ type: 'integer', nullable: true }) attendance: number | null;
  @Column({ type: 'text', default: '' }) minutes: string;
  @Column({ type: 'text', name: 'created_at', default: '' }) createdAt: string;
  @Column({ type: 'text', name: 'updated_at', default: '' }) updatedAt: string;
}
