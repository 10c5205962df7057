import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The portrait printed on forms: a small JPEG (≤ 200 KB), kept apart so that lists stay light. */
@Entity('cadre_photo')
export class CadrePhotoEntity {
  @PrimaryColumn({ type: 'integer', name: 'cadre_id' })
  cadreId: number;

  @Column({ type: 'blob' })
  jpeg: Buffer;

  @Column({ type: 'text', name: 'updated_at' })
  updatedAt: string;
}
