import { z } from 'zod';
import { RoleSchema } from '../roles';
import { NewPasswordSchema, UsernameSchema, type UserAccount } from './auth';
import { channel } from './channel';
import { none } from './common';

const personName = z.string().trim().min(1, '不能为空').max(40, '不能超过40个字');
const dept = z.string().trim().max(40, '不能超过40个字');

/** An administrator's new account; its password must be changed at the first sign-in. */
export const AddUserSchema = z.object({ username: UsernameSchema, name: personName, dept: dept.default(''), role: RoleSchema, password: NewPasswordSchema });

/** 姓名/科室/role/disabled of an account; what is left out stays. */
export const UpdateUserSchema = z.object({ username: UsernameSchema, name: personName.optional(), dept: dept.optional(), role: RoleSchema.optional(), disabled: z.boolean().optional() });

export const ResetPasswordSchema = z.object({ username: UsernameSchema, password: NewPasswordSchema });

/** 系统 → 用户管理 (administrator). */
export const userChannels = {
  'user:list': channel<UserAccount[]>()(none),
  'user:add': channel<UserAccount>()(AddUserSchema),
  'user:update': channel<UserAccount>()(UpdateUserSchema),
  /** Sets a new password the user must change at the next sign-in; also lifts a lock. */
  'user:resetPassword': channel<UserAccount>()(ResetPasswordSchema),
};
