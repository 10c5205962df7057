import { beforeEach, describe, expect, it, vi } from 'vitest';
import { hardenWindow, isAppUrl, isExternalWebUrl } from '../../electron/shell/hardenWindow';
import { INVOKE_CHANNEL, registerIpc } from '../../electron/shell/ipc';
import { inProcessRouter } from '../../electron/api/router';
import { mainWindowOptions } from '../../electron/shell/windowOptions';
import type { Handlers } from '../../electron/api/handlers';

const RENDERER = '/opt/cadre-desk/resources/app/out/renderer';

describe('main window settings', () => {
  it('isolates the renderer from Node', () => {
    const o = mainWindowOptions('/x/preload.cjs');
    expect(o.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, preload: '/x/preload.cjs' });
    expect(o.title).toBe('挂职干部管理系统');
  });
});

describe('what counts as the app', () => {
  it('accepts only files inside the renderer folder', () => {
    expect(isAppUrl('app://cadre-desk/index.html', RENDERER)).toBe(true);
    expect(isAppUrl('app://cadre-desk/index.html#/cadres/3', RENDERER)).toBe(true);
    expect(isAppUrl('app://cadre-desk/assets/index-abc.js', RENDERER)).toBe(true);
    expect(isAppUrl('app://cadre-desk/..%2F..%2Fetc%2Fpasswd', RENDERER)).toBe(false);
    expect(isAppUrl('app://other-host/index.html', RENDERER)).toBe(false);
    // Never file:// any more, not even the renderer folder itself.
    expect(isAppUrl(`file://${RENDERER}/index.html`, RENDERER)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', RENDERER)).toBe(false);
    expect(isAppUrl('https://example.com/', RENDERER)).toBe(false);
    expect(isAppUrl('not a url', RENDERER)).toBe(false);
  });
  it('lets only http(s) links out to the system browser', () => {
    expect(isExternalWebUrl('https://www.gov.cn/')).toBe(true);
    expect(isExternalWebUrl('file:///etc/passwd')).toBe(false);
    expect(isExternalWebUrl('javascript:alert(1)')).toBe(false);
    expect(isExternalWebUrl('smb://server/share')).toBe(false);
  });
});

function fakeWindow() {
  const listeners: Record<string, (e: { preventDefault(): void }, url: string) => void> = {};
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  const win = {
    webContents: {
      on: (name: string, fn: (e: { preventDefault(): void }, url: string) => void) => (listeners[name] = fn),
      setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
    },
  };
  let permission: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
  let permissionCheck: (() => boolean) | undefined;
  let headers: ((d: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | undefined;
  const session = {
    setPermissionRequestHandler: (fn: typeof permission) => (permission = fn),
    setPermissionCheckHandler: (fn: typeof permissionCheck) => (permissionCheck = fn),
    webRequest: { onHeadersReceived: (fn: typeof headers) => (headers = fn) },
  };
  const shell = { openExternal: vi.fn(async () => undefined) };
  const f = {
    answer: false,
    discard: false,
    ask: {
      confirmExternal: vi.fn(async () => f.answer),
      confirmDiscard: vi.fn(() => f.discard),
    },
  };
  return { win, session, shell, listeners, get answer() { return f.answer; }, set answer(v: boolean) { f.answer = v; }, get discard() { return f.discard; }, set discard(v: boolean) { f.discard = v; }, ask: f.ask, open: () => openHandler!, permission: () => permission!, permissionCheck: () => permissionCheck!, headers: () => headers! };
}

describe('hardenWindow', () => {
  let f: ReturnType<typeof fakeWindow>;
  beforeEach(() => {
    f = fakeWindow();
    hardenWindow(f.win as never, f.session as never, f.shell, RENDERER, f.ask);
  });
  it('blocks navigation and redirects away from the app', () => {
    for (const event of ['will-navigate', 'will-redirect']) {
      const away = { preventDefault: vi.fn() };
      f.listeners[event](away, 'https://evil.example/');
      expect(away.preventDefault).toHaveBeenCalled();
      const home = { preventDefault: vi.fn() };
      f.listeners[event](home, `app://cadre-desk/index.html#/cadres`);
      expect(home.preventDefault).not.toHaveBeenCalled();
    }
  });
  it('denies new windows; a web link goes to the system browser only after the clerk confirms it, others nowhere', async () => {
    f.answer = true;
    expect(f.open()({ url: 'https://www.12371.cn/' })).toEqual({ action: 'deny' });
    // A script opening windows while the question is open gets nothing, not a second question.
    expect(f.open()({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(f.shell.openExternal).toHaveBeenCalledWith('https://www.12371.cn/'));
    expect(f.ask.confirmExternal).toHaveBeenCalledTimes(1);
    f.answer = false;
    f.open()({ url: 'https://www.gov.cn/' });
    await vi.waitFor(() => expect(f.ask.confirmExternal).toHaveBeenCalledTimes(2));
    expect(f.open()({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(f.open()({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    await new Promise((r) => setTimeout(r, 10));
    expect(f.shell.openExternal).toHaveBeenCalledTimes(1);
    expect(f.ask.confirmExternal).toHaveBeenCalledTimes(2);
  });
  it('asks before closing a window whose page holds unsaved changes', () => {
    const event = { preventDefault: vi.fn() };
    f.discard = false;
    f.listeners['will-prevent-unload'](event, '');
    expect(event.preventDefault).not.toHaveBeenCalled();
    f.discard = true;
    f.listeners['will-prevent-unload'](event, '');
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
  });
  it('denies every permission request and check', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal']) {
      const cb = vi.fn();
      f.permission()(null, p, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    expect(f.permissionCheck()()).toBe(false);
  });
  it('adds the strict CSP to every response', () => {
    const cb = vi.fn();
    f.headers()({ responseHeaders: { 'X-Other': ['1'] } }, cb);
    const sent = cb.mock.calls[0][0].responseHeaders;
    expect(sent['X-Other']).toEqual(['1']);
    expect(sent['Content-Security-Policy'][0]).toContain("script-src 'self'");
    expect(sent['Content-Security-Policy'][0]).toContain("object-src 'none'");
    expect(sent['Content-Security-Policy'][0]).not.toContain('unsafe-eval');
  });
});

describe('IPC registration', () => {
  const calls: unknown[] = [];
  const handlers = { 'cadre:get': async (input: unknown) => (calls.push(input), { id: 1 }) } as unknown as Handlers;
  let handler: (event: unknown, channel: unknown, input: unknown) => Promise<unknown>;
  const log = { error: vi.fn() };
  beforeEach(() => {
    calls.length = 0;
    registerIpc({ handle: (name: string, fn: typeof handler) => (expect(name).toBe(INVOKE_CHANNEL), (handler = fn)) } as never, inProcessRouter(handlers, log), { actor: 't' }, RENDERER, log);
  });
  it('refuses a call from a frame that is not the app', async () => {
    const r = await handler({ senderFrame: { url: 'https://evil.example/' } }, 'cadre:get', { id: 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(calls).toHaveLength(0);
  });
  it('parses the input with the contract before the handler runs', async () => {
    const bad = await handler({ senderFrame: { url: `app://cadre-desk/index.html` } }, 'cadre:get', { id: 'x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((bad as { error: { message: string } }).error.message).toMatch(/^编号：/);
    expect(calls).toHaveLength(0);
    const good = await handler({ senderFrame: { url: `app://cadre-desk/index.html` } }, 'cadre:get', { id: 1 });
    expect(good).toEqual({ ok: true, result: { id: 1 } });
  });
  it('refuses channels outside the contract', async () => {
    const r = await handler({ senderFrame: { url: `app://cadre-desk/index.html` } }, 'fs:readFile', { path: '/etc/passwd' });
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });
});

describe('desktop-only channels', () => {
  it('open evidence with the system viewer in Electron, and answer opened:false in the browser host', async () => {
    const { desktopHandlers } = await import('../../electron/api/handlers/desktop');
    const services = { ledger: { evidencePath: async (id: number) => ({ path: `/data/evidence/ab/${id}.pdf`, fileName: '签约协议.pdf' }) } };
    const h = desktopHandlers(services as never);
    expect(await h['desktop:openEvidence']({ id: 7 }, { actor: 't', mode: 'browser' })).toEqual({ opened: false });
    const opened: string[] = [];
    const ok = await h['desktop:openEvidence']({ id: 7 }, { actor: 't', mode: 'electron', openFile: async (p) => (opened.push(p), '') });
    expect(ok).toEqual({ opened: true });
    expect(opened).toEqual(['/data/evidence/ab/7.pdf']);
    await expect(h['desktop:openEvidence']({ id: 7 }, { actor: 't', mode: 'electron', openFile: async () => 'No application' })).rejects.toThrow('无法打开“签约协议.pdf”');
  });
});

describe('IPC sessions', () => {
  it('keeps the session per window in the main process: the page never sees the token, another window is not signed in', async () => {
    let handler!: (event: unknown, channel: unknown, input: unknown) => Promise<unknown>;
    const seen: (string | undefined)[] = [];
    const route = async (channel: unknown, _input: unknown, ctx: { sessionToken?: string }) => {
      seen.push(ctx.sessionToken);
      return channel === 'auth:signIn' ? { ok: true as const, result: { token: 'secret-token', session: { signedIn: true } } } : { ok: true as const, result: null };
    };
    registerIpc({ handle: (_name: string, fn: typeof handler) => (handler = fn) } as never, route as never, { actor: 't' }, RENDERER, { error: vi.fn() });
    const frame = { url: `app://cadre-desk/index.html` };
    const win1 = { senderFrame: frame, sender: { id: 1, once: vi.fn(), isDestroyed: () => false } };
    const win2 = { senderFrame: frame, sender: { id: 2, once: vi.fn(), isDestroyed: () => false } };
    const answer = await handler(win1, 'auth:signIn', { username: 'a', password: 'b' });
    expect(answer).toEqual({ ok: true, result: { token: '', session: { signedIn: true } } });
    await handler(win1, 'cadre:list', {});
    await handler(win2, 'cadre:list', {});
    await handler(win1, 'auth:signOut', {});
    await handler(win1, 'cadre:list', {});
    expect(seen).toEqual([undefined, 'secret-token', undefined, 'secret-token', undefined]);
  });
});
