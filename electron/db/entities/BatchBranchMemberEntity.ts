import { Entity, PrimaryColumn } from 'typeorm';

/** A member of a batch's temporary party branch (临时党支部). */
@Entity('batch_branch_member')
export class BatchBranchMemberEntity {
  @PrimaryColumn({ type: 'integer', name: 'batch_id' }) batchId: number;
  @PrimaryColumn({ type: 'integer', name: 'cadre_id' }) cadreId: number;
}
