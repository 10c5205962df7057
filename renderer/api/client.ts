import type { ApiEnvelope, CadreDeskBridge, Channel, InputOf, ResultOf } from '../../shared/contract';

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

/** The browser host's bridge: `POST /api/<channel>` with the per-launch token the host put in the page. */
const httpBridge: CadreDeskBridge = {
  async invoke(channel, input) {
    const token = document.querySelector<HTMLMetaElement>('meta[name="cadre-desk-token"]')?.content ?? '';
    let res: Response;
    try {
      res = await fetch(`./api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Cadre-Token': token },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'OFFLINE', message: '无法连接到本机服务：请确认“挂职干部管理系统”仍在运行' } };
    }
    try {
      return (await res.json()) as ApiEnvelope<unknown>;
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: `本机服务返回了无法识别的结果（HTTP ${res.status}）` } };
    }
  },
};

function bridge(): CadreDeskBridge {
  return window.cadreDesk ?? httpBridge;
}

/** Calls a channel of the contract; resolves with its result or throws an ApiError with a Chinese message. */
export async function api<C extends Channel>(channel: C, input: InputOf<C>): Promise<ResultOf<C>> {
  const envelope = await bridge().invoke(channel, input);
  if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message);
  return envelope.result as ResultOf<C>;
}

/** The message to show for anything thrown by `api`. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return '操作未完成：发生了意外错误';
}
