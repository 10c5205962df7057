import { contract, isChannel, type ApiEnvelope } from '../../shared/contract';
import { toApiError } from '../../shared/errors';
import { CHANNEL_PERMISSIONS } from '../../shared/permissions';
import { stripXmlIllegalDeep } from '../../shared/text';
import { SignInRequired, accessOfHandlers } from '../auth/Access';
import { forbiddenKey } from './forbiddenKeys';
import type { CallContext, Handlers } from './handlers';

/** Passwords are compared byte for byte and never printed: left exactly as typed. */
const PASSWORD_KEYS = new Set(['password', 'passwordAgain', 'current', 'next', 'nextAgain']);
const keepPasswords = (channel: string) => (/^(auth|user|security):/.test(channel) ? (key: string) => PASSWORD_KEYS.has(key) : undefined);

export interface Logger {
  error(...args: unknown[]): void;
}

/**
 * One call across the boundary: the channel must be in the contract, the caller must hold its permission (once the
 * database has accounts: `ctx.sessionToken` names the signed-in user), the input is parsed with its schema
 * (a failure names the field and nothing is written), and any error becomes `{ code, message }` in Chinese.
 * Before parsing, every string of the input loses the characters no document can hold (shared/text.ts): one
 * place for every channel's text fields, so nothing typed or pasted can make a .docx or .xlsx unreadable.
 * Stack traces go to the log only.
 */
export async function dispatch(
  handlers: Handlers,
  channelName: unknown,
  rawInput: unknown,
  ctx: CallContext,
  log: Logger = console,
): Promise<ApiEnvelope<unknown>> {
  if (!isChannel(channelName)) {
    return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `未知的操作：${String(channelName).slice(0, 60)}` } };
  }
  const hostile = forbiddenKey(rawInput);
  if (hostile) return { ok: false, error: { code: 'VALIDATION', message: `请求中含有不允许的字段名“${hostile}”，未做任何修改` } };
  try {
    const access = accessOfHandlers(handlers);
    const admission = access ? await access.admit(channelName, ctx.sessionToken) : { user: null, grants: null };
    // The signed-in person acts, whatever the host said; without accounts the host's actor (the OS user) stays.
    const callCtx: CallContext = admission.user ? { ...ctx, actor: admission.user.username, actorName: admission.user.name, signedIn: true, user: admission.user } : { ...ctx, user: undefined };
    const parsed = contract[channelName].input.safeParse(stripXmlIllegalDeep(rawInput ?? {}, keepPasswords(channelName)));
    if (!parsed.success) return { ok: false, error: toApiError(parsed.error) };
    access?.checkInput(channelName, parsed.data, admission);
    const handler = handlers[channelName] as (input: unknown, ctx: CallContext) => Promise<unknown>;
    const result = await handler(parsed.data, callCtx);
    if (access && admission.user && CHANNEL_PERMISSIONS[channelName] === 'export') await access.recordExport(callCtx, channelName, parsed.data);
    return { ok: true, result };
  } catch (err) {
    if (err instanceof SignInRequired) return { ok: false, error: { code: err.code, message: err.message } };
    const error = toApiError(err);
    if (error.code === 'INTERNAL') log.error(`[${channelName}]`, err);
    return { ok: false, error };
  }
}
