import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import log from 'electron-log/main';
import { systemContext } from './services/ServiceContext';
import { DbWorkerClient } from './worker/DbWorkerClient';
import { restrictNewFiles } from './db/privateFiles';
import { APP_INDEX_URL, APP_SCHEME_PRIVILEGES, registerAppProtocol } from './shell/appProtocol';
import { hardenWindow, type ShellQuestions } from './shell/hardenWindow';
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

// The renderer comes from app://cadre-desk/ (electron/shell/appProtocol.ts), never from file://.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

/** The shell's questions, as native dialogs over the main window. */
function questions(win: BrowserWindow): ShellQuestions {
  return {
    confirmExternal: async (url) =>
      (await dialog.showMessageBox(win, { type: 'question', title: '打开外部网址', message: '用系统浏览器打开以下网址？', detail: url, buttons: ['打开', '取消'], defaultId: 1, cancelId: 1 })).response === 0,
    confirmDiscard: () =>
      dialog.showMessageBoxSync(win, { type: 'warning', title: '有未保存的修改', message: '有未保存的修改', detail: '关闭窗口后，本次填写但尚未保存的内容将丢失。', buttons: ['关闭，不保存', '留在此处'], defaultId: 1, cancelId: 1 }) === 0,
  };
}

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
    registerAppProtocol(protocol, rendererDir);
    registerIpc(ipcMain, database.route, { ...systemContext(), openFile: (p) => shell.openPath(p) }, rendererDir, log);
    registerOpenDocument(ipcMain, { openPath: (p) => shell.openPath(p), rendererDir, log });
    mainWindow = new BrowserWindow(mainWindowOptions(path.join(__dirname, '..', 'preload', 'preload.cjs'), path.join(__dirname, '..', '..', 'build', 'icon.png')));
    hardenWindow(mainWindow, session.defaultSession, shell, rendererDir, questions(mainWindow));
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    mainWindow.on('closed', () => (mainWindow = null));
    await mainWindow.loadURL(APP_INDEX_URL);
  });

  app.on('window-all-closed', async () => {
    await database?.close();
    app.quit();
  });
}
