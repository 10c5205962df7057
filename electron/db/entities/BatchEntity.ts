import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { QuarterTheme } from '../../../shared/batch';
import type { BatchType, PostingDirection } from '../../../shared/codes/secondment';

/** A batch (批次) / work group (工作组). Its temporary party branch's own fields live here too (one per batch). */
@Entity('batch')
export class BatchEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) type: BatchType;
  @Column({ type: 'text' }) direction: PostingDirection;
  @Column({ type: 'text', name: 'from_place' }) fromPlace: string;
  @Column({ type: 'text', name: 'to_place' }) toPlace: string;
  @Column({ type: 'text', name: 'dispatching_org' }) dispatchingOrg: string;
  @Column({ type: 'text', name: 'receiving_org' }) receivingOrg: string;
  @Column({ type: 'text', name: 'start_date' }) startDate: string;
  @Column({ type: 'text', name: 'end_date' }) endDate: string;
  @Column({ type: 'integer', name: 'leader_id', nullable: true }) leaderId: number | null;
  /** 一季一主题, in order. */
  @Column({ type: 'simple-json' }) themes: QuarterTheme[];
  @Column({ type: 'text', name: 'branch_name' }) branchName: string;
  @Column({ type: 'text', name: 'branch_founded_date' }) branchFoundedDate: string;
  @Column({ type: 'integer', name: 'branch_secretary_id', nullable: true }) branchSecretaryId: number | null;
  @Column({ type: 'text' }) notes: string;
  @Column({ type: 'text', name: 'created_at' }) createdAt: string;
  @Column({ type: 'text', name: 'updated_at' }) updatedAt: string;
}
