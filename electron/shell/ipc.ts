import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Logger } from '../api/dispatch';
import type { CallContext } from '../api/handlers';
import type { CallRouter } from '../api/router';
import { relaySession } from '../api/sessionRelay';
import type { JobProgress } from '../../shared/jobProgress';
import { isAppUrl } from './hardenWindow';

/** The one IPC channel the preload may use; the contract's channel name travels as its first argument. */
export const INVOKE_CHANNEL = 'cadre-desk:invoke';
/** Progress of a long call, sent to the calling window tagged with the preload's call number. */
export const PROGRESS_CHANNEL = 'cadre-desk:progress';

/**
 * Routes the contract's calls behind one IPC channel (to the database worker). The sender frame must be one of the app's own
 * pages; the input is parsed by `dispatch` with the contract's schema before any service sees it.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, route: CallRouter, ctx: Omit<CallContext, 'mode'>, rendererDir: string, log: Logger): void {
  const sessions = new Map<number, string>();
  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, channel: unknown, input: unknown, callId?: unknown) => {
    const url = event.senderFrame?.url ?? '';
    if (!isAppUrl(url, rendererDir)) {
      log.error(`[ipc] refused call from ${url}`);
      return { ok: false, error: { code: 'FORBIDDEN', message: '访问被拒绝：请求不是来自本系统页面' } };
    }
    // The window's session: kept here, never given to the page (see sessionRelay).
    const windowId = event.sender?.id ?? -1;
    const sessionToken = sessions.get(windowId);
    const onProgress =
      typeof callId === 'number' ? (p: JobProgress) => !event.sender.isDestroyed() && event.sender.send(PROGRESS_CHANNEL, callId, p) : undefined;
    const relayed = relaySession(channel, await route(channel, input, { ...ctx, mode: 'electron', sessionToken }, onProgress));
    if (relayed.token) {
      if (!sessions.has(windowId)) event.sender?.once?.('destroyed', () => sessions.delete(windowId));
      sessions.set(windowId, relayed.token);
    } else if (relayed.token === null) sessions.delete(windowId);
    return relayed.envelope;
  });
}
