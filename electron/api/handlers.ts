import type { Contract } from '../../shared/contract';
import type { AppServices } from '../services/AppServices';
import { appHandlers } from './handlers/app';
import { cadreHandlers } from './handlers/cadre';
import { batchHandlers } from './handlers/batch';
import { postingHandlers } from './handlers/posting';
import { documentHandlers } from './handlers/document';
import { exchangeHandlers } from './handlers/exchange';
import { assessmentHandlers } from './handlers/assessment';
import { leaveHandlers } from './handlers/leave';
import { ledgerHandlers } from './handlers/ledger';
import { settingHandlers } from './handlers/setting';
import { desktopHandlers } from './handlers/desktop';
import { growthHandlers } from './handlers/growth';
import { backupHandlers } from './handlers/backup';
import { archiveHandlers } from './handlers/archive';
import { securityHandlers } from './handlers/security';
import { auditHandlers } from './handlers/audit';
import { authHandlers } from './handlers/auth';
import { accessFor, registerAccess } from '../auth/Access';
import type { HandlersFor } from './handlers/HandlerTypes';

export type { CallContext } from './handlers/HandlerTypes';
export type Handlers = HandlersFor<Contract>;

/** Every channel's handler: a thin mapping onto the services, shared by IPC and the browser host. */
export function createHandlers(s: AppServices): Handlers {
  const access = accessFor(s);
  const handlers: Handlers = {
    ...appHandlers(s),
    ...cadreHandlers(s),
    ...batchHandlers(s),
    ...postingHandlers(s),
    ...documentHandlers(s),
    ...exchangeHandlers(s),
    ...assessmentHandlers(s),
    ...leaveHandlers(s),
    ...ledgerHandlers(s),
    ...settingHandlers(s),
    ...desktopHandlers(s),
    ...growthHandlers(s),
    ...backupHandlers(s),
    ...archiveHandlers(s),
    ...securityHandlers(s),
    ...auditHandlers(s),
    ...authHandlers(access),
  };
  // dispatch finds the accounts and sessions of these handlers' database here.
  registerAccess(handlers, access);
  return handlers;
}
