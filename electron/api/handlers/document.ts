import type { documentChannels } from '../../../shared/channels/document';
import type { AppServices } from '../../services/AppServices';
import type { HandlersFor } from './HandlerTypes';

export const documentHandlers = (s: AppServices): HandlersFor<typeof documentChannels> => ({
  'document:renmian': async ({ cadreId }) => {
    const { fileName, buffer } = await s.documents.exportRenmian(cadreId);
    return { fileName, base64: buffer.toString('base64') };
  },
});
