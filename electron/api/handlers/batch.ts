import type { batchChannels } from '../../../shared/channels/batch';
import type { AppServices } from '../../services/AppServices';
import type { HandlersFor } from './HandlerTypes';

export const batchHandlers = (s: AppServices): HandlersFor<typeof batchChannels> => ({
  'batch:list': (q) => s.batches.list(q),
  'batch:get': ({ id }) => s.batches.get(id),
  'batch:save': ({ id, data }, ctx) => s.batches.save(ctx, data, id),
  'batch:delete': async ({ id }, ctx) => (await s.batches.remove(ctx, id), { ok: true }),
  'batch:history': ({ id }) => s.batches.history(id),
  'batch:addMembers': (input, ctx) => s.batches.addMembers(ctx, input),
  'batch:removeMember': async ({ batchId, cadreId }, ctx) => (await s.batches.removeMember(ctx, batchId, cadreId), { ok: true }),
  'batch:saveSubGroups': (input, ctx) => s.batches.saveSubGroups(ctx, input),
  'batch:savePartyBranch': (input, ctx) => s.batches.savePartyBranch(ctx, input),
  'batch:saveThemes': (input, ctx) => s.batches.saveThemes(ctx, input),
  'batch:saveMeeting': ({ id, batchId, data }, ctx) => s.batches.saveMeeting(ctx, batchId, data, id),
  'batch:deleteMeeting': async ({ id }, ctx) => (await s.batches.deleteMeeting(ctx, id), { ok: true }),
  'batch:alignPostings': (input, ctx) => s.batches.alignPostings(ctx, input),
});
