import type { z } from 'zod';
import type { ChannelMap } from '../../../shared/channels/channel';
import type { UserAccount } from '../../../shared/channels/auth';
import type { JobProgress } from '../../../shared/jobProgress';
import type { ServiceContext } from '../../services/ServiceContext';

export interface CallContext extends ServiceContext {
  mode: 'electron' | 'browser';
  /** The desktop shell's "open with the system viewer" (Electron's shell.openPath: '' on success, else the error). */
  openFile?: (absolutePath: string) => Promise<string>;
  /** Reports the progress of a long job to whoever made the call (the window's progress bar). */
  progress?: (progress: JobProgress) => void;
  /** The session token the host carries (browser: HttpOnly cookie; desktop: per window); resolved by dispatch. */
  sessionToken?: string;
  /** The signed-in account, set by dispatch once the token is resolved (never by a host). */
  user?: UserAccount;
}

/** The handlers of one domain's channel map. */
export type HandlersFor<M extends ChannelMap> = {
  [C in keyof M]: (input: z.output<M[C]['input']>, ctx: CallContext) => Promise<M[C]['result']>;
};
