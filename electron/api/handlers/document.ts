import type { documentChannels } from '../../../shared/channels/document';
import type { GeneratedDocument } from '../../documents/DocumentService';
import type { AppServices } from '../../services/AppServices';
import type { HandlersFor } from './HandlerTypes';

const file = ({ fileName, buffer }: GeneratedDocument) => ({ fileName, base64: buffer.toString('base64') });

export const documentHandlers = (s: AppServices): HandlersFor<typeof documentChannels> => ({
  'document:renmian': async ({ cadreId }) => file(await s.documents.exportRenmian(cadreId)),
  'document:roster': async ({ batchId }) => file(await s.documents.exportRoster(batchId)),
});
