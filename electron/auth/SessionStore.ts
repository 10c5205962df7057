import crypto from 'node:crypto';
import type { Clock } from './Clock';

interface Session {
  username: string;
  lastSeen: number;
}

/**
 * The signed-in sessions, in the database worker's memory only (a restart signs everyone out). A token is
 * 32 random bytes; a session ends after `idleMinutes` without a call and every call extends it.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly clock: Clock) {}

  create(username: string): string {
    const token = crypto.randomBytes(32).toString('base64url');
    this.sessions.set(token, { username, lastSeen: this.clock.now().getTime() });
    return token;
  }

  /** The username of a live session (and extends it), or null for an unknown or expired token. */
  touch(token: string | undefined, idleMinutes: number): string | null {
    if (!token) return null;
    const s = this.sessions.get(token);
    if (!s) return null;
    const now = this.clock.now().getTime();
    if (now - s.lastSeen > idleMinutes * 60_000) {
      this.sessions.delete(token);
      return null;
    }
    s.lastSeen = now;
    return s.username;
  }

  end(token: string | undefined): void {
    if (token) this.sessions.delete(token);
  }

  /** Ends every session of a user (disabled, or the password was reset). */
  endFor(username: string, except?: string): void {
    for (const [token, s] of this.sessions) if (s.username === username && token !== except) this.sessions.delete(token);
  }
}
