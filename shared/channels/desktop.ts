import { channel } from './channel';
import { byId } from './common';

/**
 * What only the desktop app can do. In the browser host these answer `{ opened: false }` and the page falls
 * back to a download.
 */
export const desktopChannels = {
  /** Opens an evidence file (工作实绩佐证材料) with the system's viewer. */
  'desktop:openEvidence': channel<{ opened: boolean }>()(byId),
};
