import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, type CadreDeskBridge } from '../shared/contract';

// Sandboxed preload: only `invoke` of the contract's channels reaches the main process.
const INVOKE_CHANNEL = 'cadre-desk:invoke';
const allowed = new Set<string>(CHANNELS);

const bridge: CadreDeskBridge = {
  invoke(channel, input) {
    if (!allowed.has(channel)) return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `未知的操作：${String(channel).slice(0, 60)}` } });
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, input);
  },
};

contextBridge.exposeInMainWorld('cadreDesk', bridge);
