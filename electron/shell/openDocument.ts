import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { OPEN_DOCUMENT_CHANNEL, OPEN_DOCUMENT_MAX_BYTES, openDocumentFileName, type OpenDocumentResult } from '../../shared/desktopShell';
import { isAppUrl } from './hardenWindow';

/** Where the copies opened with WPS/Word go: one folder per copy, so a file still open in WPS is never overwritten. */
export function printFolder(): string {
  return path.join(os.tmpdir(), 'cadre-desk-print');
}

/** Copies older than this are removed (they hold personal data; WPS has long finished with them). */
const KEEP_MS = 24 * 60 * 60 * 1000;

export interface OpenDocumentDeps {
  /** `shell.openPath`: resolves with '' when the file opened, otherwise an error text. */
  openPath: (file: string) => Promise<string>;
  rendererDir: string;
  log: { error(...args: unknown[]): void };
  /** The temporary folder (tests pass their own). */
  folder?: string;
  now?: () => number;
}

/** Removes the copies older than a day; a copy still open (locked on Windows) stays until next time. */
export function sweepPrintFolder(folder: string, now = Date.now()): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(folder, e.name);
    try {
      if (now - fs.statSync(p).mtimeMs > KEEP_MS) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      /* in use: next time */
    }
  }
}

/**
 * Writes a Word file the page generated to a temporary file and opens it with the system's default program. Only the
 * app's own pages may ask; only a .docx (a zip) under the size limit is written, under a safe name, readable by the
 * user alone.
 */
export async function openDocument(fileName: unknown, base64: unknown, deps: OpenDocumentDeps): Promise<OpenDocumentResult> {
  if (typeof fileName !== 'string' || typeof base64 !== 'string' || fileName.length > 500) return { ok: false, message: '无法打开：文件无效' };
  if (base64.length > Math.ceil(OPEN_DOCUMENT_MAX_BYTES / 3) * 4 + 4) return { ok: false, message: '无法打开：文件过大' };
  const bytes = Buffer.from(base64, 'base64');
  // A .docx is a zip: refuse anything else, whatever its name says.
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) return { ok: false, message: '无法打开：不是 Word 文档' };
  const name = openDocumentFileName(fileName);
  const folder = deps.folder ?? printFolder();
  let file: string;
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    // On a shared /tmp the folder must be this user's own, not a link or another user's folder.
    const stat = fs.lstatSync(folder);
    if (!stat.isDirectory() || (typeof process.getuid === 'function' && stat.uid !== process.getuid())) throw new Error(`${folder} is not this user's folder`);
    sweepPrintFolder(folder, deps.now?.());
    const dir = fs.mkdtempSync(path.join(folder, 'doc-'));
    file = path.join(dir, name);
    fs.writeFileSync(file, bytes, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    deps.log.error('[open-document] write failed', err);
    return { ok: false, message: '无法打开：不能写入临时文件夹' };
  }
  const failure = await deps.openPath(file);
  if (failure) return { ok: false, message: `无法打开“${name}”：系统中没有可打开 Word 文档的程序（${failure}）。请用“另存为 Word”保存后用 WPS 或 Word 打开。` };
  return { ok: true };
}

/** Handles `window.cadreDeskShell.openDocument` in the main process. */
export function registerOpenDocument(ipcMain: Pick<IpcMain, 'handle'>, deps: OpenDocumentDeps): void {
  ipcMain.handle(OPEN_DOCUMENT_CHANNEL, async (event: IpcMainInvokeEvent, fileName: unknown, base64: unknown) => {
    const url = event.senderFrame?.url ?? '';
    if (!isAppUrl(url, deps.rendererDir)) {
      deps.log.error(`[open-document] refused call from ${url}`);
      return { ok: false, message: '访问被拒绝：请求不是来自本系统页面' } satisfies OpenDocumentResult;
    }
    return openDocument(fileName, base64, deps);
  });
}
