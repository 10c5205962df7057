import path from 'node:path';
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import log from 'electron-log/main';
import { createHandlers } from './api/handlers';
import { AppServices } from './services/AppServices';
import { systemContext } from './services/ServiceContext';
import { hardenWindow } from './shell/hardenWindow';
import { registerIpc } from './shell/ipc';
import { mainWindowOptions } from './shell/windowOptions';

// The thin Electron shell: window, IPC wiring, single instance. Everything else lives in the services.
log.initialize();
app.setPath('userData', path.join(app.getPath('appData'), 'cadre-desk'));

const rendererDir = path.join(__dirname, '..', 'renderer');
let mainWindow: BrowserWindow | null = null;
let services: AppServices | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.whenReady().then(async () => {
    const dbFile = path.join(app.getPath('userData'), 'cadre.db');
    try {
      services = await AppServices.open(dbFile);
    } catch (err) {
      log.error('database open failed', err);
      const { dialog } = await import('electron');
      dialog.showErrorBox('无法打开数据库', `数据库文件：${dbFile}\n${err instanceof Error ? err.message : String(err)}`);
      app.quit();
      return;
    }
    registerIpc(ipcMain, createHandlers(services), { ...systemContext(), openFile: (p) => shell.openPath(p) }, rendererDir, log);
    mainWindow = new BrowserWindow(mainWindowOptions(path.join(__dirname, '..', 'preload', 'preload.cjs'), path.join(__dirname, '..', '..', 'build', 'icon.png')));
    hardenWindow(mainWindow, session.defaultSession, shell, rendererDir);
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    mainWindow.on('closed', () => (mainWindow = null));
    await mainWindow.loadFile(path.join(rendererDir, 'index.html'));
  });

  app.on('window-all-closed', async () => {
    await services?.close();
    app.quit();
  });
}
