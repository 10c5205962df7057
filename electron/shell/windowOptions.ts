import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's settings. The renderer gets no Node: context isolation, the sandbox and no node
 * integration, so that even a malicious string shown in the UI cannot reach the files or the database.
 */
export function mainWindowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: '挂职干部管理系统',
    icon: iconPath,
    backgroundColor: '#f5f5f5',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: process.env.CADRE_DESK_DEVTOOLS === '1',
    },
  };
}
