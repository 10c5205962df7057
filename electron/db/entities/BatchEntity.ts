import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CadreEntity } from './CadreEntity';
import type { QuarterTheme } from '../../../shared/batch';
import type { BatchType, PostingDirection } from '../../../shared/codes/secondment';
import { parseThemes } from '../../services/storedJson';
import { jsonText } from './jsonText';

/** A batch (批次) / work group (工作组). Its temporary party branch's own fields live here too (one per batch). */
@Entity('batch')
@Index('idx_batch_start', ['startDate'])
export class BatchEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'text', default: '' }) name: string;
  @Column({ type: 'text', default: '' }) type: BatchType;
  @Column({ type: 'text', default: '' }) direction: PostingDirection;
  @Column({ type: 'text', name: 'from_place', default: '' }) fromPlace: string;
  @Column({ type: 'text', name: 'to_place', default: '' }) toPlace: string;
  @Column({ type: 'text', name: 'dispatching_org', default: '' }) dispatchingOrg: string;
  @Column({ type: 'text', name: 'receiving_org', default: '' }) receivingOrg: string;
  @Column({ type: 'text', name: 'start_date', default: '' }) startDate: string;
  @Column({ type: 'text', name: 'end_date', default: '' }) endDate: string;
  @Column({ type: 'integer', name: 'leader_id', nullable: true }) leaderId: number | null;
  @ManyToOne(() => CadreEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'leader_id', foreignKeyConstraintName: 'fk_batch_leader' })
  leader?: CadreEntity | null;
  /** 一季一主题, in order. */
  @Column(jsonText(parseThemes, { default: '[]' })) themes: QuarterTheme[];
  @Column({ type: 'text', name: 'branch_name', default: '' }) branchName: string;
  @Column({ type: 'text', name: 'branch_founded_date', default: '' }) branchFoundedDate: string;
  @Column({ type: 'integer', name: 'branch_secretary_id', nullable: true }) branchSecretaryId: number | null;
  @ManyToOne(() => CadreEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'branch_secretary_id', foreignKeyConstraintName: 'fk_batch_branch_secretary' })
  branchSecretary?: CadreEntity | null;
  @Column({ type: 'text', default: '' }) notes: string;
  @Column({ type: 'text', name: 'created_at', default: '' }) createdAt: string;
  @Column({ type: 'text', name: 'updated_at', default: '' }) updatedAt: string;
}
