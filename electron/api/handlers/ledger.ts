import type { ledgerChannels } from '../../../shared/channels/ledger';
import type { AppServices } from '../../services/AppServices';
import type { HandlersFor } from './HandlerTypes';

export const ledgerHandlers = (s: AppServices): HandlersFor<typeof ledgerChannels> => ({
  'ledger:list': (q) => s.ledger.list(q),
  'ledger:totals': (q) => s.ledger.totals(q),
  'ledger:get': ({ id }) => s.ledger.get(id),
  'ledger:save': ({ id, data }, ctx) => s.ledger.save(ctx, data, id),
  'ledger:delete': async ({ id }, ctx) => (await s.ledger.remove(ctx, id), { ok: true }),
  'ledger:history': ({ id }) => s.ledger.history(id),
  'evidence:add': (input, ctx) => s.ledger.addEvidence(ctx, input),
  'evidence:remove': async ({ id }, ctx) => (await s.ledger.removeEvidence(ctx, id), { ok: true }),
  'evidence:path': ({ id }) => s.ledger.evidencePath(id),
  'evidence:get': ({ id }) => s.ledger.evidenceContent(id),
});
