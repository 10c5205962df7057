import type { ApiEnvelope, CadreDeskBridge, Channel, InputOf, ResultOf } from '../../shared/contract';
import type { JobProgress } from '../../shared/jobProgress';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the browser host. */
    cadreDesk?: CadreDeskBridge;
  }
}

/** An error answered by the main process: `message` is Chinese and meant for the user. */
export class ApiError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The browser host's bridge: `POST /api/<channel>`; the host's HttpOnly cookie carries its secret (the page has none). */
const httpBridge: CadreDeskBridge = {
  async invoke(channel, input, onProgress) {
    let res: Response;
    try {
      res = await fetch(`./api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(onProgress ? { 'X-Cadre-Progress': '1' } : {}) },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'OFFLINE', message: '无法连接到本机服务：请确认“挂职干部管理系统”仍在运行' } };
    }
    try {
      if (onProgress && res.headers.get('Content-Type')?.startsWith('application/x-ndjson')) return await readProgressStream(res, onProgress);
      return (await res.json()) as ApiEnvelope<unknown>;
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: `本机服务返回了无法识别的结果（HTTP ${res.status}）` } };
    }
  },
};

/** The host's answer to a long job: one JSON line per progress report, the envelope last. */
async function readProgressStream(res: Response, onProgress: (p: JobProgress) => void): Promise<ApiEnvelope<unknown>> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    buffered += value ?? '';
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      const msg = JSON.parse(line) as { progress?: JobProgress; envelope?: ApiEnvelope<unknown> };
      if (msg.envelope) return msg.envelope;
      if (msg.progress) onProgress(msg.progress);
    }
    if (done) throw new Error('stream ended without an answer');
  }
}

function bridge(): CadreDeskBridge {
  return window.cadreDesk ?? httpBridge;
}

/** Calls a channel of the contract; resolves with its result or throws an ApiError with a Chinese message. */
export async function api<C extends Channel>(channel: C, input: InputOf<C>, options: { onProgress?: (p: JobProgress) => void } = {}): Promise<ResultOf<C>> {
  const envelope = await bridge().invoke(channel, input, options.onProgress);
  if (!envelope.ok) {
    // An encrypted database waiting for its password (e.g. the worker restarted): the unlock gate checks again.
    if (envelope.error.code === 'LOCKED') window.dispatchEvent(new CustomEvent('cadre-desk:locked'));
    // The session ended (timed out or signed out): the auth gate locks the screen or shows the sign-in again.
    if (envelope.error.code === 'UNAUTHENTICATED') window.dispatchEvent(new CustomEvent('cadre-desk:unauthenticated'));
    throw new ApiError(envelope.error.code, envelope.error.message);
  }
  return envelope.result as ResultOf<C>;
}

/** The message to show for anything thrown by `api`. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return '操作未完成：发生了意外错误';
}
