import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDocument, printFolder, registerOpenDocument, sweepPrintFolder } from '../../electron/shell/openDocument';
import { OPEN_DOCUMENT_CHANNEL, openDocumentFileName } from '../../shared/desktopShell';

// 用 WPS/Word 打开 in the desktop app: the main process writes the page's .docx to a temporary file and opens it
// with the system's default program. `electron` is mocked for the preload (the real binary cannot run here).
const state = vi.hoisted(() => ({ exposed: {} as Record<string, unknown>, invoked: [] as unknown[][] }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => (state.exposed[key] = api)) },
  ipcRenderer: { invoke: vi.fn(async (...args: unknown[]) => (state.invoked.push(args), { ok: true })), on: vi.fn(), removeListener: vi.fn() },
}));

const RENDERER = '/opt/cadre-desk/resources/app/out/renderer';
/** The first bytes of a zip (a .docx is one) and some content. */
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('word/document.xml …')]);

let folder: string;
let opened: string[];
const log = { error: vi.fn() };
const deps = (openPath: (p: string) => Promise<string> = async (p) => (opened.push(p), '')) => ({ openPath, rendererDir: RENDERER, log, folder });

beforeEach(() => {
  folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-open-')), 'cadre-desk-print');
  opened = [];
  log.error.mockReset();
});
afterEach(() => fs.rmSync(path.dirname(folder), { recursive: true, force: true }));

describe('openDocument', () => {
  it('writes the .docx under its own name in the temporary folder and opens it', async () => {
    const r = await openDocument('干部任免审批表-李明远.docx', DOCX.toString('base64'), deps());
    expect(r).toEqual({ ok: true });
    expect(opened).toHaveLength(1);
    expect(path.basename(opened[0])).toBe('干部任免审批表-李明远.docx');
    expect(opened[0].startsWith(folder + path.sep)).toBe(true);
    expect(fs.readFileSync(opened[0])).toEqual(DOCX);
    if (process.platform !== 'win32') {
      expect(fs.statSync(opened[0]).mode & 0o777).toBe(0o600);
      expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
    }
  });

  it('opens the same form twice without overwriting the copy WPS may still have open', async () => {
    await openDocument('花名册.docx', DOCX.toString('base64'), deps());
    await openDocument('花名册.docx', DOCX.toString('base64'), deps());
    expect(opened).toHaveLength(2);
    expect(opened[0]).not.toBe(opened[1]);
    expect(path.basename(opened[1])).toBe('花名册.docx');
  });

  it('only ever writes a .docx inside the folder, whatever name the page sends', async () => {
    for (const name of ['../../.bashrc', 'C:\\Windows\\evil.exe', 'run.bat', 'CON', '', '..']) {
      opened = [];
      expect(await openDocument(name, DOCX.toString('base64'), deps())).toEqual({ ok: true });
      const file = opened[0];
      expect(file.endsWith('.docx')).toBe(true);
      expect(path.dirname(path.dirname(file))).toBe(folder);
    }
    expect(openDocumentFileName('a/b/c.exe')).toBe('c.exe.docx');
    expect(openDocumentFileName('CON')).toBe('CON_.docx');
    expect(openDocumentFileName('')).toBe('文档.docx');
  });

  it('refuses what is not a Word document (not a zip), not a string, or too large', async () => {
    const mz = Buffer.from('MZ\x90\x00 executable').toString('base64');
    expect(await openDocument('表.docx', mz, deps())).toEqual({ ok: false, message: '无法打开：不是 Word 文档' });
    expect(await openDocument(42, DOCX.toString('base64'), deps())).toMatchObject({ ok: false });
    expect(await openDocument('表.docx', { length: 1 }, deps())).toMatchObject({ ok: false });
    expect(await openDocument('表.docx', 'A'.repeat(80 * 1024 * 1024), deps())).toEqual({ ok: false, message: '无法打开：文件过大' });
    expect(opened).toHaveLength(0);
  });

  it('says so in Chinese when no program opens .docx files', async () => {
    const r = await openDocument('表.docx', DOCX.toString('base64'), deps(async () => 'No application is associated'));
    expect(r).toMatchObject({ ok: false });
    expect((r as { message: string }).message).toContain('无法打开“表.docx”');
    expect((r as { message: string }).message).toContain('No application is associated');
  });

  it('refuses a folder that is a link (a shared /tmp)', async () => {
    if (process.platform === 'win32') return;
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-elsewhere-'));
    fs.symlinkSync(elsewhere, folder);
    const r = await openDocument('表.docx', DOCX.toString('base64'), deps());
    expect(r).toEqual({ ok: false, message: '无法打开：不能写入临时文件夹' });
    expect(fs.readdirSync(elsewhere)).toEqual([]);
    fs.rmSync(elsewhere, { recursive: true, force: true });
  });

  it('removes copies older than a day, keeps newer ones', async () => {
    await openDocument('旧.docx', DOCX.toString('base64'), deps());
    const old = path.dirname(opened[0]);
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000);
    fs.utimesSync(old, dayAgo, dayAgo);
    await openDocument('新.docx', DOCX.toString('base64'), deps());
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(opened[1])).toBe(true);
    sweepPrintFolder(path.join(folder, 'missing'));
  });

  it('uses os.tmpdir()/cadre-desk-print by default', () => {
    expect(printFolder()).toBe(path.join(os.tmpdir(), 'cadre-desk-print'));
  });
});

describe('the open-document IPC channel', () => {
  it('answers only the app’s own pages', async () => {
    let handler!: (event: unknown, fileName: unknown, base64: unknown) => Promise<unknown>;
    registerOpenDocument({ handle: (name: string, fn: typeof handler) => (expect(name).toBe(OPEN_DOCUMENT_CHANNEL), (handler = fn)) } as never, deps());
    const refused = await handler({ senderFrame: { url: 'https://evil.example/' } }, '表.docx', DOCX.toString('base64'));
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('访问被拒绝') });
    expect(opened).toHaveLength(0);
    expect(log.error).toHaveBeenCalled();
    const ok = await handler({ senderFrame: { url: 'app://cadre-desk/index.html#/cadres/1' } }, '表.docx', DOCX.toString('base64'));
    expect(ok).toEqual({ ok: true });
    expect(opened).toHaveLength(1);
  });
});

describe('electron/preload.ts', () => {
  it('exposes openDocument beside the contract bridge, over the open-document channel only', async () => {
    await import('../../electron/preload');
    expect(Object.keys(state.exposed).sort()).toEqual(['cadreDesk', 'cadreDeskShell']);
    const shell = state.exposed.cadreDeskShell as { openDocument(f: unknown, b: unknown): Promise<unknown> };
    expect(Object.keys(shell)).toEqual(['openDocument']);
    await shell.openDocument('表.docx', 'UEsDBA==');
    expect(state.invoked).toEqual([[OPEN_DOCUMENT_CHANNEL, '表.docx', 'UEsDBA==']]);
    expect(await shell.openDocument({ path: '/etc/passwd' }, 'x')).toMatchObject({ ok: false });
    expect(state.invoked).toHaveLength(1);
  });
});
