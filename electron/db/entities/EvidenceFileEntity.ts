import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { WorkResultEntity } from './WorkResultEntity';

/**
 * An evidence file of a work result. The bytes live in the database's own evidence folder under their SHA-256
 * (`<db file>.evidence/<first two hex>/<sha256>.<ext>`), so the same file attached twice is stored once.
 */
@Entity('evidence_file')
@Index('idx_evidence_file_result', ['resultId'])
@Index('idx_evidence_file_sha256', ['sha256'])
export class EvidenceFileEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'result_id' }) resultId: number;
  @ManyToOne(() => WorkResultEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'result_id', foreignKeyConstraintName: 'fk_evidence_file_result' })
  result?: WorkResultEntity;
  /** The name the user chose the file by. */
  @Column({ type: 'text', name: 'file_name', default: '' }) fileName: string;
  /** Lower-case extension without the dot ('' when none). */
  @Column({ type: 'text', default: '' }) ext: string;
  @Column({ type: 'integer', default: 0 }) size: number;
  @Column({ type: 'text', default: '' }) sha256: string;
  @Column({ type: 'text', name: 'created_at', default: '' }) createdAt: string;
}
