import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A work group's sub-group (工作小组), e.g. 项目招引. */
@Entity('batch_sub_group')
export class BatchSubGroupEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'batch_id' }) batchId: number;
  @Column({ type: 'text', name: 'group_name' }) groupName: string;
  @Column({ type: 'integer', name: 'leader_id', nullable: true }) leaderId: number | null;
  @Column({ type: 'integer', name: 'sort_order' }) sortOrder: number;
}

/** A cadre in a sub-group (a member of the batch). */
@Entity('batch_sub_group_member')
export class BatchSubGroupMemberEntity {
  @PrimaryColumn({ type: 'integer', name: 'sub_group_id' }) subGroupId: number;
  @PrimaryColumn({ type: 'integer', name: 'cadre_id' }) cadreId: number;
}
