import type { desktopChannels } from '../../../shared/channels/desktop';
import { AppError } from '../../../shared/errors';
import { EVIDENCE_TYPES_TEXT, isEvidenceFileName } from '../../../shared/evidenceTypes';
import type { AppServices } from '../../services/AppServices';
import type { HandlersFor } from './HandlerTypes';

export const desktopHandlers = (s: AppServices): HandlersFor<typeof desktopChannels> => ({
  'desktop:openEvidence': async ({ id }, ctx) => {
    if (!ctx.openFile) return { opened: false };
    const { path, fileName } = await s.ledger.evidencePath(id);
    // The allow-list again at the door (the service refuses first; the main process checks once more).
    if (!isEvidenceFileName(path)) throw new AppError('CONFLICT', `不能打开“${fileName}”：只能用系统程序打开 ${EVIDENCE_TYPES_TEXT}`);
    const failure = await ctx.openFile(path);
    if (failure) throw new AppError('CONFLICT', `无法打开“${fileName}”：系统中没有可打开此类文件的程序（${failure}）`);
    return { opened: true };
  },
});
