import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerKeyPath } from '../../electron/archive/ledgerKey';
import { inspectBackupArchive, PG_DUMP_MEMBER } from '../../electron/backup/backupArchive';
import { findPgTool, toolMajor } from '../../electron/backup/pgBackup';
import { loadDemo } from '../../electron/demo/loadDemo';
import { AppServices } from '../../electron/services/AppServices';
import { refusalMessage } from '../helpers/refusal';
import { runCli } from '../helpers/runCli';
import { tempServices, testCtx } from '../helpers/tempServices';
import { tamper } from '../helpers/tamper';
import { onPostgres, rawStatements } from '../helpers/testDb';

type Env = Awaited<ReturnType<typeof tempServices>>;
const count = async (s: AppServices, table: string) => Number((await s.db.manager.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
const pdf = Buffer.from('%PDF-1.4 服务器备份测试协议');

describe('PostgreSQL client tools', () => {
  it('reads the major version of pg_dump and pg_restore', () => {
    expect(toolMajor('pg_dump (PostgreSQL) 16.4 (Debian 16.4-1.pgdg120+1)')).toBe(16);
    expect(toolMajor('pg_restore (PostgreSQL) 17.0')).toBe(17);
    expect(toolMajor('something else')).toBeNull();
  });

  it.skipIf(!onPostgres)('refuses, in Chinese, tools older than the server', async () => {
    expect(await refusalMessage(findPgTool('pg_dump', 99))).toMatch(/数据库服务器为 PostgreSQL 99，本机的 pg_dump 为 \d+.*较旧的工具不能备份较新的服务器/);
  });
});

/** Backups of a server database: pg_dump's custom format with the key and the evidence, restored with pg_restore. */
describe.skipIf(!onPostgres)('backups on the database server（需要数据库服务器：npm run test:pg）', () => {
  let env: Env;
  beforeEach(async () => {
    env = await tempServices();
    await loadDemo(env.s, testCtx);
    const [{ id: resultId }] = await env.s.db.manager.query(`SELECT id FROM work_result ORDER BY id LIMIT 1`);
    await env.s.ledger.addEvidence(testCtx, { resultId, fileName: '协议.pdf', base64: pdf.toString('base64') });
  });
  afterEach(async () => {
    await env.cleanup();
  });

  it('backs up with pg_dump, previews, and restores the database, the key and the evidence; verify stays clean', async () => {
    const { s, dir } = env;
    const before = { cadres: await count(s, 'cadre'), audit: await count(s, 'audit_log') };
    const info = await s.backups.backup(testCtx);
    expect(info.file.startsWith(path.join(dir, 'backups'))).toBe(true);
    expect(info.counts.cadre).toBe(before.cadres);
    expect(info.counts.evidence_file).toBe(1);
    expect(info.missingEvidence).toEqual([]);
    const manifest = await inspectBackupArchive(info.file);
    expect(manifest.engine).toBe('postgres');
    expect(manifest.members.map((m) => m.name)).toEqual(expect.arrayContaining([PG_DUMP_MEMBER, 'database/ledger-key', expect.stringMatching(/^evidence\/.+\.pdf$/)]));
    expect((await s.backups.list()).items.map((b) => b.fileName)).toContain(info.fileName);

    // Work goes on: a file sent to the recycle bin; the evidence folder and the key lost.
    const [{ id }] = await s.db.manager.query(`SELECT id FROM cadre ORDER BY id LIMIT 1`);
    await s.cadres.remove(testCtx, id);
    fs.rmSync(path.join(dir, 'cadre.db.evidence'), { recursive: true, force: true });
    const key = fs.readFileSync(ledgerKeyPath(s.dbFile));
    fs.rmSync(ledgerKeyPath(s.dbFile));

    const preview = await s.backups.previewRestore(info.file);
    expect(preview.backup.counts.cadre).toBe(before.cadres);
    expect(preview.current.counts.audit_log).toBeGreaterThan(before.audit);

    const { restored, safetyBackup } = await s.backups.restore(testCtx, info.file);
    expect(restored.fileName).toBe(info.fileName);
    expect(safetyBackup.reason).toBe('恢复前');
    expect(fs.existsSync(safetyBackup.file)).toBe(true);
    expect(await count(s, 'audit_log')).toBe(before.audit);
    expect((await s.cadres.get(id)).deletedAt).toBeNull();
    expect(fs.readFileSync(ledgerKeyPath(s.dbFile))).toEqual(key);
    const [{ sha256 }] = await s.db.manager.query(`SELECT sha256 FROM evidence_file`);
    expect(fs.readFileSync(path.join(dir, 'cadre.db.evidence', sha256.slice(0, 2), `${sha256}.pdf`))).toEqual(pdf);
    expect((await s.archives.verify()).ok).toBe(true);
    // The app keeps writing to the restored tables.
    await s.cadres.remove(testCtx, id);
    expect(await count(s, 'audit_log')).toBe(before.audit + 1);
  });

  it('backup, list-backups and restore on the command line with --pg; restore shows first and needs --yes', async () => {
    const { s, dir } = env;
    const out = path.join(dir, '服务器备份.cdbak');
    const b = runCli(['--db', s.dbFile, '--json', 'backup', '--out', out]);
    expect(b.status).toBe(0);
    expect(JSON.parse(b.stdout)).toMatchObject({ fileName: '服务器备份.cdbak', counts: { cadre: await count(s, 'cadre') } });

    const dry = runCli(['--db', s.dbFile, '--json', 'restore', out]);
    expect(dry.status).toBe(2);
    expect(JSON.parse(dry.stdout)).toMatchObject({ ok: false, restored: null, preview: { backup: { fileName: '服务器备份.cdbak' } } });
    const yes = runCli(['--db', s.dbFile, '--json', 'restore', out, '--yes']);
    expect(yes.stderr).toBe('');
    expect(yes.status).toBe(0);
    expect(JSON.parse(yes.stdout)).toMatchObject({ ok: true, restored: { fileName: '服务器备份.cdbak' } });
    const list = JSON.parse(runCli(['--db', s.dbFile, '--json', 'list-backups']).stdout);
    expect(list.items.map((i: { reason: string }) => i.reason)).toContain('恢复前');
    expect(runCli(['--db', s.dbFile, 'verify']).status).toBe(0);
  });

  it('a backup whose archives do not verify is not kept: the data from before the restore is put back', async () => {
    const { s } = env;
    const [{ id, grade }] = await s.db.manager.query(`SELECT id, grade FROM assessment_record WHERE state = '已归档' ORDER BY id LIMIT 1`);
    await tamper(s.dbFile, `UPDATE assessment_record SET grade = '不称职' WHERE id = ${Number(id)}`);
    const bad = await s.backups.backup(testCtx, { out: path.join(env.dir, '被改动.cdbak') });
    await rawStatements(s.dbFile, [[`UPDATE assessment_record SET grade = ? WHERE id = ?`, [grade, id]]]);
    expect((await s.archives.verify()).ok).toBe(true);
    const before = await count(s, 'audit_log');

    expect(await refusalMessage(s.backups.restore(testCtx, bad.file))).toMatch(/^备份中的归档记录核对未通过，已改回恢复前的数据：/);
    expect((await s.archives.verify()).ok).toBe(true);
    expect(await count(s, 'audit_log')).toBe(before);
    expect((await s.db.manager.query(`SELECT grade FROM assessment_record WHERE id = $1`, [id]))[0].grade).toBe(grade);
  });

  it('refuses a desktop backup on the server, and 数据加密 on a server', async () => {
    const deskDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-desk-desk-'));
    try {
      const desk = await AppServices.open(path.join(deskDir, 'cadre.db'));
      const deskBackup = await desk.backups.backup(testCtx, { out: path.join(deskDir, '单机.cdbak') });
      const serverBackup = await env.s.backups.backup(testCtx, { out: path.join(env.dir, '服务器.cdbak') });
      expect(await refusalMessage(desk.backups.restore(testCtx, serverBackup.file))).toContain('不能恢复到单机数据库');
      await desk.close();
      const before = await count(env.s, 'audit_log');
      expect(await refusalMessage(env.s.backups.restore(testCtx, deskBackup.file))).toContain('migrate-to-server');
      expect(await refusalMessage(env.s.backups.previewRestore(deskBackup.file))).toContain('单机数据库的备份');
      expect(await count(env.s, 'audit_log')).toBe(before);
    } finally {
      fs.rmSync(deskDir, { recursive: true, force: true });
    }
    expect(await refusalMessage(env.s.encryption.enable(testCtx, 'Anquan2026!'))).toBe('数据库服务器上的数据由服务器的磁盘加密与访问控制保护，本功能只用于单机数据库');
    expect(await refusalMessage(env.s.encryption.changePassword(testCtx, 'Anquan2026!', 'Anquan2027!'))).toContain('本功能只用于单机数据库');
  });
});
