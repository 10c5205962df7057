import type { SessionInfo, UserAccount } from '../../shared/channels/auth';
import type { Channel } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { ACTION_PERMISSIONS, CHANNEL_PERMISSIONS, GRANTABLE, TRANSITION_CHANNELS, forbiddenMessage, roleHas, type Permission, type RoleGrants } from '../../shared/permissions';
import { WORKFLOW_ACTIONS, type WorkflowAction } from '../../shared/workflow';
import type { AppServices } from '../services/AppServices';
import type { ServiceContext } from '../services/ServiceContext';
import { AccountService } from './AccountService';
import { systemClock, type Clock } from './Clock';
import { GrantStore } from './GrantStore';
import { SessionStore } from './SessionStore';

/** No live session on a database with accounts: the hosts answer 401 `UNAUTHENTICATED`. */
export class SignInRequired extends Error {
  readonly code = 'UNAUTHENTICATED';
  constructor() {
    super('请先登录（登录已超时或已退出）');
  }
}

/** What a call is allowed to go on with: the signed-in user (null on a database without accounts). */
export interface Admission {
  user: UserAccount | null;
  grants: RoleGrants | null;
}

/**
 * Accounts, sessions and grants of one open database, and the one check every call goes through
 * (`dispatch` → `admit`). One per AppServices, so the handlers of every host share the sessions.
 */
export class Access {
  readonly clock: Clock;
  readonly accounts: AccountService;
  readonly sessions: SessionStore;
  readonly grants: GrantStore;

  constructor(private readonly s: AppServices, clock: Clock = systemClock()) {
    // Tests swap `now` on this object; everything below reads the time through it.
    this.clock = { now: () => clock.now() };
    this.accounts = new AccountService(s.db, s.audit, this.clock);
    this.sessions = new SessionStore(this.clock);
    this.grants = new GrantStore(s.db, s.audit);
  }

  async idleMinutes(): Promise<number> {
    return (await this.s.settings.get()).idleLockMinutes;
  }

  /** The live session's account (extending the session), or null; a disabled account's sessions end. */
  async resolve(token: string | undefined): Promise<UserAccount | null> {
    const username = this.sessions.touch(token, await this.idleMinutes());
    if (!username) return null;
    const user = await this.accounts.find(username);
    if (!user || user.disabled) {
      this.sessions.end(token);
      return null;
    }
    return user;
  }

  /**
   * Whether the call may run: on a database without accounts always (today's behaviour); otherwise the channel's
   * permission for the session's role, a signed-in session for anything not public, and a changed password first.
   */
  async admit(channel: Channel, token: string | undefined): Promise<Admission> {
    if (!(await this.accounts.hasAccounts())) return { user: null, grants: null };
    const permission = CHANNEL_PERMISSIONS[channel];
    const user = await this.resolve(token);
    if (permission === 'public') return { user, grants: null };
    if (!user) throw new SignInRequired();
    if (user.mustChangePassword && !channel.startsWith('auth:')) throw new AppError('FORBIDDEN', '请先修改密码：管理员设置的密码须在首次登录后修改');
    const { grants } = await this.grants.get();
    if (!roleHas(grants, user.role, permission)) throw new AppError('FORBIDDEN', forbiddenMessage(grants, permission));
    return { user, grants };
  }

  /** A workflow transition also needs its action's permission (提交, 审核, 归档, 退回). */
  checkInput(channel: Channel, input: unknown, admission: Admission): void {
    if (!admission.user || !admission.grants || !TRANSITION_CHANNELS.includes(channel)) return;
    const action = (input as { action?: string }).action as WorkflowAction;
    if (!WORKFLOW_ACTIONS.includes(action)) return;
    const permission = ACTION_PERMISSIONS[action];
    if (!roleHas(admission.grants, admission.user.role, permission)) {
      throw new AppError('FORBIDDEN', forbiddenMessage(admission.grants, permission));
    }
  }

  /** A signed-in user's print or export, in the audit log (who took which data out). */
  async recordExport(ctx: ServiceContext, channel: Channel | `cli:${string}`, input: unknown): Promise<void> {
    await this.s.db.write((m) => this.s.audit.record(m, ctx, { entityType: 'export', entityId: channel, action: '导出', note: exportNote(input) }));
  }

  /** auth:session's answer for this token. */
  async session(token: string | undefined): Promise<SessionInfo> {
    const idleMinutes = await this.idleMinutes();
    if (!(await this.accounts.hasAccounts())) {
      return { accountsExist: false, signedIn: false, user: null, permissions: [...GRANTABLE], grants: null, mustChangePassword: false, idleMinutes };
    }
    const user = await this.resolve(token);
    if (!user) return { accountsExist: true, signedIn: false, user: null, permissions: [], grants: null, mustChangePassword: false, idleMinutes };
    const { grants } = await this.grants.get();
    const permissions: Permission[] = GRANTABLE.filter((p) => roleHas(grants, user.role, p));
    return { accountsExist: true, signedIn: true, user, permissions, grants, mustChangePassword: user.mustChangePassword, idleMinutes };
  }
}

const registry = new WeakMap<AppServices, Access>();

/** The Access of these services (created on first use). */
export function accessFor(s: AppServices): Access {
  let a = registry.get(s);
  if (!a) registry.set(s, (a = new Access(s)));
  return a;
}

const byHandlers = new WeakMap<object, Access>();

/** Ties a handler set to its database's Access, so `dispatch` checks every call made through it. */
export function registerAccess(handlers: object, access: Access): void {
  byHandlers.set(handlers, access);
}

export function accessOfHandlers(handlers: object): Access | undefined {
  return byHandlers.get(handlers);
}

/** Which record an export names, for its audit entry (the ids in its input). */
export function exportNote(input: unknown): string {
  return JSON.stringify(input ?? {}).slice(0, 300);
}
