import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { GrowthStageDef, RaterWeights, TemplateStatus } from '../../../shared/growth';

/**
 * One version of the growth-evaluation template (成长评价模板). Stages and indicators are one JSON column: a version
 * is edited as a whole while it is a draft and frozen once activated, so nothing ever updates a single indicator.
 */
@Entity('growth_template')
export class GrowthTemplateEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' }) version: number;
  @Column({ type: 'text', name: 'template_name' }) templateName: string;
  /** 草稿 (editable, not usable yet) / 启用 (the one new evaluations pin) / 停用 (superseded). */
  @Column({ type: 'text' }) status: TemplateStatus;
  @Column({ type: 'real' }) threshold: number;
  @Column({ type: 'simple-json', name: 'rater_weights' }) raterWeights: RaterWeights;
  @Column({ type: 'simple-json' }) stages: GrowthStageDef[];
  @Column({ type: 'text' }) notes: string;
  @Column({ type: 'integer', name: 'based_on_id', nullable: true }) basedOnId: number | null;
  @Column({ type: 'text', name: 'created_at' }) createdAt: string;
  @Column({ type: 'text', name: 'updated_at' }) updatedAt: string;
  @Column({ type: 'text', name: 'activated_at' }) activatedAt: string;
}
