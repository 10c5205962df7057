import type { cadreChannels } from '../../../shared/channels/cadre';
import type { AppServices } from '../../services/AppServices';
import type { HandlersFor } from './HandlerTypes';

export const cadreHandlers = (s: AppServices): HandlersFor<typeof cadreChannels> => ({
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
});
