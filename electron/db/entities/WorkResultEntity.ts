import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ResultCategory } from '../../../shared/codes/assessment';

/** One line of the 工作实绩 ledger of a posting. */
@Entity('work_result')
export class WorkResultEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'posting_id' }) postingId: number;
  @Column({ type: 'text' }) category: ResultCategory;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) date: string;
  /** 万元 */
  @Column({ type: 'real', nullable: true }) amount: number | null;
  @Column({ type: 'real', nullable: true }) quantity: number | null;
  @Column({ type: 'text', name: 'quantity_unit' }) quantityUnit: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'text', name: 'created_at' }) createdAt: string;
  @Column({ type: 'text', name: 'updated_at' }) updatedAt: string;
}
