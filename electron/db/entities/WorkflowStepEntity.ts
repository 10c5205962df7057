import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One step of a workflow record's state history (shared/workflow.ts): who moved which record from which state to
 * which, when and why. Generic over record types (`assessment_record`, later the growth evaluations).
 */
@Entity('workflow_step')
@Index('idx_workflow_step_record', ['recordType', 'recordId'])
export class WorkflowStepEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'text', name: 'record_type' }) recordType: string;
  @Column({ type: 'integer', name: 'record_id' }) recordId: number;
  /** submit / review / archive / reopen, or create for the first line. */
  @Column({ type: 'text', default: '' }) action: string;
  @Column({ type: 'text', name: 'from_state', nullable: true }) fromState: string | null;
  @Column({ type: 'text', name: 'to_state', default: '' }) toState: string;
  @Column({ type: 'text', default: '' }) reason: string;
  @Column({ type: 'text', default: '' }) actor: string;
  @Column({ type: 'text', default: '' }) at: string;
}
