import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One setting (shared/settings.ts): its key and JSON value. */
@Entity('app_setting')
export class AppSettingEntity {
  @PrimaryColumn({ type: 'text' }) key: string;
  @Column({ type: 'text' }) value: string;
  @Column({ type: 'text', name: 'updated_at', default: '' }) updatedAt: string;
}
