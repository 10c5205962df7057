import path from 'node:path';
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import log from 'electron-log/main';
import { systemContext } from './services/ServiceContext';
import { DbWorkerClient } from './worker/DbWorkerClient';
import { restrictNewFiles } from './db/privateFiles';
import { hardenWindow } from './shell/hardenWindow';
import { registerIpc } from './shell/ipc';
import { registerOpenDocument } from './shell/openDocument';
import { mainWindowOptions } from './shell/windowOptions';

// The thin Electron shell: window, IPC wiring, single instance. Everything else lives in the services.
log.initialize();
// Backups, print copies and logs made from now on are the user's alone (Linux desktops; Windows: the profile ACL).
restrictNewFiles();
app.setPath('userData', path.join(app.getPath('appData'), 'cadre-desk'));

const rendererDir = path.join(__dirname, '..', 'renderer');
let mainWindow: BrowserWindow | null = null;
// The database and the services run in a worker thread: this (the window's) thread only routes calls to it.
let database: DbWorkerClient | null = null;

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
      database = await DbWorkerClient.start(dbFile, log);
    } catch (err) {
      log.error('database open failed', err);
      const { dialog } = await import('electron');
      dialog.showErrorBox('无法打开数据库', `数据库文件：${dbFile}\n${err instanceof Error ? err.message : String(err)}`);
      app.quit();
      return;
    }
    registerIpc(ipcMain, database.route, { ...systemContext(), openFile: (p) => shell.openPath(p) }, rendererDir, log);
    registerOpenDocument(ipcMain, { openPath: (p) => shell.openPath(p), rendererDir, log });
    mainWindow = new BrowserWindow(mainWindowOptions(path.join(__dirname, '..', 'preload', 'preload.cjs'), path.join(__dirname, '..', '..', 'build', 'icon.png')));
    hardenWindow(mainWindow, session.defaultSession, shell, rendererDir);
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    mainWindow.on('closed', () => (mainWindow = null));
    await mainWindow.loadFile(path.join(rendererDir, 'index.html'));
  });

  app.on('window-all-closed', async () => {
    await database?.close();
    app.quit();
  });
}
