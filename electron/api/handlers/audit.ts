import type { auditChannels } from '../../../shared/channels/audit';
import type { AppServices } from '../../services/AppServices';
import { AuditReader } from '../../services/AuditReader';
import type { HandlersFor } from './HandlerTypes';

export const auditHandlers = (s: AppServices): HandlersFor<typeof auditChannels> => {
  const reader = new AuditReader(s.db);
  return {
    'audit:list': (input) => reader.list(input),
    'audit:export': (input) => reader.export(input),
    'audit:options': () => reader.options(),
  };
};
