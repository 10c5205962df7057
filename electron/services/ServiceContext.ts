import os from 'node:os';

/** Who is acting: recorded in the audit log with every write. */
export interface ServiceContext {
  actor: string;
}

/** The logged-in OS user: the department's PCs are personal, so this names the clerk. */
export function systemContext(): ServiceContext {
  let actor = 'unknown';
  try {
    actor = os.userInfo().username || actor;
  } catch {
    // Some sandboxes have no passwd entry; keep the fallback.
  }
  return { actor };
}
