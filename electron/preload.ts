import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, type CadreDeskBridge } from '../shared/contract';
import { OPEN_DOCUMENT_CHANNEL, type CadreDeskShell } from '../shared/desktopShell';

// Sandboxed preload: only `invoke` of the contract's channels reaches the main process.
const INVOKE_CHANNEL = 'cadre-desk:invoke';
const PROGRESS_CHANNEL = 'cadre-desk:progress';
const allowed = new Set<string>(CHANNELS);
let nextCall = 1;

const bridge: CadreDeskBridge = {
  async invoke(channel, input, onProgress) {
    if (!allowed.has(channel)) return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `未知的操作：${String(channel).slice(0, 60)}` } };
    if (!onProgress) return ipcRenderer.invoke(INVOKE_CHANNEL, channel, input);
    // A long job: the main process sends its progress tagged with this call's number.
    const callId = nextCall++;
    const listener = (_e: unknown, id: unknown, progress: Parameters<typeof onProgress>[0]) => id === callId && onProgress(progress);
    ipcRenderer.on(PROGRESS_CHANNEL, listener);
    try {
      return await ipcRenderer.invoke(INVOKE_CHANNEL, channel, input, callId);
    } finally {
      ipcRenderer.removeListener(PROGRESS_CHANNEL, listener);
    }
  },
};

contextBridge.exposeInMainWorld('cadreDesk', bridge);

// The desktop's own abilities (no service involved): open a generated Word file with WPS/Word.
const desktopShell: CadreDeskShell = {
  async openDocument(fileName, base64) {
    if (typeof fileName !== 'string' || typeof base64 !== 'string') return { ok: false, message: '无法打开：文件无效' };
    return ipcRenderer.invoke(OPEN_DOCUMENT_CHANNEL, fileName, base64);
  },
};

contextBridge.exposeInMainWorld('cadreDeskShell', desktopShell);
