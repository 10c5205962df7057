import type { assessmentChannels } from '../../../shared/channels/assessment';
import type { AppServices } from '../../services/AppServices';
import type { HandlersFor } from './HandlerTypes';

export const assessmentHandlers = (s: AppServices): HandlersFor<typeof assessmentChannels> => ({
  'record:listByPosting': ({ postingId }) => s.assessments.listByPosting(postingId),
  'record:get': ({ id }) => s.assessments.get(id),
  'record:saveMonthly': ({ id, data }, ctx) => s.assessments.save(ctx, 'monthly', data, id),
  'record:saveQuarterly': ({ id, data }, ctx) => s.assessments.save(ctx, 'quarterly', data, id),
  'record:saveTalk': ({ id, data }, ctx) => s.assessments.save(ctx, 'talk', data, id),
  'record:saveAnnual': ({ id, data }, ctx) => s.assessments.save(ctx, 'annual', data, id),
  'record:saveTerm': ({ id, data }, ctx) => s.assessments.save(ctx, 'term', data, id),
  'record:saveNote': ({ id, data }, ctx) => s.assessments.save(ctx, 'note', data, id),
  'record:delete': async ({ id }, ctx) => (await s.assessments.remove(ctx, id), { ok: true }),
  'record:transition': (input, ctx) => s.assessments.transition(ctx, input),
  'record:annualProposals': ({ postingId }) => s.assessments.annualProposals(postingId),
  'record:acceptAnnualProposal': (input, ctx) => s.assessments.acceptAnnualProposal(ctx, input),
  'record:history': ({ id }) => s.assessments.history(id),
  'assessment:batchCompletion': (q) => s.assessments.batchCompletion(q),
});
