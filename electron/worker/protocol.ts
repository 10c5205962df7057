import type { ApiEnvelope } from '../../shared/contract';
import type { JobProgress } from '../../shared/jobProgress';

export type { JobProgress };

/**
 * The messages between a host (the Electron main process, the browser host) and the database worker.
 * The worker owns the database and the services; a host only routes contract calls to it, so a long import
 * or export never holds up the window's thread. The same protocol serves `worker_threads` and a child process.
 */

/** What a call carries across: who is acting and from where (functions cannot cross a thread). */
export interface WireContext {
  actor: string;
  mode: 'electron' | 'browser';
  /** The host can open files with the system viewer (the desktop app); the worker asks it through `shell`. */
  canOpenFiles: boolean;
  /** The caller's session (resolved by dispatch in the worker, where the sessions live). */
  sessionToken?: string;
}

/**
 * The database a worker opens: a SQLite file, or a PostgreSQL URL with the server's data folder (archive ledger key,
 * evidence files).
 */
export type WorkerTarget = string | { url: string; dataDir: string };

export type ToWorker =
  | {
      type: 'open';
      dbFile: string;
      /** With a PostgreSQL URL: the server's data folder. */
      dataDir?: string;
      /**
       * The department server on a network address: signed-in sessions only. A database without accounts (where
       * every call would pass) then refuses everything but the sign-in screen's own calls.
       */
      sessionsOnly?: boolean;
    }
  | { type: 'call'; id: number; channel: string; input: unknown; ctx: WireContext }
  | { type: 'shellResult'; id: number; result: string }
  | { type: 'close' };

export type FromWorker =
  | { type: 'opened'; dbFile: string }
  | { type: 'openFailed'; message: string }
  | { type: 'result'; id: number; envelope: ApiEnvelope<unknown> }
  | { type: 'progress'; id: number; progress: JobProgress }
  | { type: 'shell'; id: number; op: 'openFile'; path: string }
  | { type: 'closed' };
