import { createContext, useContext } from 'react';
import type { SessionInfo } from '../../shared/channels/auth';
import type { Channel } from '../../shared/contract';
import { CHANNEL_PERMISSIONS, DEFAULT_GRANTS, forbiddenMessage, type Permission } from '../../shared/permissions';

/** Sent by `api()` whenever a call answers UNAUTHENTICATED: the session ended (timed out, signed out elsewhere). */
export const UNAUTHENTICATED_EVENT = 'cadre-desk:unauthenticated';

export interface SessionContextValue {
  session: SessionInfo;
  /** Whether the signed-in role holds `permission`; always true on a database without accounts. */
  can: (permission: Permission) => boolean;
  /** `can` for the permission a channel needs (CHANNEL_PERMISSIONS). */
  canCall: (channel: Channel) => boolean;
  /** Why the signed-in role may not: “需要“审核人（科长）”权限：彻底删除” (the service's own words); null when it may. */
  refusal: (permission: Permission) => string | null;
  /** `refusal` for the permission a channel needs. */
  refusalOf: (channel: Channel) => string | null;
  /**
   * Ends the session and shows the sign-in screen with `username` filled in (default: the user who signed out;
   * '' for 切换用户) and `notice` above the form.
   */
  signOut: (options?: { username?: string; notice?: string | null }) => Promise<void>;
  /** Asks auth:session again (after the first administrator is set up, a password changed, …). */
  reload: () => Promise<void>;
  /** Covers the app with the lock screen (idle, or the server-side session ended). */
  lock: () => void;
}

/** A database without accounts: nobody signs in and everything is allowed (also the value outside the gate). */
export const NO_ACCOUNTS: SessionInfo = { accountsExist: false, signedIn: false, user: null, permissions: [], grants: null, mustChangePassword: false, idleMinutes: 10 };

export function sessionCan(session: SessionInfo, permission: Permission): boolean {
  if (!session.accountsExist) return true;
  if (permission === 'public') return true;
  if (!session.signedIn) return false;
  return permission === 'signedIn' || session.permissions.includes(permission);
}

export function makeSessionValue(session: SessionInfo, actions: Pick<SessionContextValue, 'signOut' | 'reload' | 'lock'>): SessionContextValue {
  const can = (p: Permission) => sessionCan(session, p);
  const refusal = (p: Permission) => (can(p) ? null : forbiddenMessage(session.grants ?? DEFAULT_GRANTS, p));
  return { session, can, canCall: (c) => can(CHANNEL_PERMISSIONS[c]), refusal, refusalOf: (c) => refusal(CHANNEL_PERMISSIONS[c]), ...actions };
}

const noop = async () => undefined;
export const SessionContext = createContext<SessionContextValue>(makeSessionValue(NO_ACCOUNTS, { signOut: noop, reload: noop, lock: () => undefined }));

/** Who is signed in and what they may do (from AuthGate). */
export function useSession(): SessionContextValue {
  return useContext(SessionContext);
}
