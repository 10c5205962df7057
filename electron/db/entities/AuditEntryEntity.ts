import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { parseAuditChanges } from '../../services/storedJson';
import { jsonText } from './jsonText';

/** One write to the database: who, when, what, and each changed field old → new. */
@Entity('audit_log')
@Index('idx_audit_entity', ['entityType', 'entityId'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'text' }) at: string;
  @Column({ type: 'text' }) actor: string;
  @Column({ type: 'text', name: 'entity_type' }) entityType: string;
  @Column({ type: 'text', name: 'entity_id' }) entityId: string;
  /** 新建 / 修改 / 删除 / 恢复 / 彻底删除 / 导入 … */
  @Column({ type: 'text' }) action: string;
  /** `{ field: [old, new] }` */
  @Column(jsonText(parseAuditChanges)) changes: Record<string, [unknown, unknown]>;
  @Column({ type: 'text', default: '' }) note: string;
}
