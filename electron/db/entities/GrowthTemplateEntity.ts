import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { GrowthStageDef, RaterWeights, TemplateStatus } from '../../../shared/growth';
import { parseRaterWeights, parseStages } from '../../services/storedJson';
import { jsonText } from './jsonText';

/**
 * One version of the growth-evaluation template (成长评价模板). Stages and indicators are one JSON column: a version
 * is edited as a whole while it is a draft and frozen once activated, so nothing ever updates a single indicator.
 */
@Entity('growth_template')
@Index('idx_growth_template_version', ['version'], { unique: true })
// At most one version is the active one.
@Index('idx_growth_template_active', ['status'], { unique: true, where: `"status" = '启用'` })
export class GrowthTemplateEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' }) version: number;
  @Column({ type: 'text', name: 'template_name', default: '' }) templateName: string;
  /** 草稿 (editable, not usable yet) / 启用 (the one new evaluations pin) / 停用 (superseded). */
  @Column({ type: 'text', default: '' }) status: TemplateStatus;
  @Column({ type: 'real', default: 60 }) threshold: number;
  @Column(jsonText(parseRaterWeights, { name: 'rater_weights', default: '{}' })) raterWeights: RaterWeights;
  @Column(jsonText(parseStages, { default: '[]' })) stages: GrowthStageDef[];
  @Column({ type: 'text', default: '' }) notes: string;
  @Column({ type: 'integer', name: 'based_on_id', nullable: true }) basedOnId: number | null;
  @ManyToOne(() => GrowthTemplateEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'based_on_id', foreignKeyConstraintName: 'fk_growth_template_based_on' })
  basedOn?: GrowthTemplateEntity | null;
  @Column({ type: 'text', name: 'created_at', default: '' }) createdAt: string;
  @Column({ type: 'text', name: 'updated_at', default: '' }) updatedAt: string;
  @Column({ type: 'text', name: 'activated_at', default: '' }) activatedAt: string;
}
