import type { BrowserWindow, Session, Shell } from 'electron';
import { appFileOf } from './appProtocol';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';

/** True for the app's own pages: `app://cadre-desk/…` inside the renderer folder (never `file://`). */
export function isAppUrl(url: string, rendererDir: string): boolean {
  return appFileOf(url, rendererDir) !== null;
}

/** Only http(s) links may leave the app, and only to the system browser. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Questions the shell asks the clerk (electron `dialog` in the app; fakes in tests). */
export interface ShellQuestions {
  /** 用系统浏览器打开…? — a web link leaves the app only after the clerk says so. */
  confirmExternal(url: string): Promise<boolean>;
  /** The page holds unsaved changes (it set `beforeunload`): close anyway? */
  confirmDiscard(): boolean;
}

/**
 * Locks the window down: no navigation away from the app, no new windows (a web link opens in the system browser
 * only after the clerk confirms it, one question at a time, so a script cannot open pages on its own), every
 * permission request denied, the strict CSP on every response, and closing a window with unsaved changes asks.
 */
export function hardenWindow(win: BrowserWindow, session: Session, shell: Pick<Shell, 'openExternal'>, rendererDir: string, ask?: ShellQuestions): void {
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, rendererDir)) event.preventDefault();
  };
  win.webContents.on('will-navigate', stayInApp);
  win.webContents.on('will-redirect', stayInApp);
  let asking = false;
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url) && ask && !asking) {
      asking = true;
      void ask
        .confirmExternal(url)
        .then((yes) => (yes ? shell.openExternal(url) : undefined))
        .catch(() => undefined)
        .finally(() => (asking = false));
    }
    return { action: 'deny' };
  });
  // The renderer's unsaved-changes guard sets `beforeunload`; Electron then cancels the close silently unless asked.
  win.webContents.on('will-prevent-unload', (event: { preventDefault(): void }) => {
    if (ask?.confirmDiscard()) event.preventDefault();
  });
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
