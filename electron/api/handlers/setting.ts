import type { settingChannels } from '../../../shared/channels/setting';
import type { AppServices } from '../../services/AppServices';
import type { HandlersFor } from './HandlerTypes';

export const settingHandlers = (s: AppServices): HandlersFor<typeof settingChannels> => ({
  'setting:get': () => s.settings.get(),
  'setting:set': (input, ctx) => s.settings.set(ctx, input),
});
