import type { exchangeChannels } from '../../../shared/channels/exchange';
import type { AppServices } from '../../services/AppServices';
import type { HandlersFor } from './HandlerTypes';

const file = ({ fileName, base64 }: { fileName: string; base64: string }) => ({ fileName, base64 });

export const exchangeHandlers = (s: AppServices): HandlersFor<typeof exchangeChannels> => ({
  'lrmx:preview': ({ files }) => s.exchange.previewLrmx(files),
  'lrmx:import': ({ files }, ctx) => s.exchange.importLrmx(ctx, files),
  'lrmx:export': async ({ cadreId }) => file(await s.exchange.exportLrmx(cadreId)),
  'roster:preview': ({ fileName, base64, batchName }) => s.exchange.previewRoster(fileName, Buffer.from(base64, 'base64'), batchName),
  'roster:import': ({ fileName, base64, batchName }, ctx) =>
    s.exchange.importRoster(ctx, fileName, Buffer.from(base64, 'base64'), batchName, ctx.progress),
  'roster:export': async (query) => file(await s.exchange.exportRoster(query)),
  'roster:template': async () => file(await s.exchange.rosterTemplate()),
});
