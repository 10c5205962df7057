import type { CadreDeskShell } from '../../shared/desktopShell';

declare global {
  interface Window {
    /** The desktop shell's own abilities, exposed by the Electron preload; absent in the browser host. */
    cadreDeskShell?: CadreDeskShell;
  }
}

/** The desktop shell when the page runs in the desktop app; undefined in the browser host. */
export function desktopShell(): CadreDeskShell | undefined {
  return window.cadreDeskShell;
}
