import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BatchEntity } from './BatchEntity';
import { CadreEntity } from './CadreEntity';

/** A member of a batch's temporary party branch (临时党支部). */
@Entity('batch_branch_member')
export class BatchBranchMemberEntity {
  @PrimaryColumn({ type: 'integer', name: 'batch_id' }) batchId: number;
  @PrimaryColumn({ type: 'integer', name: 'cadre_id' }) cadreId: number;

  @ManyToOne(() => BatchEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'fk_batch_branch_member_batch' })
  batch?: BatchEntity;
  @ManyToOne(() => CadreEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'cadre_id', foreignKeyConstraintName: 'fk_batch_branch_member_cadre' })
  cadre?: CadreEntity;
}
