import os from 'node:os';

/** Who is acting: recorded in the audit log with every write. */
export interface ServiceContext {
  /** The OS user, or the signed-in username once the database has accounts. */
  actor: string;
  /** 姓名 of the signed-in user, for the audit log. */
  actorName?: string;
  /**
   * Set when a signed-in person acts (the database has accounts): the rules that depend on the person apply —
   * 审核 needs an opinion and nobody reviews a record they submitted. Without accounts everyone is the OS user.
   */
  signedIn?: boolean;
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
