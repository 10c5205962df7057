import type { appChannels } from '../../../shared/channels/app';
import { clearDemo, demoStatus } from '../../demo/clearDemo';
import { loadDemo } from '../../demo/loadDemo';
import type { AppServices } from '../../services/AppServices';
import type { HandlersFor } from './HandlerTypes';
import { APP_VERSION } from '../../appVersion';

export { APP_VERSION };

export const appHandlers = (s: AppServices): HandlersFor<typeof appChannels> => ({
  'app:info': async (_input, ctx) => ({
    version: APP_VERSION,
    mode: ctx.mode,
    dbFile: s.dbFile,
    cadreCount: (await s.cadres.list({ pageSize: 1 })).total,
    demo: await demoStatus(s),
  }),
  'demo:load': (_input, ctx) => loadDemo(s, ctx, { onlyIfEmpty: true, archive: false }),
  'demo:clear': (input, ctx) => clearDemo(s, ctx, input),
});
