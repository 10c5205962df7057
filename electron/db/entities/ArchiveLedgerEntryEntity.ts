import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One entry of the append-only archive ledger: a record was archived (or, when the ledger was introduced, found
 * archived). Each entry names the hash of the entry before it, so removing or editing one breaks the chain
 * (electron/archive/ArchiveLedger.ts). Triggers refuse UPDATE and DELETE.
 */
@Entity('archive_ledger')
@Index('idx_archive_ledger_record', ['recordType', 'recordId'])
export class ArchiveLedgerEntryEntity {
  /** 1, 2, 3, … without gaps. */
  @PrimaryColumn({ type: 'integer' }) seq: number;
  @Column({ type: 'text', default: '' }) at: string;
  @Column({ type: 'text', default: '' }) actor: string;
  /** 'archive', or 'backfill' for records archived before the ledger existed. */
  @Column({ type: 'text', default: '' }) action: string;
  /** `assessment_record` or `growth_evaluation`. */
  @Column({ type: 'text', name: 'record_type', default: '' }) recordType: string;
  @Column({ type: 'integer', name: 'record_id' }) recordId: number;
  /** Who and what, in Chinese, as it was when archived: 年度考核（2026年）· 王晓峰. */
  @Column({ type: 'text', default: '' }) label: string;
  /** SHA-256 of the record's canonical content when archived. */
  @Column({ type: 'text', name: 'content_hash', default: '' }) contentHash: string;
  @Column({ type: 'text', name: 'prev_hash', default: '' }) prevHash: string;
  /** SHA-256 of this entry's canonical fields including prev_hash. */
  @Column({ type: 'text', name: 'entry_hash', default: '' }) entryHash: string;
}

/**
 * The ledger's head: its last entry and an HMAC over it with a key kept outside the database, so that an edited
 * file cannot be made consistent again (re-chained) without that key. One row, id 1.
 */
@Entity('archive_ledger_head')
export class ArchiveLedgerHeadEntity {
  @PrimaryColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) seq: number;
  @Column({ type: 'text', name: 'entry_hash', default: '' }) entryHash: string;
  @Column({ type: 'text', default: '' }) mac: string;
  @Column({ type: 'text', name: 'updated_at', default: '' }) updatedAt: string;
}
