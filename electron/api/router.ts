import type { ApiEnvelope } from '../../shared/contract';
import type { JobProgress } from '../../shared/jobProgress';
import { dispatch, type Logger } from './dispatch';
import type { CallContext, Handlers } from './handlers';

/**
 * Where a host sends a contract call: to the database worker (the app, the browser host) or, in tests and
 * the CLI, straight to handlers in the same thread. Hosts depend on this type only.
 */
export type CallRouter = (channel: unknown, input: unknown, ctx: CallContext, onProgress?: (p: JobProgress) => void) => Promise<ApiEnvelope<unknown>>;

export function inProcessRouter(handlers: Handlers, log: Logger = console): CallRouter {
  return (channel, input, ctx, onProgress) => dispatch(handlers, channel, input, onProgress ? { ...ctx, progress: onProgress } : ctx, log);
}
