import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PostingEntity } from './PostingEntity';
import type { PostingStatus } from '../../../shared/codes/secondment';

/** One status change of a posting, with its date and reason: the posting's timeline. */
@Entity('posting_status_change')
@Index('idx_posting_status_change_posting', ['postingId'])
export class PostingStatusChangeEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'posting_id' }) postingId: number;
  @ManyToOne(() => PostingEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'posting_id', foreignKeyConstraintName: 'fk_posting_status_change_posting' })
  posting?: PostingEntity;
  /** null for the status the posting was created in. */
  @Column({ type: 'text', name: 'from_status', nullable: true }) fromStatus: PostingStatus | null;
  @Column({ type: 'text', name: 'to_status', default: '' }) toStatus: PostingStatus;
  @Column({ type: 'text', default: '' }) date: string;
  @Column({ type: 'text', default: '' }) reason: string;
  @Column({ type: 'text', default: '' }) actor: string;
  @Column({ type: 'text', default: '' }) at: string;
}
