import type { documentChannels } from '../../../shared/channels/document';
import type { GeneratedDocument } from '../../documents/DocumentService';
import type { AppServices } from '../../services/AppServices';
import type { HandlersFor } from './HandlerTypes';

const file = ({ fileName, buffer, warnings }: GeneratedDocument) => ({ fileName, base64: buffer.toString('base64'), ...(warnings?.length ? { warnings } : {}) });
const ref = (v: { cadreId?: number; postingId?: number }) => (v.postingId !== undefined ? { postingId: v.postingId } : { cadre: v.cadreId });

export const documentHandlers = (s: AppServices): HandlersFor<typeof documentChannels> => ({
  'document:renmian': async ({ cadreId }) => file(await s.documents.exportRenmian(cadreId)),
  'document:roster': async ({ batchId }) => file(await s.documents.exportRoster(batchId)),
  'document:appraisal': async (v) => file(await s.documents.exportAppraisal(ref(v))),
  'document:growth': async (v) => file(await s.documents.exportGrowth(ref(v))),
  'document:summary': async ({ batchId }) => file(await s.documents.exportSummary(batchId)),
  'document:batchMember': async ({ batchId, cadreId, form }) => file(await s.documents.exportMemberForm(batchId, cadreId, form)),
});
