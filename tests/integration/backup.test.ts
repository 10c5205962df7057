import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sqlite as sqlite3 } from '../../electron/db/sqliteDriver';
import { DataSource } from 'typeorm';
import yazl from 'yazl';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CadreInputSchema } from '../../shared/cadre';
import { createHandlers } from '../../electron/api/handlers';
import { dispatch } from '../../electron/api/dispatch';
import { ledgerKeyPath } from '../../electron/archive/ledgerKey';
import { inspectBackupArchive } from '../../electron/backup/backupArchive';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { ENTITIES } from '../../electron/db/entities';
import { MIGRATIONS } from '../../electron/db/migrations';
import { AppServices } from '../../electron/services/AppServices';
import { postingWithRecords } from '../helpers/documentFixtures';
import { refusalMessage } from '../helpers/refusal';
import { runCli } from '../helpers/runCli';
import { tamper } from '../helpers/tamper';
import { tempServices, testCtx } from '../helpers/tempServices';
import { describeSqliteOnly } from '../helpers/testDb';

type Env = Awaited<ReturnType<typeof tempServices>>;

const person = (i: number) =>
  CadreInputSchema.parse({ name: `备份测试${i}`, gender: i % 2 ? '女' : '男', birthDate: '1988.06', idNumber: makeIdNumber('610902', '19880611', 101 + i * 2, i % 2 ? '女' : '男') });

const count = async (s: AppServices, table: string) => Number((await s.db.manager.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
const fileHash = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

/** A cadre with an archived 年度考核 and a result with an evidence file: something to lose. */
async function seed(s: AppServices, i: number) {
  const { postingId } = await postingWithRecords(s, {
    input: { ...person(i), workUnit: '安康市商务局' },
    annual: [{ year: 2026, grade: '优秀', state: '已归档' }],
  });
  const r = await s.ledger.save(testCtx, { postingId, category: '招商引资', title: `签约项目${i}`, date: '2026.06.18', amount: 100 + i });
  await s.ledger.addEvidence(testCtx, { resultId: r.id, fileName: `协议${i}.pdf`, base64: Buffer.from(`%PDF-1.4 协议 ${i}`).toString('base64') });
}

describeSqliteOnly('backup and restore', '.cdbak 备份为 SQLite 文件快照；服务器上用 pg_dump，另行实现', () => {
  let env: Env;
  beforeEach(async () => {
    env = await tempServices();
  });
  afterEach(async () => {
    await env.cleanup();
  });

  it('backs up while another writer keeps committing; the backup restores to a consistent state with every row committed before it', async () => {
    await seed(env.s, 0);
    // A second connection (another window, the CLI) writing as fast as it can during the backup.
    const writer = await AppServices.open(env.s.dbFile);
    let stop = false;
    let written = 0;
    const writing = (async () => {
      for (let i = 1; !stop && i < 400; i++) {
        await writer.cadres.save(testCtx, person(i));
        written++;
      }
    })();
    await new Promise((r) => setTimeout(r, 150));
    const before = written;
    const info = await env.s.backups.backup(testCtx);
    stop = true;
    await writing;
    await writer.close();
    expect(before).toBeGreaterThan(0);

    // Restore it into a fresh place and look: each cadre came with its audit entry (same transaction) — no torn write.
    const other = await tempServices();
    try {
      const r = await other.s.backups.restore(testCtx, info.file);
      expect(r.restored.fileName).toBe(info.fileName);
      const cadres = await count(other.s, 'cadre');
      expect(cadres).toBeGreaterThanOrEqual(1 + before);
      expect(cadres).toBe(info.counts.cadre);
      expect(Number((await other.s.db.manager.query(`SELECT COUNT(*) AS n FROM audit_log WHERE entity_type = 'cadre' AND action = '新建'`))[0].n)).toBe(cadres);
      expect(await other.s.archives.verify()).toMatchObject({ ok: true, checked: 1 });
      // The evidence file came back too, byte for byte.
      const [ev] = await other.s.db.manager.query(`SELECT id FROM evidence_file`);
      const evidence = await other.s.ledger.evidencePath(ev.id);
      expect(fs.readFileSync(evidence.path).toString()).toBe('%PDF-1.4 协议 0');
    } finally {
      await other.cleanup();
    }
  });

  it('backs up while the app’s read connection is inside a snapshot (the daily backup runs beside other calls)', async () => {
    await seed(env.s, 0);
    const info = await env.s.db.read(async (m) => {
      await m.query('SELECT COUNT(*) FROM cadre');
      return env.s.backups.backup(testCtx);
    });
    expect(info.counts.cadre).toBe(1);
  });

  it('refuses a damaged, foreign or truncated file, or one that fails verify, and changes nothing', async () => {
    await seed(env.s, 0);
    const good = await env.s.backups.backup(testCtx);
    await env.s.cadres.save(testCtx, person(5));
    const dbBefore = await count(env.s, 'cadre');
    const keyBefore = fileHash(ledgerKeyPath(env.s.dbFile));

    const truncated = path.join(env.dir, 'truncated.cdbak');
    fs.writeFileSync(truncated, fs.readFileSync(good.file).subarray(0, Math.floor(good.size / 2)));
    const random = path.join(env.dir, 'random.cdbak');
    fs.writeFileSync(random, crypto.randomBytes(4096));
    const foreign = path.join(env.dir, 'foreign.cdbak');
    await zipOf(foreign, { 'word/document.xml': '<w:document/>' });
    const alteredManifest = path.join(env.dir, 'altered.cdbak');
    await alterDatabaseMember(good.file, alteredManifest);

    // A backup that is complete and well-formed but whose archive was tampered with before it was taken.
    await tamper(env.s.dbFile, `UPDATE assessment_record SET grade = '不称职' WHERE state = '已归档'`);
    const tampered = await env.s.backups.backup(testCtx);
    await tamper(env.s.dbFile, `UPDATE assessment_record SET grade = '优秀' WHERE state = '已归档'`);

    const cases: [string, RegExp][] = [
      [truncated, /无法使用：.*(损坏|截断)/],
      [random, /无法使用：不是有效的备份文件/],
      [foreign, /无法使用：缺少清单/],
      [alteredManifest, /校验值不符/],
      [tampered.file, /归档记录核对未通过.*年度考核/],
      [path.join(env.dir, 'none.cdbak'), /备份文件不存在/],
    ];
    for (const [file, message] of cases) {
      expect(await refusalMessage(env.s.backups.restore(testCtx, file)), path.basename(file)).toMatch(message);
      expect(await count(env.s, 'cadre')).toBe(dbBefore);
    }
    expect(fileHash(ledgerKeyPath(env.s.dbFile))).toBe(keyBefore);
    expect((await env.s.archives.verify()).ok).toBe(true);
    // No 恢复前 backup was made for a refused restore, and no staging folder was left behind.
    expect(fs.readdirSync(path.dirname(good.file)).filter((f) => f.includes('恢复前'))).toEqual([]);
    expect(fs.readdirSync(env.dir).filter((f) => f.startsWith('.restore-'))).toEqual([]);

    // Through the contract: restore needs confirm: true.
    const h = createHandlers(env.s);
    expect(await dispatch(h, 'backup:restore', { file: good.file }, { ...testCtx, mode: 'browser' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('确认') } });
  });

  it('keeps this PC’s backup settings through a restore (they describe the PC, not the data)', async () => {
    await seed(env.s, 0);
    const b = await env.s.backups.backup(testCtx);
    const folder = path.join(env.dir, '第二块硬盘');
    await env.s.settings.set(testCtx, { key: 'backupFolder', value: folder });
    await env.s.settings.set(testCtx, { key: 'backupKeepDaily', value: 7 });
    const r = await env.s.backups.restore(testCtx, b.file);
    expect(r.safetyBackup.file.startsWith(folder)).toBe(true);
    expect(await env.s.settings.get()).toMatchObject({ backupFolder: folder, backupKeepDaily: 7 });
    expect((await env.s.backups.list()).defaultFolder).toBe(path.join(env.dir, 'backups'));
  });

  it('restores onto another PC (another ledger key) whose backup settings differ, and verify stays clean', async () => {
    await seed(env.s, 0);
    const b = await env.s.backups.backup(testCtx, { out: path.join(env.dir, '带走', '档案.cdbak') });
    const other = await tempServices();
    try {
      await seed(other.s, 5);
      await other.s.settings.set(testCtx, { key: 'backupKeepDaily', value: 9 });
      await other.s.backups.restore(testCtx, b.file);
      expect(await other.s.settings.get()).toMatchObject({ backupKeepDaily: 9 });
      expect(await other.s.archives.verify()).toMatchObject({ ok: true, ledger: { entries: 1 }, audit: { problems: [] } });
    } finally {
      await other.cleanup();
    }
  });

  it('a restore drill: ten backups of a growing database each restore and verify', async () => {
    const backups = [];
    for (let i = 0; i < 10; i++) {
      await seed(env.s, i);
      backups.push(await env.s.backups.backup(testCtx, { out: path.join(env.dir, 'drill', `第${i + 1}次.cdbak`) }));
    }
    for (const [i, b] of backups.entries()) {
      const r = await env.s.backups.restore(testCtx, b.file);
      expect(r.restored.counts.cadre).toBe(i + 1);
      expect(await count(env.s, 'cadre')).toBe(i + 1);
      expect(await count(env.s, 'evidence_file')).toBe(i + 1);
      expect(await env.s.archives.verify()).toMatchObject({ ok: true, checked: i + 1, ledger: { entries: i + 1 } });
      const [{ n }] = await env.s.db.manager.query(`SELECT COUNT(*) AS n FROM evidence_file`);
      for (let id = 1; id <= Number(n); id++) expect(fs.existsSync((await env.s.ledger.evidencePath(id)).path)).toBe(true);
    }
  });

  it('CLI: backup --out, list-backups --json, restore without --yes changes nothing, with --yes restores', async () => {
    await seed(env.s, 0);
    const out = path.join(env.dir, '手动备份.cdbak');
    const b = runCli(['--db', env.s.dbFile, '--json', 'backup', '--out', out]);
    expect(b.status, b.stderr).toBe(0);
    expect(JSON.parse(b.stdout)).toMatchObject({ file: out, reason: '手动', counts: { cadre: 1 }, ledgerHead: { seq: 1 } });
    const manifest = await inspectBackupArchive(out);
    const names = manifest.members.map((m) => m.name);
    expect(names.slice(0, 2)).toEqual(['database/cadre.db', 'database/ledger-key']);
    expect(names.slice(2)).toEqual([expect.stringMatching(/^evidence\/[0-9a-f]{2}\/[0-9a-f]{64}\.pdf$/)]);

    await env.s.cadres.save(testCtx, person(7));
    const dry = runCli(['--db', env.s.dbFile, '--json', 'restore', out]);
    expect(dry.status).toBe(2);
    expect(JSON.parse(dry.stdout)).toMatchObject({ ok: false, restored: null, preview: { backup: { counts: { cadre: 1 } }, current: { counts: { cadre: 2 } } } });
    expect(await count(env.s, 'cadre')).toBe(2);

    const yes = runCli(['--db', env.s.dbFile, '--json', 'restore', out, '--yes']);
    expect(yes.status, yes.stderr).toBe(0);
    expect(JSON.parse(yes.stdout)).toMatchObject({ ok: true, restored: { file: out }, safetyBackup: { reason: '恢复前' } });
    expect(await count(env.s, 'cadre')).toBe(1);

    const list = runCli(['--db', env.s.dbFile, '--json', 'list-backups']);
    const listed = JSON.parse(list.stdout);
    expect(listed.folder).toBe(path.join(env.dir, 'backups'));
    expect(listed.items.map((i: { reason: string }) => i.reason)).toEqual(['恢复前']);

    const bad = runCli(['--db', env.s.dbFile, 'restore', path.join(env.dir, 'nothing.cdbak'), '--yes']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('备份文件不存在');
  });

  it('backs up once a day automatically and keeps the newest days and the first of each month', async () => {
    await seed(env.s, 0);
    await env.s.settings.set(testCtx, { key: 'backupKeepDaily', value: 3 });
    await env.s.settings.set(testCtx, { key: 'backupKeepMonthly', value: 2 });
    const day = (d: string) => new Date(`${d}T09:30:00`);
    expect(await env.s.backups.dailyIfDue(testCtx, day('2026-09-30'))).not.toBeNull();
    expect(await env.s.backups.dailyIfDue(testCtx, day('2026-09-30'))).toBeNull();
    for (const d of ['2026-10-01', '2026-10-15', '2026-11-01', '2026-11-20', '2026-11-28', '2026-11-29']) await env.s.backups.dailyIfDue(testCtx, day(d));
    const names = (await env.s.backups.list()).items.map((i) => i.fileName.replace('挂职干部管理系统备份-', '').replace('-0930-自动.cdbak', ''));
    // Newest three days, plus the first of the newest two months (November's is among the days already kept).
    expect(names).toEqual(['2026-11-29', '2026-11-28', '2026-11-20', '2026-11-01', '2026-10-01']);
  });

  it('backs up an existing database before a schema migration changes it', async () => {
    await env.s.close();
    const file = path.join(env.dir, 'old.db');
    // A database as the previous version left it: migrated up to 0005, with a file in it.
    const old = new DataSource({ type: 'sqlite', driver: sqlite3, database: file, entities: ENTITIES, migrations: MIGRATIONS.slice(0, 5) });
    await old.initialize();
    await old.runMigrations();
    await old.query(`INSERT INTO cadre (name, gender, id_number) VALUES ('旧库人员', '男', '${person(1).idNumber}')`);
    await old.destroy();

    const s = await AppServices.open(file, { backupBeforeMigrations: true });
    try {
      const list = await s.backups.list();
      expect(list.items).toHaveLength(1);
      expect(list.items[0]).toMatchObject({ reason: '升级前', schemaVersion: new MIGRATIONS[4]().name, counts: { cadre: 1 } });
      expect(list.items[0].counts.archive_ledger).toBeUndefined();
      // Opening again migrates nothing and backs up nothing more.
    } finally {
      await s.close();
    }
    const again = await AppServices.open(file, { backupBeforeMigrations: true });
    expect((await again.backups.list()).items).toHaveLength(1);
    await again.close();
  });
});

/** A zip with the given text members: the shape of a backup without being one. */
async function zipOf(out: string, members: Record<string, string>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(members)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(fs.createWriteStream(out)).on('close', resolve).on('error', reject));
}

/** The same backup with one byte of the database changed (the manifest still names the old hash). */
async function alterDatabaseMember(source: string, out: string): Promise<void> {
  const { extractBackupArchive } = await import('../../electron/backup/backupArchive');
  const dir = fs.mkdtempSync(path.join(path.dirname(out), 'alter-'));
  await extractBackupArchive(source, dir);
  const manifest = await inspectBackupArchive(source);
  const db = fs.readFileSync(path.join(dir, 'database/cadre.db'));
  db[db.length - 100] ^= 0xff;
  fs.writeFileSync(path.join(dir, 'database/cadre.db'), db);
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(manifest)), 'manifest.json');
  for (const m of manifest.members) zip.addFile(path.join(dir, m.name), m.name);
  zip.end();
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(fs.createWriteStream(out)).on('close', resolve).on('error', reject));
  fs.rmSync(dir, { recursive: true, force: true });
}
