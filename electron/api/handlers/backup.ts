import type { backupChannels } from '../../../shared/channels/backup';
import type { AppServices } from '../../services/AppServices';
import type { HandlersFor } from './HandlerTypes';

export const backupHandlers = (s: AppServices): HandlersFor<typeof backupChannels> => ({
  'backup:list': () => s.backups.list(),
  'backup:now': (_input, ctx) => s.backups.backup(ctx, { onProgress: ctx.progress }),
  'backup:preview': ({ file }) => s.backups.previewRestore(file),
  'backup:restore': ({ file, password }, ctx) => s.backups.restore(ctx, file, { password, onProgress: ctx.progress }),
});
