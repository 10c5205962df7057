import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { AddUserSchema, ResetPasswordSchema, UpdateUserSchema } from '../../shared/channels/user';
import { ChangeOwnPasswordSchema, SetupAdminSchema, SignInSchema, type UserAccount } from '../../shared/channels/auth';
import { AppError, conflict, notFound, parseOrRefuse } from '../../shared/errors';
import { ROLE_LABELS } from '../../shared/roles';
import { UserAccountEntity } from '../db/entities';
import type { Database } from '../db/Database';
import type { AuditLog } from '../services/AuditLog';
import type { ServiceContext } from '../services/ServiceContext';
import type { Clock } from './Clock';
import { hashPassword, verifyPassword } from './password';
import { formatDateTime } from '../../shared/dateText';

const ENTITY = 'user';
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

const forbidden = (message: string) => new AppError('FORBIDDEN', message);

function toAccount(e: UserAccountEntity): UserAccount {
  return {
    username: e.username,
    name: e.displayName,
    dept: e.dept,
    role: e.role,
    disabled: !!e.disabled,
    mustChangePassword: !!e.mustChangePassword,
    lockedUntil: e.lockedUntil,
    lastSignInAt: e.lastSignInAt,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

/** "2026.03.05 14:30" in local time, for the lock message. */
const localTime = (iso: string): string => formatDateTime(iso);

/**
 * The accounts (用户): the first administrator, sign-in with lockout, passwords, and the administrator's user list.
 * Every change, every failed sign-in and every lock goes to the audit log; no password or hash ever does.
 */
export class AccountService {
  /** Accounts are never deleted, so once seen they stay: no query per call after that. */
  private known = false;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** Whether the database has accounts (then everyone signs in); a database without any works as before. */
  async hasAccounts(m: EntityManager = this.db.manager): Promise<boolean> {
    if (this.known) return true;
    this.known = (await m.count(UserAccountEntity)) > 0;
    return this.known;
  }

  async list(): Promise<UserAccount[]> {
    return (await this.db.manager.find(UserAccountEntity, { order: { username: 'ASC' } })).map(toAccount);
  }

  async find(username: string, m: EntityManager = this.db.manager): Promise<UserAccount | null> {
    const e = await m.findOneBy(UserAccountEntity, { username });
    return e ? toAccount(e) : null;
  }

  private async require(m: EntityManager, username: string): Promise<UserAccountEntity> {
    const e = await m.findOneBy(UserAccountEntity, { username });
    if (!e) throw notFound(`未找到用户“${username}”`);
    return e;
  }

  /** The first start: the administrator of a database without accounts (refused once any account exists). */
  async createFirstAdmin(ctx: ServiceContext, input: z.input<typeof SetupAdminSchema>): Promise<UserAccount> {
    const v = parseOrRefuse(SetupAdminSchema, input);
    const passwordHash = await hashPassword(v.password);
    const account = await this.db.write(async (m) => {
      if ((await m.count(UserAccountEntity)) > 0) throw conflict('已有账号：系统管理员已设置，请登录');
      return this.insert(m, ctx, { username: v.username, name: v.name, dept: v.dept, role: 'admin', passwordHash, mustChange: false }, '设置系统管理员');
    });
    this.known = true;
    return account;
  }

  /** An administrator adds an account; the password they set must be changed at the first sign-in. */
  async add(ctx: ServiceContext, input: z.input<typeof AddUserSchema>): Promise<UserAccount> {
    const v = parseOrRefuse(AddUserSchema, input);
    const passwordHash = await hashPassword(v.password);
    return this.db.write(async (m) => {
      if (await m.findOneBy(UserAccountEntity, { username: v.username })) throw conflict(`用户名：“${v.username}”已被使用`);
      return this.insert(m, ctx, { username: v.username, name: v.name, dept: v.dept, role: v.role, passwordHash, mustChange: true }, '新增');
    });
  }

  private async insert(
    m: EntityManager,
    ctx: ServiceContext,
    a: { username: string; name: string; dept: string; role: UserAccount['role']; passwordHash: string; mustChange: boolean },
    action: string,
  ): Promise<UserAccount> {
    const now = this.now();
    const e = await m.save(
      m.create(UserAccountEntity, {
        username: a.username, displayName: a.name, dept: a.dept, role: a.role, passwordHash: a.passwordHash, mustChangePassword: a.mustChange ? 1 : 0,
        disabled: 0, failedAttempts: 0, lockedUntil: '', lastSignInAt: '', createdAt: now, updatedAt: now,
      }),
    );
    await this.audit.record(m, ctx, { entityType: ENTITY, entityId: a.username, action, changes: { 姓名: [null, a.name], 科室: [null, a.dept], 角色: [null, ROLE_LABELS[a.role]] } });
    return toAccount(e);
  }

  /** 姓名/科室/角色/停用; the last administrator who can sign in cannot be disabled or demoted. */
  async update(ctx: ServiceContext, input: z.input<typeof UpdateUserSchema>): Promise<UserAccount> {
    const v = parseOrRefuse(UpdateUserSchema, input);
    return this.db.write(async (m) => {
      const e = await this.require(m, v.username);
      const next = { displayName: v.name ?? e.displayName, dept: v.dept ?? e.dept, role: v.role ?? e.role, disabled: v.disabled === undefined ? e.disabled : v.disabled ? 1 : 0 };
      const wasActiveAdmin = e.role === 'admin' && !e.disabled;
      if (wasActiveAdmin && (next.role !== 'admin' || next.disabled)) {
        const admins = await m.countBy(UserAccountEntity, { role: 'admin', disabled: 0 });
        if (admins <= 1) throw conflict(`“${e.username}”是唯一未停用的${ROLE_LABELS.admin}：不能停用或改为其他角色`);
      }
      const changes: Record<string, [unknown, unknown]> = {};
      if (next.displayName !== e.displayName) changes['姓名'] = [e.displayName, next.displayName];
      if (next.dept !== e.dept) changes['科室'] = [e.dept, next.dept];
      if (next.role !== e.role) changes['角色'] = [ROLE_LABELS[e.role], ROLE_LABELS[next.role]];
      if (next.disabled !== e.disabled) changes['停用'] = [!!e.disabled, !!next.disabled];
      if (Object.keys(changes).length === 0) return toAccount(e);
      Object.assign(e, next, { updatedAt: this.now() });
      await m.save(e);
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: e.username, action: next.disabled && changes['停用'] ? '停用' : '修改', changes });
      return toAccount(e);
    });
  }

  /** An administrator sets a new password (to be changed at the next sign-in); lifts a lock too. */
  async resetPassword(ctx: ServiceContext, input: z.input<typeof ResetPasswordSchema>): Promise<UserAccount> {
    const v = parseOrRefuse(ResetPasswordSchema, input);
    const passwordHash = await hashPassword(v.password);
    return this.db.write(async (m) => {
      const e = await this.require(m, v.username);
      Object.assign(e, { passwordHash, mustChangePassword: 1, failedAttempts: 0, lockedUntil: '', updatedAt: this.now() });
      await m.save(e);
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: e.username, action: '重置密码' });
      return toAccount(e);
    });
  }

  /** The user changes their own password (required after an administrator set it). */
  async changePassword(ctx: ServiceContext, username: string, input: z.input<typeof ChangeOwnPasswordSchema>): Promise<UserAccount> {
    const v = parseOrRefuse(ChangeOwnPasswordSchema, input);
    const current = await this.db.read((m) => this.require(m, username));
    if (!(await verifyPassword(v.current, current.passwordHash))) throw forbidden('当前密码：不正确');
    const passwordHash = await hashPassword(v.next);
    return this.db.write(async (m) => {
      const e = await this.require(m, username);
      Object.assign(e, { passwordHash, mustChangePassword: 0, updatedAt: this.now() });
      await m.save(e);
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: e.username, action: '修改密码' });
      return toAccount(e);
    });
  }

  /**
   * Checks a sign-in. A disabled or locked account is refused (a lock says until when); a wrong password counts,
   * and the 5th in a row locks the account for 15 minutes. Failures and locks are written before the refusal.
   */
  async signIn(ctx: ServiceContext, input: z.input<typeof SignInSchema>): Promise<UserAccount> {
    const v = parseOrRefuse(SignInSchema, input);
    const e = await this.db.manager.findOneBy(UserAccountEntity, { username: v.username });
    const who = { ...ctx, actor: v.username };
    if (!e) {
      // Same words as a wrong password: whether a name exists is not told.
      await this.db.write((m) => this.audit.record(m, who, { entityType: ENTITY, entityId: v.username, action: '登录失败', note: '用户名不存在' }));
      throw forbidden('用户名或密码错误');
    }
    if (e.disabled) throw forbidden(`账号“${e.username}”已停用：请联系${ROLE_LABELS.admin}`);
    const now = this.clock.now();
    if (e.lockedUntil && new Date(e.lockedUntil) > now) {
      throw forbidden(`账号“${e.username}”因连续${MAX_FAILED_ATTEMPTS}次密码错误已锁定，至 ${localTime(e.lockedUntil)} 解除；也可请${ROLE_LABELS.admin}重置密码`);
    }
    const ok = await verifyPassword(v.password, e.passwordHash);
    const refusal = await this.db.write(async (m) => {
      const row = await this.require(m, e.username);
      // A lock that has run out starts the count afresh.
      const failed = row.lockedUntil && new Date(row.lockedUntil) <= now ? 0 : row.failedAttempts;
      if (ok) {
        Object.assign(row, { failedAttempts: 0, lockedUntil: '', lastSignInAt: now.toISOString() });
        await m.save(row);
        await this.audit.record(m, who, { entityType: ENTITY, entityId: row.username, action: '登录' });
        return null;
      }
      const attempts = failed + 1;
      await this.audit.record(m, who, { entityType: ENTITY, entityId: row.username, action: '登录失败', note: `密码错误（连续第${attempts}次）` });
      if (attempts >= MAX_FAILED_ATTEMPTS) {
        const until = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
        Object.assign(row, { failedAttempts: 0, lockedUntil: until });
        await m.save(row);
        await this.audit.record(m, who, { entityType: ENTITY, entityId: row.username, action: '锁定', note: `连续${MAX_FAILED_ATTEMPTS}次密码错误，锁定${LOCK_MINUTES}分钟至 ${until}` });
        return `用户名或密码错误：已连续${MAX_FAILED_ATTEMPTS}次，账号锁定至 ${localTime(until)}`;
      }
      Object.assign(row, { failedAttempts: attempts, lockedUntil: '' });
      await m.save(row);
      return `用户名或密码错误（再错${MAX_FAILED_ATTEMPTS - attempts}次将锁定${LOCK_MINUTES}分钟）`;
    });
    if (refusal) throw forbidden(refusal);
    return toAccount({ ...e, failedAttempts: 0, lockedUntil: '', lastSignInAt: now.toISOString() } as UserAccountEntity);
  }
}
