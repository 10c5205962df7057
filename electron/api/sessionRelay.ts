import type { ApiEnvelope } from '../../shared/contract';

/** Channels whose answer carries a new session token, and the one that ends the session. */
const STARTS_SESSION = new Set(['auth:signIn', 'auth:setupAdmin']);
const ENDS_SESSION = 'auth:signOut';

/**
 * The session token never reaches the page: the host takes it out of a sign-in's answer and keeps it (the browser
 * host in an HttpOnly cookie, the desktop app per window), then adds it to every call. `token` is the new token,
 * `null` when the session ended, `undefined` when the call did not touch it.
 */
export function relaySession(channel: unknown, envelope: ApiEnvelope<unknown>): { envelope: ApiEnvelope<unknown>; token: string | null | undefined } {
  if (channel === ENDS_SESSION) return { envelope, token: null };
  if (!envelope.ok || typeof channel !== 'string' || !STARTS_SESSION.has(channel)) return { envelope, token: undefined };
  const result = envelope.result as { token: string; session: unknown };
  return { envelope: { ok: true, result: { ...result, token: '' } }, token: result.token };
}

/** The HTTP status of an answer: 401 without a valid session, 403 without the permission. */
export function httpStatusOf(envelope: ApiEnvelope<unknown>): number {
  if (envelope.ok) return 200;
  switch (envelope.error.code) {
    case 'UNKNOWN_CHANNEL':
      return 404;
    case 'INTERNAL':
      return 500;
    case 'STORAGE':
      return 503;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    default:
      return 400;
  }
}
