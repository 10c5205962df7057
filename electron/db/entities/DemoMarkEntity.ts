import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * 示例数据 registry: one row per record the demo loader wrote (cadre, batch, posting, meeting, 考核记录, 请销假,
 * 工作实绩, 成长评价), so that 清除示例数据 removes exactly those and never a file the clerk entered. No foreign key
 * (it names rows of several tables); `created_at` is the row's own, so an id reused later by a real row does not match.
 */
@Entity('demo_mark')
export class DemoMarkEntity {
  @PrimaryColumn({ type: 'text', name: 'entity_type' }) entityType: string;
  @PrimaryColumn({ type: 'integer', name: 'entity_id' }) entityId: number;
  @Column({ type: 'text', name: 'created_at', default: '' }) createdAt: string;
}
