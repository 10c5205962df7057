import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CadreEntity } from './CadreEntity';

/** The portrait printed on forms: a small JPEG (≤ 200 KB), kept apart so that lists stay light. */
@Entity('cadre_photo')
export class CadrePhotoEntity {
  @PrimaryColumn({ type: 'integer', name: 'cadre_id' })
  cadreId: number;

  // ManyToOne, not OneToOne: the primary key already makes it one photo per cadre, and OneToOne would add a
  // second unique constraint on cadre_id that the database does not have.
  @ManyToOne(() => CadreEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'cadre_id', foreignKeyConstraintName: 'fk_cadre_photo_cadre' })
  cadre?: CadreEntity;

  @Column({ type: 'blob' })
  jpeg: Buffer;

  @Column({ type: 'text', name: 'updated_at' })
  updatedAt: string;
}
