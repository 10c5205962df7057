import type { BrowserWindow, Session, Shell } from 'electron';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';

/** True for the app's own pages: files inside the packaged renderer folder. */
export function isAppUrl(url: string, rendererDir: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol !== 'file:') return false;
    const dir = rendererDir.replace(/\\/g, '/').replace(/\/+$/, '');
    const file = decodeURIComponent(u.pathname).replace(/^\/([A-Za-z]:)/, '$1');
    return file === `${dir}/index.html` || file.startsWith(`${dir}/`);
  } catch {
    return false;
  }
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

/**
 * Locks the window down: no navigation away from the app, no new windows (web links open in the system
 * browser), every permission request denied, and the strict CSP on every response.
 */
export function hardenWindow(win: BrowserWindow, session: Session, shell: Pick<Shell, 'openExternal'>, rendererDir: string): void {
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, rendererDir)) event.preventDefault();
  };
  win.webContents.on('will-navigate', stayInApp);
  win.webContents.on('will-redirect', stayInApp);
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
