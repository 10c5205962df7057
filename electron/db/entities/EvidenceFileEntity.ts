import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An evidence file of a work result. The bytes live in the data folder under their SHA-256
 * (`evidence/<first two hex>/<sha256>.<ext>`), so the same file attached twice is stored once.
 */
@Entity('evidence_file')
export class EvidenceFileEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'result_id' }) resultId: number;
  /** The name the user chose the file by. */
  @Column({ type: 'text', name: 'file_name' }) fileName: string;
  /** Lower-case extension without the dot ('' when none). */
  @Column({ type: 'text' }) ext: string;
  @Column({ type: 'integer' }) size: number;
  @Column({ type: 'text' }) sha256: string;
  @Column({ type: 'text', name: 'created_at' }) createdAt: string;
}
