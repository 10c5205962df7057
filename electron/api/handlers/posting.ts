import type { postingChannels } from '../../../shared/channels/posting';
import type { AppServices } from '../../services/AppServices';
import type { HandlersFor } from './HandlerTypes';

export const postingHandlers = (s: AppServices): HandlersFor<typeof postingChannels> => ({
  'posting:listByCadre': ({ cadreId }) => s.postings.listByCadre(cadreId),
  'posting:get': ({ id }) => s.postings.get(id),
  'posting:save': ({ id, data }, ctx) => s.postings.save(ctx, data, id),
  'posting:changeStatus': (input, ctx) => s.postings.changeStatus(ctx, input),
  'posting:changeStatusMany': (input, ctx) => s.postings.changeStatusMany(ctx, input),
  'posting:delete': async ({ id }, ctx) => (await s.postings.remove(ctx, id), { ok: true }),
  'posting:history': ({ id }) => s.postings.history(id),
  'posting:reminders': (q) => s.postings.reminders(q),
});
