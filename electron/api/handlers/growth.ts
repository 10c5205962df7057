import type { growthChannels } from '../../../shared/channels/growth';
import type { RatingScores } from '../../../shared/growthScoring';
import type { AppServices } from '../../services/AppServices';
import type { HandlersFor } from './HandlerTypes';

export const growthHandlers = (s: AppServices): HandlersFor<typeof growthChannels> => ({
  'growth:templateList': () => s.growthTemplates.list(),
  'growth:templateGet': ({ id }) => s.growthTemplates.get(id),
  'growth:templateActive': () => s.growthTemplates.active(),
  'growth:templateSave': ({ id, data }, ctx) => s.growthTemplates.save(ctx, data, id),
  'growth:templateActivate': ({ id }, ctx) => s.growthTemplates.activate(ctx, id),
  'growth:templateDelete': async ({ id }, ctx) => (await s.growthTemplates.remove(ctx, id), { ok: true }),
  'growth:templateHistory': ({ id }) => s.growthTemplates.history(id),

  'growth:listByPosting': ({ postingId }) => s.growth.listByPosting(postingId),
  'growth:get': ({ id }) => s.growth.get(id),
  'growth:save': ({ id, data }, ctx) => s.growth.save(ctx, data, id),
  'growth:saveRater': (input, ctx) => s.growth.saveRater(ctx, input),
  'growth:delete': async ({ id }, ctx) => (await s.growth.remove(ctx, id), { ok: true }),
  'growth:transition': (input, ctx) => s.growth.transition(ctx, input),
  'growth:history': ({ id }) => s.growth.history(id),
  'growth:evidenceCandidates': ({ postingId }) => s.growth.evidenceCandidates(postingId),
  'growth:preview': ({ templateId, ratings }) => s.growth.preview(templateId, ratings as RatingScores),

  'growth:trajectory': ({ postingId }) => s.growthOverview.trajectory(postingId),
  'growth:batchOverview': (q) => s.growthOverview.batchOverview(q),
});
