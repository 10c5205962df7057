import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EVIDENCE_ACCEPT, EVIDENCE_EXTENSIONS, evidenceContentRefusal, isEvidenceFileName } from '../../shared/evidenceTypes';
import { writeBackup } from '../../electron/backup/BackupService';
import { extractBackupArchive } from '../../electron/backup/backupArchive';
import { snapshotInto } from '../../electron/backup/sqliteFiles';
import { desktopHandlers } from '../../electron/api/handlers/desktop';
import { encryptBytes, newDataKey } from '../../electron/crypto/dataKey';
import { KeyRing } from '../../electron/crypto/KeyRing';
import { AppServices } from '../../electron/services/AppServices';
import { EvidenceStore, evidenceRootFor, legacyEvidenceRootFor } from '../../electron/services/EvidenceStore';
import { DbWorkerClient } from '../../electron/worker/DbWorkerClient';
import { refusalMessage, saveDemoCadres } from '../helpers/refusal';
import { testCtx } from '../helpers/tempServices';
import { fillDisk, mountSmallDisk } from '../helpers/smallDisk';

/**
 * Issue 15, items 5, 6 and 11: evidence files are documents and pictures only (allow-list, by name and first bytes,
 * at upload and before the system viewer opens one); each database keeps its own evidence folder (two databases in
 * one folder never delete each other's files; the old shared folder is adopted by copy); a failed write (a full
 * disk) leaves no temporary file and says the disk is full.
 */

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from('PK\x03\x04', 'latin1');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A file of each accepted kind, its first bytes as that kind's (the rest invented). */
const sample = (ext: string, tag = ''): Buffer => {
  const body = Buffer.from(` 工作实绩佐证材料 ${ext} ${tag}`.padEnd(200, '.'));
  switch (ext) {
    case 'pdf':
      return Buffer.concat([Buffer.from('%PDF-1.7\n'), body, Buffer.from('\n%%EOF\n')]);
    case 'doc':
    case 'xls':
    case 'wps':
    case 'et':
      return Buffer.concat([OLE, body]);
    case 'docx':
    case 'xlsx':
    case 'ofd':
      return Buffer.concat([ZIP, body]);
    case 'jpg':
    case 'jpeg':
      return Buffer.concat([JPEG, body]);
    case 'png':
      return Buffer.concat([PNG, body]);
    default:
      return Buffer.from(`2026年上半年工作小结 ${tag}\n`);
  }
};

/** A database with one cadre (invented, from the demo set), a posting and a work result to attach files to. */
async function withResult(dbFile: string): Promise<{ s: AppServices; resultId: number }> {
  const s = await AppServices.open(dbFile);
  const [cadreId] = await saveDemoCadres(s, 1);
  const postingId = (await s.postings.save(testCtx, { cadreId, direction: '派出', hostUnit: '常州市武进区商务局', startDate: '2025.12.01', plannedEndDate: '2026.11.30', status: '在岗' })).id;
  const resultId = (await s.ledger.save(testCtx, { postingId, category: '招商引资', title: '新能源配套项目签约', date: '2026.05.20', amount: 1200 })).id;
  return { s, resultId };
}

const attach = (s: AppServices, resultId: number, fileName: string, bytes: Buffer) =>
  s.ledger.addEvidence(testCtx, { resultId, fileName, base64: bytes.toString('base64') });

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });

/** Every `*.tmp` under `dir`. */
const tempsUnder = (dir: string) =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('tmp')).map((e) => e.name) : [];

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-evidence-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('evidence is a document or a picture (allow-list)', () => {
  it('lists the accepted kinds once, for the upload control too', () => {
    expect(EVIDENCE_EXTENSIONS).toEqual(['pdf', 'doc', 'docx', 'xls', 'xlsx', 'wps', 'et', 'ofd', 'jpg', 'jpeg', 'png', 'txt']);
    expect(EVIDENCE_ACCEPT).toBe('.pdf,.doc,.docx,.xls,.xlsx,.wps,.et,.ofd,.jpg,.jpeg,.png,.txt');
    expect(isEvidenceFileName('C:\\扫描\\协议.PDF')).toBe(true);
    for (const name of ['a.html', 'a.pdf.url', 'pdf', '.pdf', 'a.constructor', 'a.__proto__', 'a.toString']) expect(isEvidenceFileName(name)).toBe(false);
  });

  it('accepts every kind on the list whose first bytes fit it, and refuses anything else with the list of what is accepted', async () => {
    const { s, resultId } = await withResult(path.join(dir, 'cadre.db'));
    try {
      for (const ext of EVIDENCE_EXTENSIONS) expect(await attach(s, resultId, `佐证材料.${ext.toUpperCase()}`, sample(ext))).toMatchObject({ fileName: `佐证材料.${ext.toUpperCase()}` });

      const hostile = ['快捷方式.url', '帮助.chm', '报道.html', '报道.htm', '图标.svg', '光盘.iso', '宏文档.docm', '启动.desktop', '插件.xll', '程序.jnlp', '链接.lnk', 'setup.exe', '脚本.ps1', '压缩包.zip', '网页.mht', '无扩展名'];
      for (const name of hostile) {
        const message = await refusalMessage(attach(s, resultId, name, sample('pdf')));
        expect(message).toMatch(new RegExp(`^证据文件：不能上传“${name.replace('.', '\\.')}”（(\\.[a-z0-9]+ 文件|没有扩展名)）。只能上传 PDF、Word（\\.doc \\.docx）、Excel（\\.xls \\.xlsx）、WPS（\\.wps \\.et）、OFD、图片（\\.jpg \\.png）、文本（\\.txt）$`));
      }

      // Content that is not what its name says.
      const mismatched: [string, Buffer, string][] = [
        ['报道.pdf', Buffer.from('<html><script>alert(1)</script></html>'), 'PDF 文档'],
        ['协议.doc', sample('docx'), 'Word 97-2003 文档'],
        ['协议.docx', sample('doc'), 'Word 文档'],
        ['台账.et', sample('pdf'), 'WPS 表格'],
        ['公文.ofd', sample('png'), 'OFD 版式文档'],
        ['照片.jpg', sample('png'), 'JPEG 图片'],
        ['照片.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'PNG 图片'],
      ];
      for (const [name, bytes, label] of mismatched)
        expect(await refusalMessage(attach(s, resultId, name, bytes))).toBe(`证据文件：“${name}”的内容不是${label}（文件已损坏，或改过扩展名），不能上传。请用原程序另存为 PDF 后再上传`);
      // A PDF header after a little leading junk (readers accept it within the first 1024 bytes).
      expect(evidenceContentRefusal('扫描件.pdf', Buffer.concat([Buffer.alloc(100, 0x20), sample('pdf')]))).toBeNull();
      expect(evidenceContentRefusal('扫描件.pdf', Buffer.concat([Buffer.alloc(1100, 0x20), sample('pdf')]))).not.toBeNull();

      const rows = (await s.ledger.list({ scope: 'cadre', id: 1 })).items[0].evidence;
      expect(rows).toHaveLength(EVIDENCE_EXTENSIONS.length);
    } finally {
      await s.close();
    }
  });

  it('never hands the system viewer a file outside the list, attached before the list existed, or not what its name says', async () => {
    const { s, resultId } = await withResult(path.join(dir, 'cadre.db'));
    try {
      const good = await attach(s, resultId, '签约协议.pdf', sample('pdf'));
      // Rows from before the allow-list: a web page, and a "pdf" that is a web page.
      const page = Buffer.from('<html><body>挂职工作报道</body></html>');
      const pageSha = s.ledger.store.put(page, 'html').sha256;
      const fakeSha = s.ledger.store.put(page, 'pdf').sha256;
      const insert = (fileName: string, ext: string, sha256: string) =>
        s.db.write(async (m) => {
          await m.query(`INSERT INTO evidence_file (result_id, file_name, ext, size, sha256, created_at) VALUES (?, ?, ?, ?, ?, '2025-01-01T00:00:00.000Z')`, [resultId, fileName, ext, page.length, sha256]);
          const [r] = await m.query(`SELECT MAX(id) AS id FROM evidence_file`);
          return Number(r.id);
        });
      const html = await insert('报道.html', 'html', pageSha);
      const fake = await insert('报道.pdf', 'pdf', fakeSha);

      const opened: string[] = [];
      const ctx = { ...testCtx, mode: 'electron' as const, openFile: async (p: string) => (opened.push(p), '') };
      const h = desktopHandlers(s);
      expect(await h['desktop:openEvidence']({ id: good.id }, ctx)).toEqual({ opened: true });
      expect(opened).toEqual([s.ledger.store.pathOf(good.sha256, 'pdf')]);
      await expect(h['desktop:openEvidence']({ id: html }, ctx)).rejects.toThrow(/^证据文件“报道\.html”的类型（\.html）不能用系统程序打开；只能打开 PDF/);
      await expect(h['desktop:openEvidence']({ id: fake }, ctx)).rejects.toThrow('证据文件“报道.pdf”的内容不是PDF 文档（文件已损坏，或改过扩展名），不能用系统程序打开');
      expect(opened).toHaveLength(1);
      // Still downloadable as it was stored (the browser host saves it; nothing runs it).
      expect(Buffer.from((await s.ledger.evidenceContent(html)).base64, 'base64')).toEqual(page);
    } finally {
      await s.close();
    }
  });

  it('the main process opens nothing outside the list, whatever the database worker asks for', async () => {
    const opened: string[] = [];
    const sent: { result: string }[] = [];
    const client = Object.create(DbWorkerClient.prototype) as Record<string, unknown>;
    client.pending = new Map([[1, { ctx: { actor: 't', mode: 'electron', openFile: async (p: string) => (opened.push(p), '') } }]]);
    client.send = (m: { result: string }) => sent.push(m);
    const ask = async (p: string) => {
      (client.onMessage as (m: unknown) => void).call(client, { type: 'shell', id: sent.length + 1, path: p });
      await new Promise((r) => setTimeout(r, 0));
      return sent.at(-1)!.result;
    };
    expect(await ask('/data/cadre.db.evidence/ab/ab12.pdf')).toBe('');
    for (const p of ['/data/x.html', 'C:\\Users\\a\\run.url', '/tmp/a.desktop', '/tmp/noext']) expect(await ask(p)).toMatch(/^只能打开 PDF/);
    expect(opened).toEqual(['/data/cadre.db.evidence/ab/ab12.pdf']);
  });
});

describe('each database keeps its own evidence', () => {
  it('two databases in one folder: removing a file in one leaves the other’s copy', async () => {
    const a = await withResult(path.join(dir, 'cadre.db'));
    const b = await withResult(path.join(dir, 'cadre-副本.db'));
    try {
      const pdf = sample('pdf', '同一份协议');
      const ea = await attach(a.s, a.resultId, '协议.pdf', pdf);
      const eb = await attach(b.s, b.resultId, '协议.pdf', pdf);
      expect(ea.sha256).toBe(eb.sha256);
      expect(a.s.ledger.store.root).toBe(path.join(dir, 'cadre.db.evidence'));
      expect(b.s.ledger.store.root).toBe(path.join(dir, 'cadre-副本.db.evidence'));
      await a.s.ledger.removeEvidence(testCtx, ea.id);
      expect(a.s.ledger.store.exists(ea.sha256, 'pdf')).toBe(false);
      expect(Buffer.from((await b.s.ledger.evidenceContent(eb.id)).base64, 'base64')).toEqual(pdf);
      expect(fs.existsSync(path.join(dir, 'evidence'))).toBe(false);
    } finally {
      await a.s.close();
      await b.s.close();
    }
  });

  it('adopts the old shared folder by copy on open: two databases that shared it each keep every file they name', async () => {
    const aFile = path.join(dir, 'cadre.db');
    const bFile = path.join(dir, 'cadre-副本.db');
    const shared = sample('pdf', '两库共用');
    const onlyA = sample('jpg', '甲库');
    const onlyB = sample('docx', '乙库');
    const gone = sample('png', '早已丢失');
    let ids: Record<string, number> = {};
    {
      const a = await withResult(aFile);
      const b = await withResult(bFile);
      ids = {
        aShared: (await attach(a.s, a.resultId, '协议.pdf', shared)).id,
        aOnly: (await attach(a.s, a.resultId, '签约仪式.jpg', onlyA)).id,
        aGone: (await attach(a.s, a.resultId, '丢失.png', gone)).id,
        bShared: (await attach(b.s, b.resultId, '协议.pdf', shared)).id,
        bOnly: (await attach(b.s, b.resultId, '总结.docx', onlyB)).id,
      };
      await a.s.close();
      await b.s.close();
    }
    // The layout of earlier versions: one `evidence/` beside both databases.
    const legacy = path.join(dir, 'evidence');
    for (const f of [aFile, bFile]) {
      fs.cpSync(evidenceRootFor(f), legacy, { recursive: true, force: true });
      fs.rmSync(evidenceRootFor(f), { recursive: true });
    }
    const gonePath = path.join(legacy, EvidenceStore.sha256(gone).slice(0, 2), `${EvidenceStore.sha256(gone)}.png`);
    fs.rmSync(gonePath);
    const legacyFiles = () => fs.readdirSync(legacy, { recursive: true }).filter((f) => String(f).includes('.')).sort();
    const before = legacyFiles();
    expect(before).toHaveLength(3);

    // A backup before the move (the automatic backup before a schema migration runs before the store opens).
    const out = path.join(dir, 'before.cdbak');
    const { manifest, missingEvidence } = await writeBackup({ dbFile: aFile, snapshot: (f) => snapshotInto(aFile, f, undefined), key: null, evidenceKey: null }, out, { reason: '升级前', actor: '系统' });
    expect(manifest.members.filter((m) => m.name.startsWith('evidence/'))).toHaveLength(2);
    expect(missingEvidence).toEqual([`${EvidenceStore.sha256(gone).slice(0, 2)}/${EvidenceStore.sha256(gone)}.png`]);

    const a = await AppServices.open(aFile);
    try {
      // A's own folder holds what A names; the old folder is untouched (B still names files there).
      expect(fs.readdirSync(evidenceRootFor(aFile), { recursive: true }).filter((f) => String(f).includes('.')).sort()).toEqual(
        [shared, onlyA].map((x) => `${EvidenceStore.sha256(x).slice(0, 2)}/${EvidenceStore.sha256(x)}.${x === shared ? 'pdf' : 'jpg'}`).sort(),
      );
      expect(legacyFiles()).toEqual(before);
      expect(Buffer.from((await a.ledger.evidenceContent(ids.aOnly)).base64, 'base64')).toEqual(onlyA);
      expect(await refusalMessage(a.ledger.evidenceContent(ids.aGone))).toContain('已不在数据文件夹中');
      // Opening again copies nothing more and reports the one file that is in neither folder.
      expect(await a.ledger.initialize(legacyEvidenceRootFor(aFile))).toEqual({ copied: 0, unverified: 0, missing: 1, failed: null, sweptTemps: 0 });
      // Removing evidence in A deletes A's copy only.
      await a.ledger.removeEvidence(testCtx, ids.aShared);
      await a.ledger.removeEvidence(testCtx, ids.aOnly);
      expect(a.ledger.store.exists(EvidenceStore.sha256(shared), 'pdf')).toBe(false);
      expect(legacyFiles()).toEqual(before);
    } finally {
      await a.close();
    }

    const b = await AppServices.open(bFile);
    try {
      expect(Buffer.from((await b.ledger.evidenceContent(ids.bShared)).base64, 'base64')).toEqual(shared);
      expect(Buffer.from((await b.ledger.evidenceContent(ids.bOnly)).base64, 'base64')).toEqual(onlyB);
      expect(fs.existsSync(path.join(evidenceRootFor(bFile), EvidenceStore.sha256(onlyA).slice(0, 2)))).toBe(false);
      // B's backup now takes the files from B's own folder.
      const backup = await b.backups.backup(testCtx, { out: path.join(dir, 'b.cdbak') });
      expect(backup.missingEvidence).toEqual([]);
      const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-unpacked-'));
      try {
        const m = await extractBackupArchive(backup.file, unpacked);
        expect(m.members.filter((x) => x.name.startsWith('evidence/')).map((x) => x.name).sort()).toEqual(
          [`evidence/${EvidenceStore.sha256(shared).slice(0, 2)}/${EvidenceStore.sha256(shared)}.pdf`, `evidence/${EvidenceStore.sha256(onlyB).slice(0, 2)}/${EvidenceStore.sha256(onlyB)}.docx`].sort(),
        );
      } finally {
        fs.rmSync(unpacked, { recursive: true, force: true });
      }
    } finally {
      await b.close();
    }
    expect(legacyFiles()).toEqual(before);

    // The backup made before the move restores A's files into A's own folder.
    const a2 = await AppServices.open(aFile);
    try {
      await a2.backups.restore(testCtx, out);
      expect(Buffer.from((await a2.ledger.evidenceContent(ids.aOnly)).base64, 'base64')).toEqual(onlyA);
      expect(a2.ledger.store.exists(EvidenceStore.sha256(shared), 'pdf')).toBe(true);
    } finally {
      await a2.close();
    }
  });

  it('adopting on a full disk does not stop the database from opening: files not copied yet are read from the old folder', async () => {
    const dbFile = path.join(dir, 'cadre.db');
    const pdf = sample('pdf', '满盘时迁移');
    let id: number;
    {
      const { s, resultId } = await withResult(dbFile);
      id = (await attach(s, resultId, '协议.pdf', pdf)).id;
      await s.close();
    }
    fs.cpSync(evidenceRootFor(dbFile), legacyEvidenceRootFor(dbFile), { recursive: true });
    fs.rmSync(evidenceRootFor(dbFile), { recursive: true });
    const spy = vi.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw enospc();
    });
    const s = await AppServices.open(dbFile);
    spy.mockRestore();
    try {
      expect(tempsUnder(evidenceRootFor(dbFile))).toEqual([]);
      expect(s.ledger.store.exists(EvidenceStore.sha256(pdf), 'pdf')).toBe(true);
      expect(fs.existsSync(s.ledger.store.pathOf(EvidenceStore.sha256(pdf), 'pdf'))).toBe(false);
      expect(Buffer.from((await s.ledger.evidenceContent(id)).base64, 'base64')).toEqual(pdf);
      expect(await s.ledger.initialize(legacyEvidenceRootFor(dbFile))).toEqual({ copied: 1, unverified: 0, missing: 0, failed: null, sweptTemps: 0 });
      expect(fs.readFileSync(s.ledger.store.pathOf(EvidenceStore.sha256(pdf), 'pdf'))).toEqual(pdf);
    } finally {
      await s.close();
    }
  });

  it('adopting: a file readable with this database’s key is stored under it; one that is not is copied as it is, never dropped', () => {
    const legacy = path.join(dir, 'evidence');
    const mine = newDataKey('anKang2026').key;
    const other = newDataKey('hanYin2027').key;
    const plain = sample('pdf', '本库');
    const foreign = sample('pdf', '他库加密');
    const old = new EvidenceStore(legacy);
    old.put(plain, 'pdf');
    const foreignPath = old.pathOf(EvidenceStore.sha256(foreign), 'pdf');
    fs.mkdirSync(path.dirname(foreignPath), { recursive: true });
    fs.writeFileSync(foreignPath, encryptBytes(other.fileKey, foreign));

    const store = new EvidenceStore(path.join(dir, 'cadre.db.evidence'), new KeyRing(mine));
    const report = store.adoptFrom(legacy, [
      { sha256: EvidenceStore.sha256(plain), ext: 'pdf' },
      { sha256: EvidenceStore.sha256(foreign), ext: 'pdf' },
    ]);
    expect(report).toEqual({ copied: 2, unverified: 1, missing: 0, failed: null });
    // Encrypted with this database's key now (not readable as plain), and read back as it was.
    expect(fs.readFileSync(store.pathOf(EvidenceStore.sha256(plain), 'pdf')).includes(Buffer.from('本库'))).toBe(false);
    expect(store.read(EvidenceStore.sha256(plain), 'pdf')).toEqual(plain);
    expect(fs.readFileSync(store.pathOf(EvidenceStore.sha256(foreign), 'pdf'))).toEqual(fs.readFileSync(foreignPath));
    expect(fs.existsSync(old.pathOf(EvidenceStore.sha256(plain), 'pdf'))).toBe(true);
  });

  it('turning encryption on in one database rewrites its own files only', async () => {
    const aFile = path.join(dir, 'cadre.db');
    const a = await withResult(aFile);
    const b = await withResult(path.join(dir, 'cadre-副本.db'));
    try {
      const pdf = sample('pdf', '同一份协议');
      const ea = await attach(a.s, a.resultId, '协议.pdf', pdf);
      const eb = await attach(b.s, b.resultId, '协议.pdf', pdf);
      await a.s.encryption.enable(testCtx, 'anKang2026');
      expect(fs.readFileSync(a.s.ledger.store.pathOf(ea.sha256, 'pdf')).equals(pdf)).toBe(false);
      expect(Buffer.from((await a.s.ledger.evidenceContent(ea.id)).base64, 'base64')).toEqual(pdf);
      expect(fs.readFileSync(b.s.ledger.store.pathOf(eb.sha256, 'pdf'))).toEqual(pdf);
      expect(Buffer.from((await b.s.ledger.evidenceContent(eb.id)).base64, 'base64')).toEqual(pdf);
    } finally {
      await a.s.close();
      await b.s.close();
    }
  });
});

describe('a failed write leaves no temporary file', () => {
  it('an injected full disk: the upload is refused as a full disk, no .tmp and no row stay behind; it works once there is room', async () => {
    const { s, resultId } = await withResult(path.join(dir, 'cadre.db'));
    try {
      const spy = vi.spyOn(fs, 'writeSync').mockImplementation(() => {
        throw enospc();
      });
      const message = await refusalMessage(attach(s, resultId, '签约协议.pdf', sample('pdf')));
      expect(message).toMatch(new RegExp(`^磁盘空间不足：数据文件夹“${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”所在磁盘剩余 \\d+ MB，证据文件未能保存。请清理磁盘空间后重试$`));
      expect(spy).toHaveBeenCalled();
      expect(tempsUnder(s.ledger.store.root)).toEqual([]);
      expect(await s.db.manager.query(`SELECT id FROM evidence_file`)).toEqual([]);
      spy.mockRestore();
      const e = await attach(s, resultId, '签约协议.pdf', sample('pdf'));
      expect(Buffer.from((await s.ledger.evidenceContent(e.id)).base64, 'base64')).toEqual(sample('pdf'));
      expect(tempsUnder(s.ledger.store.root)).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('a failure after part of the file was written (and one at the rename) removes the partial file too', () => {
    const store = new EvidenceStore(path.join(dir, 'cadre.db.evidence'));
    const real = fs.writeSync;
    let calls = 0;
    vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buf: Buffer, off: number, len: number) => {
      if (calls++ === 0) return real(fd, buf, off, Math.min(len, 10));
      throw enospc();
    }) as typeof fs.writeSync);
    expect(() => store.put(sample('pdf', '部分写入'), 'pdf')).toThrow(/^磁盘空间不足/);
    expect(calls).toBe(2);
    expect(tempsUnder(store.root)).toEqual([]);
    vi.restoreAllMocks();
    vi.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
    });
    expect(() => store.put(sample('pdf', '改名失败'), 'pdf')).toThrow(/^读写数据文件夹“.+”时磁盘出错/);
    expect(tempsUnder(store.root)).toEqual([]);
  });

  it('stale temporary files (older than a day) are swept when the store opens; a fresh one may be another write and stays', async () => {
    const dbFile = path.join(dir, 'cadre.db');
    const root = evidenceRootFor(dbFile);
    fs.mkdirSync(path.join(root, 'ab'), { recursive: true });
    const stale = path.join(root, 'ab', `${'ab'.repeat(32)}.pdf.4242.0badf00d.tmp`);
    const oldRestore = path.join(root, 'ab', `${'ab'.repeat(32)}.jpg.restore-tmp`);
    const fresh = path.join(root, 'ab', `${'ab'.repeat(32)}.png.4343.0badf00d.tmp`);
    for (const f of [stale, oldRestore, fresh]) fs.writeFileSync(f, '');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    fs.utimesSync(stale, twoDaysAgo, twoDaysAgo);
    fs.utimesSync(oldRestore, twoDaysAgo, twoDaysAgo);
    const s = await AppServices.open(dbFile);
    try {
      expect(tempsUnder(root)).toEqual([path.basename(fresh)]);
    } finally {
      await s.close();
    }
  });
});


const smallDisk = mountSmallDisk(8 * 1024);
const describeDisk = typeof smallDisk === 'string' ? describe.skip : describe;

describeDisk(`evidence on a real full disk (tmpfs)${typeof smallDisk === 'string' ? `：跳过，${smallDisk}` : ''}`, () => {
  const disk = smallDisk as Exclude<typeof smallDisk, string>;
  afterAll(() => disk.unmount());

  it('an upload larger than the space left is refused as a full disk; no .tmp, no row; after freeing space it is stored', async () => {
    const { s, resultId } = await withResult(path.join(disk.dir, 'cadre.db'));
    try {
      const big = Buffer.concat([sample('pdf'), Buffer.alloc(512 * 1024, 0x41)]);
      const free = fillDisk(disk.dir, 128);
      let message: string;
      try {
        message = await refusalMessage(attach(s, resultId, '扫描件.pdf', big));
      } finally {
        free();
      }
      expect(message).toMatch(new RegExp(`^磁盘空间不足：数据文件夹“${disk.dir}”所在磁盘剩余 \\d+ MB，证据文件未能保存。请清理磁盘空间后重试$`));
      expect(tempsUnder(disk.dir)).toEqual([]);
      expect(await s.db.manager.query(`SELECT id FROM evidence_file`)).toEqual([]);
      const e = await attach(s, resultId, '扫描件.pdf', big);
      expect(Buffer.from((await s.ledger.evidenceContent(e.id)).base64, 'base64')).toEqual(big);
    } finally {
      await s.close();
    }
  });
});
