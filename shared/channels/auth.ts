import { z } from 'zod';
import { RoleGrantsSchema, type Permission, type RoleGrants } from '../permissions';
import type { Role } from '../roles';
import { channel } from './channel';
import { none } from './common';

/** An account as the screens see it (never its password). */
export interface UserAccount {
  username: string;
  /** 姓名 */
  name: string;
  /** 科室 */
  dept: string;
  role: Role;
  disabled: boolean;
  mustChangePassword: boolean;
  /** ISO time until which sign-in is refused, '' when not locked. */
  lockedUntil: string;
  lastSignInAt: string;
  createdAt: string;
  updatedAt: string;
}

/** Who is signed in (auth:session). `accountsExist: false` = a database from before accounts: no sign-in at all. */
export interface SessionInfo {
  accountsExist: boolean;
  signedIn: boolean;
  user: UserAccount | null;
  permissions: Permission[];
  /** Signed in: the grants in force (so that a screen can name the role an action needs); null otherwise. */
  grants: RoleGrants | null;
  mustChangePassword: boolean;
  /** Minutes without a call after which the session ends (设置 idleLockMinutes). */
  idleMinutes: number;
}

/** 用户名: 2–32 letters, digits, `_ . -` or Chinese characters. */
export const UsernameSchema = z
  .string({ error: '请输入用户名' })
  .trim()
  .min(2, '至少2个字符')
  .max(32, '不能超过32个字符')
  .regex(/^[A-Za-z0-9_.\-\u4e00-\u9fff]+$/, '只能包含字母、数字、_ . - 或汉字');

/** A new password: at least 8 characters with letters and digits. */
export const NewPasswordSchema = z
  .string({ error: '请输入密码' })
  .min(8, '至少8个字符')
  .max(200, '不能超过200个字符')
  .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), '须同时包含字母和数字');

export const SignInSchema = z.object({ username: UsernameSchema, password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(200, '密码过长') });

export const SetupAdminSchema = z.object({
  username: UsernameSchema,
  name: z.string().trim().min(1, '不能为空').max(40, '不能超过40个字'),
  dept: z.string().trim().max(40, '不能超过40个字').default(''),
  password: NewPasswordSchema,
});

export const ChangeOwnPasswordSchema = z
  .object({ current: z.string().min(1, '请输入当前密码').max(200, '密码过长'), next: NewPasswordSchema, nextAgain: z.string().max(200, '密码过长') })
  .refine((v) => v.next === v.nextAgain, { path: ['nextAgain'], message: '两次输入的新密码不一致' })
  .refine((v) => v.next !== v.current, { path: ['next'], message: '新密码不能与当前密码相同' });

/** 登录、首次启动设置管理员、修改自己的密码; the session token travels outside the result (cookie / window). */
export const authChannels = {
  /** `token` is taken out by the host (the browser host sets it as an HttpOnly cookie). */
  'auth:signIn': channel<{ token: string; session: SessionInfo }>()(SignInSchema),
  'auth:signOut': channel<{ ok: true }>()(none),
  'auth:session': channel<SessionInfo>()(none),
  /** First start only: creates the administrator of a database without accounts and signs them in. */
  'auth:setupAdmin': channel<{ token: string; session: SessionInfo }>()(SetupAdminSchema),
  'auth:changePassword': channel<SessionInfo>()(ChangeOwnPasswordSchema),
  /** The grants in force (defaults with the stored override) and whether they are overridden. */
  'role:grants': channel<{ grants: RoleGrants; overridden: boolean }>()(none),
  /** `{ grants }` replaces the override; `{ grants: null }` returns to the defaults. Administrator only. */
  'role:setGrants': channel<{ grants: RoleGrants; overridden: boolean }>()(z.object({ grants: RoleGrantsSchema.nullable() })),
};
