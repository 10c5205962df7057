import type { authChannels } from '../../../shared/channels/auth';
import type { userChannels } from '../../../shared/channels/user';
import { AppError } from '../../../shared/errors';
import type { Access } from '../../auth/Access';
import type { HandlersFor } from './HandlerTypes';

const signedInUser = (ctx: { user?: { username: string } }): string => {
  if (!ctx.user) throw new AppError('FORBIDDEN', '请先登录');
  return ctx.user.username;
};

/** 登录/退出/首次设置管理员/修改密码, the grants, and 用户管理; the permission checks themselves are in dispatch. */
export const authHandlers = (a: Access): HandlersFor<typeof authChannels & typeof userChannels> => ({
  'auth:signIn': async (input, ctx) => {
    const user = await a.accounts.signIn(ctx, input);
    // A new sign-in on the same window replaces the session it had.
    a.sessions.end(ctx.sessionToken);
    const token = a.sessions.create(user.username);
    return { token, session: await a.session(token) };
  },
  'auth:signOut': async (_input, ctx) => {
    a.sessions.end(ctx.sessionToken);
    return { ok: true };
  },
  'auth:session': (_input, ctx) => a.session(ctx.sessionToken),
  'auth:setupAdmin': async (input, ctx) => {
    const user = await a.accounts.createFirstAdmin(ctx, input);
    const token = a.sessions.create(user.username);
    return { token, session: await a.session(token) };
  },
  'auth:changePassword': async (input, ctx) => {
    const username = signedInUser(ctx);
    await a.accounts.changePassword(ctx, username, input);
    // Other windows signed in with the old password end.
    a.sessions.endFor(username, ctx.sessionToken);
    return a.session(ctx.sessionToken);
  },
  'role:grants': () => a.grants.get(),
  'role:setGrants': (input, ctx) => a.grants.set(ctx, input.grants),
  'user:list': () => a.accounts.list(),
  'user:add': (input, ctx) => a.accounts.add(ctx, input),
  'user:update': async (input, ctx) => {
    const user = await a.accounts.update(ctx, input);
    if (user.disabled) a.sessions.endFor(user.username);
    return user;
  },
  'user:resetPassword': async (input, ctx) => {
    const user = await a.accounts.resetPassword(ctx, input);
    a.sessions.endFor(user.username);
    return user;
  },
});
