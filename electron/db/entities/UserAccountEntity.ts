import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../../../shared/roles';

/**
 * One account (用户). The password is kept as `scrypt$N$r$p$salt$hash` (base64): the parameters travel with the
 * hash so they can be raised later without breaking older accounts. A database without any row here has no sign-in.
 */
@Entity('user_account')
@Index('idx_user_account_username', ['username'], { unique: true })
export class UserAccountEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'text' }) username: string;
  /** 姓名 */
  @Column({ type: 'text', name: 'display_name', default: '' }) displayName: string;
  /** 科室 */
  @Column({ type: 'text', default: '' }) dept: string;
  @Column({ type: 'text', default: 'viewer' }) role: Role;
  @Column({ type: 'text', name: 'password_hash', default: '' }) passwordHash: string;
  @Column({ type: 'integer', name: 'must_change_password', default: 0 }) mustChangePassword: number;
  @Column({ type: 'integer', default: 0 }) disabled: number;
  @Column({ type: 'integer', name: 'failed_attempts', default: 0 }) failedAttempts: number;
  /** ISO time until which sign-in is refused ('' = not locked). */
  @Column({ type: 'text', name: 'locked_until', default: '' }) lockedUntil: string;
  @Column({ type: 'text', name: 'last_sign_in_at', default: '' }) lastSignInAt: string;
  @Column({ type: 'text', name: 'created_at', default: '' }) createdAt: string;
  @Column({ type: 'text', name: 'updated_at', default: '' }) updatedAt: string;
}
