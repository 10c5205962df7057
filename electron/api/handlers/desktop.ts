import type { desktopChannels } from '../../../shared/channels/desktop';
import { AppError } from '../../../shared/errors';
import type { AppServices } from '../../services/AppServices';
import type { HandlersFor } from './HandlerTypes';

export const desktopHandlers = (s: AppServices): HandlersFor<typeof desktopChannels> => ({
  'desktop:openEvidence': async ({ id }, ctx) => {
    if (!ctx.openFile) return { opened: false };
    const { path, fileName } = await s.ledger.evidencePath(id);
    const failure = await ctx.openFile(path);
    if (failure) throw new AppError('CONFLICT', `无法打开“${fileName}”：系统中没有可打开此类文件的程序（${failure}）`);
    return { opened: true };
  },
});
