import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { BatchEntity } from './BatchEntity';
import { CadreEntity } from './CadreEntity';

/** A work group's sub-group (工作小组), e.g. 项目招引. */
@Entity('batch_sub_group')
@Index('idx_batch_sub_group_batch', ['batchId'])
export class BatchSubGroupEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'batch_id' }) batchId: number;
  @ManyToOne(() => BatchEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'fk_batch_sub_group_batch' })
  batch?: BatchEntity;
  @Column({ type: 'text', name: 'group_name' }) groupName: string;
  @Column({ type: 'integer', name: 'leader_id', nullable: true }) leaderId: number | null;
  @ManyToOne(() => CadreEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'leader_id', foreignKeyConstraintName: 'fk_batch_sub_group_leader' })
  leader?: CadreEntity | null;
  @Column({ type: 'integer', name: 'sort_order', default: 0 }) sortOrder: number;
}

/** A cadre in a sub-group (a member of the batch). */
@Entity('batch_sub_group_member')
export class BatchSubGroupMemberEntity {
  @PrimaryColumn({ type: 'integer', name: 'sub_group_id' }) subGroupId: number;
  @PrimaryColumn({ type: 'integer', name: 'cadre_id' }) cadreId: number;

  @ManyToOne(() => BatchSubGroupEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'sub_group_id', foreignKeyConstraintName: 'fk_batch_sub_group_member_sub_group' })
  subGroup?: BatchSubGroupEntity;
  @ManyToOne(() => CadreEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'cadre_id', foreignKeyConstraintName: 'fk_batch_sub_group_member_cadre' })
  cadre?: CadreEntity;
}
