import { contract, isChannel, type ApiEnvelope } from '../../shared/contract';
import { toApiError } from '../../shared/errors';
import type { CallContext, Handlers } from './handlers';

export interface Logger {
  error(...args: unknown[]): void;
}

/**
 * One call across the boundary: the channel must be in the contract, the input is parsed with its schema
 * (a failure names the field and nothing is written), and any error becomes `{ code, message }` in Chinese.
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
  try {
    const parsed = contract[channelName].input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: toApiError(parsed.error) };
    const handler = handlers[channelName] as (input: unknown, ctx: CallContext) => Promise<unknown>;
    return { ok: true, result: await handler(parsed.data, ctx) };
  } catch (err) {
    const error = toApiError(err);
    if (error.code === 'INTERNAL') log.error(`[${channelName}]`, err);
    return { ok: false, error };
  }
}
