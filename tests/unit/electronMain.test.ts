import { afterEach, describe, expect, it, vi } from 'vitest';

// The Electron shell with a mocked `electron` module: the real binary cannot run on these machines.
const state = vi.hoisted(() => ({ lock: true, quit: 0, exposed: {} as Record<string, unknown>, invoked: [] as unknown[][] }));

vi.mock('electron', () => {
  const app = {
    setPath: vi.fn(),
    getPath: vi.fn(() => '/tmp/cadre-desk-mock'),
    requestSingleInstanceLock: vi.fn(() => state.lock),
    quit: vi.fn(() => state.quit++),
    on: vi.fn(),
    whenReady: vi.fn(() => new Promise(() => undefined)),
  };
  return {
    app,
    BrowserWindow: vi.fn(),
    ipcMain: { handle: vi.fn() },
    session: { defaultSession: {} },
    shell: { openExternal: vi.fn() },
    dialog: { showErrorBox: vi.fn() },
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => (state.exposed[key] = api)) },
    ipcRenderer: { invoke: vi.fn(async (...args: unknown[]) => (state.invoked.push(args), { ok: true, result: null })) },
  };
});
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
