import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { parseAuditChanges } from '../../services/storedJson';
import { jsonText } from './jsonText';

/**
 * One write to the database: who, when, what, and each changed field old → new. Append-only (triggers refuse
 * UPDATE and DELETE, migration 0008) and hash-chained like the archive ledger; the chain's signed head is row 2
 * of `archive_ledger_head` (electron/services/AuditLog.ts).
 */
@Entity('audit_log')
@Index('idx_audit_entity', ['entityType', 'entityId'])
// The viewer's filters (electron/services/AuditReader.ts); each index also holds the id, so "newest first" needs no sort.
@Index('idx_audit_at', ['at'])
@Index('idx_audit_actor', ['actor'])
@Index('idx_audit_entity_type', ['entityType'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** 1, 2, 3 … in the order written: a gap is a deleted entry. */
  @Index('idx_audit_seq', { unique: true })
  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'text' }) at: string;
  @Column({ type: 'text' }) actor: string;
  @Column({ type: 'text', name: 'entity_type' }) entityType: string;
  @Column({ type: 'text', name: 'entity_id' }) entityId: string;
  /** 新建 / 修改 / 删除 / 恢复 / 彻底删除 / 导入 … */
  @Column({ type: 'text' }) action: string;
  /** `{ field: [old, new] }` */
  @Column(jsonText(parseAuditChanges)) changes: Record<string, [unknown, unknown]>;
  @Column({ type: 'text', default: '' }) note: string;
  /** The previous entry's `entry_hash` ('' for the first). */
  @Column({ type: 'text', name: 'prev_hash', default: '' }) prevHash: string;
  /** SHA-256 of this entry's canonical fields, the stored `changes` text and `prev_hash` included. */
  @Column({ type: 'text', name: 'entry_hash', default: '' }) entryHash: string;
}
