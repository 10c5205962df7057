import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PostingStatus } from '../../../shared/codes/secondment';

/** One status change of a posting, with its date and reason: the posting's timeline. */
@Entity('posting_status_change')
export class PostingStatusChangeEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'posting_id' }) postingId: number;
  /** null for the status the posting was created in. */
  @Column({ type: 'text', name: 'from_status', nullable: true }) fromStatus: PostingStatus | null;
  @Column({ type: 'text', name: 'to_status' }) toStatus: PostingStatus;
  @Column({ type: 'text' }) date: string;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'text' }) actor: string;
  @Column({ type: 'text' }) at: string;
}
