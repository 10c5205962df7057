import { afterEach, describe, expect, it, vi } from 'vitest';

// The Electron shell with a mocked `electron` module: the real binary cannot run on these machines.
const state = vi.hoisted(() => ({
  lock: true,
  quit: 0,
  ready: false,
  exposed: {} as Record<string, unknown>,
  invoked: [] as unknown[][],
  ipc: {} as Record<string, (...args: unknown[]) => Promise<unknown>>,
  workerFiles: [] as string[],
  routed: [] as unknown[][],
  loaded: [] as string[],
  schemes: [] as unknown[],
  handled: [] as string[],
}));

vi.mock('electron', () => {
  const app = {
    setPath: vi.fn(),
    getPath: vi.fn(() => '/tmp/cadre-desk-mock'),
    requestSingleInstanceLock: vi.fn(() => state.lock),
    quit: vi.fn(() => state.quit++),
    on: vi.fn(),
    whenReady: vi.fn(() => (state.ready ? Promise.resolve() : new Promise(() => undefined))),
  };
  class BrowserWindow {
    webContents = { setWindowOpenHandler: vi.fn(), on: vi.fn(), session: {} };
    once = vi.fn();
    on = vi.fn();
    loadFile = vi.fn(async () => undefined);
    loadURL = vi.fn(async (url: string) => void state.loaded.push(url));
  }
  return {
    app,
    BrowserWindow,
    ipcMain: { handle: vi.fn((name: string, fn: (...args: unknown[]) => Promise<unknown>) => (state.ipc[name] = fn)) },
    session: { defaultSession: {} },
    protocol: { registerSchemesAsPrivileged: vi.fn((s: unknown[]) => state.schemes.push(...s)), handle: vi.fn((scheme: string) => state.handled.push(scheme)) },
    shell: { openExternal: vi.fn() },
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(), showMessageBoxSync: vi.fn() },
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => (state.exposed[key] = api)) },
    ipcRenderer: { invoke: vi.fn(async (...args: unknown[]) => (state.invoked.push(args), { ok: true, result: null })) },
  };
});
// The database worker: main must start it on the user's database file and route IPC calls to it.
vi.mock('../../electron/worker/DbWorkerClient', () => ({
  DbWorkerClient: {
    start: vi.fn(async (file: string) => {
      state.workerFiles.push(file);
      return { route: async (...args: unknown[]) => (state.routed.push(args), { ok: true, result: 'from-worker' }), close: vi.fn() };
    }),
  },
}));
vi.mock('../../electron/shell/hardenWindow', () => ({ hardenWindow: vi.fn(), isAppUrl: () => true }));
vi.mock('electron-log/main', () => ({ default: { initialize: vi.fn(), error: vi.fn() } }));

afterEach(() => {
  vi.resetModules();
});

describe('electron/main.ts', () => {
  it('takes the single-instance lock and waits for ready', async () => {
    state.lock = true;
    state.quit = 0;
    const electron = await import('electron');
    await import('../../electron/main');
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', expect.stringContaining('cadre-desk'));
    expect(electron.app.whenReady).toHaveBeenCalled();
    expect(state.quit).toBe(0);
  });
  it('opens the database in the worker and routes IPC calls to it, not to services in this thread', async () => {
    state.lock = true;
    state.ready = true;
    await import('../../electron/main');
    await vi.waitFor(() => expect(state.ipc['cadre-desk:invoke']).toBeDefined());
    expect(state.workerFiles).toEqual(['/tmp/cadre-desk-mock/cadre.db']);
    const answer = await state.ipc['cadre-desk:invoke']({ senderFrame: { url: 'app://cadre-desk/index.html' } }, 'cadre:list', {});
    // The renderer comes from the app:// scheme, registered as privileged before ready; never from file://.
    expect(state.schemes).toContainEqual(expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }));
    expect(state.handled).toContain('app');
    await vi.waitFor(() => expect(state.loaded).toEqual(['app://cadre-desk/index.html']));
    expect(answer).toEqual({ ok: true, result: 'from-worker' });
    expect(state.routed[0].slice(0, 2)).toEqual(['cadre:list', {}]);
    expect(state.routed[0][2]).toMatchObject({ mode: 'electron' });
    // 用 WPS/Word 打开: the shell's own channel (electron/shell/openDocument.ts), beside the contract's.
    expect(state.ipc['cadre-desk:open-document']).toBeDefined();
    state.ready = false;
  });
  it('quits when another instance already runs', async () => {
    state.lock = false;
    state.quit = 0;
    await import('../../electron/main');
    expect(state.quit).toBe(1);
  });
});

describe('electron/preload.ts', () => {
  it('exposes only invoke, and only for the contract channels', async () => {
    await import('../../electron/preload');
    const bridge = state.exposed.cadreDesk as { invoke(c: string, i: unknown): Promise<unknown> };
    expect(Object.keys(bridge)).toEqual(['invoke']);
    await bridge.invoke('cadre:list', {});
    expect(state.invoked).toEqual([['cadre-desk:invoke', 'cadre:list', {}]]);
    const refused = await bridge.invoke('shell:exec', { cmd: 'rm -rf /' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(state.invoked).toHaveLength(1);
  });
});
