import type { archiveChannels } from '../../../shared/channels/archive';
import type { AppServices } from '../../services/AppServices';
import type { HandlersFor } from './HandlerTypes';

export const archiveHandlers = (s: AppServices): HandlersFor<typeof archiveChannels> => ({
  'archive:verify': () => s.archives.verify(),
});
