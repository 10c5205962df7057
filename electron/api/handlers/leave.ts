import type { leaveChannels } from '../../../shared/channels/leave';
import type { AppServices } from '../../services/AppServices';
import type { HandlersFor } from './HandlerTypes';

export const leaveHandlers = (s: AppServices): HandlersFor<typeof leaveChannels> => ({
  'leave:listByPosting': (q) => s.leave.listByPosting(q),
  'leave:save': ({ id, data }, ctx) => s.leave.save(ctx, data, id),
  'leave:delete': async ({ id }, ctx) => (await s.leave.remove(ctx, id), { ok: true }),
  'leave:history': ({ id }) => s.leave.history(id),
  'onpost:summary': (q) => s.leave.summary(q),
  'onpost:warnings': (q) => s.leave.warnings(q),
});
