import type { Channel, ParsedInputOf, ResultOf } from '../../shared/contract';
import { loadDemo } from '../demo/loadDemo';
import type { AppServices } from '../services/AppServices';
import type { ServiceContext } from '../services/ServiceContext';

export interface CallContext extends ServiceContext {
  mode: 'electron' | 'browser';
}

export type Handlers = {
  [C in Channel]: (input: ParsedInputOf<C>, ctx: CallContext) => Promise<ResultOf<C>>;
};

const APP_VERSION = '0.1.0';

/** What each channel does: a thin mapping onto the services, shared by IPC and the browser host. */
export function createHandlers(s: AppServices): Handlers {
  return {
    'app:info': async (_input, ctx) => ({
      version: APP_VERSION,
      mode: ctx.mode,
      dbFile: s.dbFile,
      cadreCount: (await s.cadres.list({ pageSize: 1 })).total,
    }),
    'cadre:list': (q) => s.cadres.list(q),
    'cadre:get': ({ id }) => s.cadres.get(id),
    'cadre:save': ({ id, data }, ctx) => s.cadres.save(ctx, data, id),
    'cadre:delete': async ({ id }, ctx) => (await s.cadres.remove(ctx, id), { ok: true }),
    'cadre:restore': async ({ id }, ctx) => (await s.cadres.restore(ctx, id), { ok: true }),
    'cadre:purge': async ({ id }, ctx) => (await s.cadres.purge(ctx, id), { ok: true }),
    'cadre:history': ({ id }) => s.cadres.history(id),
    'cadre:photo:get': async ({ id }) => ({ jpegBase64: (await s.cadres.getPhoto(id))?.toString('base64') ?? null }),
    'cadre:photo:set': async ({ id, jpegBase64 }, ctx) => {
      await s.cadres.setPhoto(ctx, id, jpegBase64 ? Buffer.from(jpegBase64, 'base64') : null);
      return { ok: true };
    },
    'demo:load': (_input, ctx) => loadDemo(s, ctx),
  };
}
