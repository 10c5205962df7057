import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MeetingType } from '../../../shared/codes/secondment';

/** One line of a work group's meetings log. */
@Entity('batch_meeting')
export class BatchMeetingEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'batch_id' }) batchId: number;
  @Column({ type: 'text' }) type: MeetingType;
  @Column({ type: 'text' }) date: string;
  @Column({ type: 'text' }) topic: string;
  @Column({ type: 'integer', nullable: true }) attendance: number | null;
  @Column({ type: 'text' }) minutes: string;
  @Column({ type: 'text', name: 'created_at' }) createdAt: string;
  @Column({ type: 'text', name: 'updated_at' }) updatedAt: string;
}
