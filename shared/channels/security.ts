import { z } from 'zod';
import type { BackupInfo } from '../backup';
import { channel } from './channel';
import { none } from './common';

/** Whether the database is encrypted, and whether it still waits for its password (the app's unlock screen). */
export interface SecurityStatus {
  encrypted: boolean;
  locked: boolean;
}

const password = z.string().max(200, '密码过长');

export const UnlockSchema = z.object({ password: password.min(1, '请输入数据库密码') });

export const EnableEncryptionSchema = z
  .object({
    password,
    passwordAgain: password,
    /** The clerk read that a forgotten password cannot be recovered. */
    acknowledge: z.literal(true, { error: '请先确认已知晓：忘记密码将无法恢复数据' }),
  })
  .refine((v) => v.password === v.passwordAgain, { path: ['passwordAgain'], message: '两次输入的密码不一致' });

export const ChangePasswordSchema = z
  .object({ current: password.min(1, '请输入当前密码'), next: password, nextAgain: password })
  .refine((v) => v.next === v.nextAgain, { path: ['nextAgain'], message: '两次输入的新密码不一致' });

/** 系统 → 数据加密, and the unlock screen of an encrypted database. */
export const securityChannels = {
  'security:status': channel<SecurityStatus>()(none),
  /** Opens an encrypted database with its password (answered by the database worker while it is locked). */
  'security:unlock': channel<SecurityStatus>()(UnlockSchema),
  'security:enable': channel<{ safetyBackup: BackupInfo; encryptedBackups: number }>()(EnableEncryptionSchema),
  'security:changePassword': channel<SecurityStatus>()(ChangePasswordSchema),
};
