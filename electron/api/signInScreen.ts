/**
 * What a signed-out browser of the department server may call: what the screens before sign-in need — the app's
 * name and version, whether the database is locked (the unlock gate asks first), the session, and signing in.
 */
export const SIGN_IN_SCREEN_CHANNELS: ReadonlySet<string> = new Set(['app:info', 'security:status', 'auth:session', 'auth:signIn']);
