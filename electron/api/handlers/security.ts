import type { securityChannels } from '../../../shared/channels/security';
import type { AppServices } from '../../services/AppServices';
import type { HandlersFor } from './HandlerTypes';

/** Once the services exist the database is open: unlocking again changes nothing (the worker handles the locked state). */
export const securityHandlers = (s: AppServices): HandlersFor<typeof securityChannels> => ({
  'security:status': async () => ({ ...s.encryption.status(), locked: false }),
  'security:unlock': async () => ({ ...s.encryption.status(), locked: false }),
  'security:enable': ({ password }, ctx) => s.encryption.enable(ctx, password),
  'security:changePassword': async ({ current, next }, ctx) => {
    await s.encryption.changePassword(ctx, current, next);
    return { ...s.encryption.status(), locked: false };
  },
});
