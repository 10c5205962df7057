import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PostingEntity } from './PostingEntity';
import type { ResultCategory } from '../../../shared/codes/assessment';

/** One line of the 工作实绩 ledger of a posting. */
@Entity('work_result')
// Totals group a posting's results by category and unit straight from this index (it covers the sums).
@Index('idx_work_result_posting', ['postingId', 'category', 'quantityUnit', 'amount', 'quantity'])
export class WorkResultEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'posting_id' }) postingId: number;
  @ManyToOne(() => PostingEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'posting_id', foreignKeyConstraintName: 'fk_work_result_posting' })
  posting?: PostingEntity;
  @Column({ type: 'text', default: '' }) category: ResultCategory;
  @Column({ type: 'text', default: '' }) title: string;
  @Column({ type: 'text', default: '' }) date: string;
  /** 万元 */
  @Column({ type: 'real', nullable: true }) amount: number | null;
  @Column({ type: 'real', nullable: true }) quantity: number | null;
  @Column({ type: 'text', name: 'quantity_unit', default: '' }) quantityUnit: string;
  @Column({ type: 'text', default: '' }) description: string;
  @Column({ type: 'text', name: 'created_at', default: '' }) createdAt: string;
  @Column({ type: 'text', name: 'updated_at', default: '' }) updatedAt: string;
}
