import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerKeyPath } from '../../electron/archive/ledgerKey';
import { loadDemo } from '../../electron/demo/loadDemo';
import { AppServices } from '../../electron/services/AppServices';
import { evidenceRootFor } from '../../electron/services/EvidenceStore';
import { portraitJpeg } from '../helpers/makeJpeg';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { CadreInputSchema } from '../../shared/cadre';
import { runCli } from '../helpers/runCli';
import { tamper } from '../helpers/tamper';
import { testCtx } from '../helpers/tempServices';
import { createTestDatabase, onPostgres, rawStatements, registerServerDatabase } from '../helpers/testDb';

/**
 * migrate-to-server: a desktop database (SQLite file) copied onto a PostgreSQL server database. Needs the test
 * server (`npm run test:pg`); skipped on the SQLite run.
 */
/** An invented person (a 身份证号 of its own, apart from the demo's). */
const person = (name: string, seq: number) =>
  CadreInputSchema.parse({ name, gender: '女', birthDate: '1988.06', idNumber: makeIdNumber('610921', '19880611', seq, '女'), workUnit: '安康市商务局' });

describe.skipIf(!onPostgres)('migrate-to-server（需要数据库服务器：npm run test:pg）', () => {
  let dir: string;
  let desk: string;
  let data: string;
  let server: Awaited<ReturnType<typeof createTestDatabase>>;
  let photo: Buffer;
  let photoCadre: number;
  const pdf = Buffer.from('%PDF-1.4 招商引资协议（迁移测试）');

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-desk-migrate-'));
    desk = path.join(dir, 'desk', 'cadre.db');
    data = path.join(dir, 'server');
    const s = await AppServices.open(desk);
    try {
      await loadDemo(s, testCtx);
      photoCadre = (await s.cadres.save(testCtx, person('迁移测试', 357))).id;
      photo = portraitJpeg();
      await s.cadres.setPhoto(testCtx, photoCadre, photo);
      const [{ id: resultId }] = await s.db.manager.query(`SELECT id FROM work_result ORDER BY id LIMIT 1`);
      await s.ledger.addEvidence(testCtx, { resultId, fileName: '协议.pdf', base64: pdf.toString('base64') });
    } finally {
      await s.close();
    }
    server = await createTestDatabase();
    registerServerDatabase(path.join(data, 'cadre.db'), server.url);
  });
  afterEach(async () => {
    await server.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Rows per table of the desktop file (SQLite's own tables and the migrations' bookkeeping left out). */
  async function desktopCounts(): Promise<Record<string, number>> {
    const [tables] = (await rawStatements(desk, [`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations'`])) as { name: string }[][];
    const out: Record<string, number> = {};
    for (const { name } of tables) out[name] = Number(((await rawStatements(desk, [`SELECT COUNT(*) AS n FROM "${name}"`]))[0][0] as { n: number }).n);
    return out;
  }

  const migrate = (...extra: string[]) => runCli(['--json', 'migrate-to-server', '--from', desk, '--pg', server.url, '--data', data, ...extra]);
  const verify = () => runCli(['--pg', server.url, '--data', data, '--json', 'verify']);

  it('copies every table with its ids, the photo, the evidence file and the ledger key; verify on the server is clean; a tampered row is caught', async () => {
    const expected = await desktopCounts();
    const r = migrate();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ ok: true, evidence: 1, countMismatches: [], missingEvidence: [], verify: { ok: true } });
    expect(report.tables).toEqual(expected);
    expect(report.tables.cadre).toBe(16);
    expect(report.verify.checked).toBeGreaterThan(0);

    // The same key signs the heads; the evidence file sits in the server's store under its hash.
    expect(fs.readFileSync(ledgerKeyPath(path.join(data, 'cadre.db')))).toEqual(fs.readFileSync(ledgerKeyPath(desk)));
    const sha = crypto.createHash('sha256').update(pdf).digest('hex');
    expect(fs.readFileSync(path.join(evidenceRootFor(path.join(data, 'cadre.db')), sha.slice(0, 2), `${sha}.pdf`))).toEqual(pdf);

    const s = await AppServices.open(server.url, { dataDir: data });
    try {
      expect(await s.cadres.getPhoto(photoCadre)).toEqual(photo);
      const ids = (await s.db.manager.query(`SELECT id, name FROM cadre ORDER BY id`)) as { id: number; name: string }[];
      const [deskIds] = (await rawStatements(desk, [`SELECT id, name FROM cadre ORDER BY id`])) as { id: number; name: string }[][];
      expect(ids).toEqual(deskIds);
      // New rows continue after the copied ids.
      const { id: added } = await s.cadres.save(testCtx, person('迁移后新增', 359));
      expect(added).toBeGreaterThan(Math.max(...ids.map((c) => c.id)));
      expect((await s.archives.verify()).ok).toBe(true);
    } finally {
      await s.close();
    }

    const clean = verify();
    expect(clean.status).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ ok: true, integrity: 'ok' });

    // Someone with the server's superuser changes an archived 年度考核 behind the application's back.
    await tamper(path.join(data, 'cadre.db'), `UPDATE assessment_record SET grade = '不称职' WHERE id = (SELECT MIN(id) FROM assessment_record WHERE state = '已归档')`);
    const caught = verify();
    expect(caught.status).not.toBe(0);
    expect(JSON.parse(caught.stdout).mismatches).toHaveLength(1);
    expect(caught.stderr).toContain('归档记录与归档时不一致');
  });

  it('refuses a server database that already holds data unless --yes; prints progress lines without --json', async () => {
    const first = runCli(['migrate-to-server', '--from', desk, '--pg', server.url, '--data', data]);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('已复制 cadre：16 行');
    expect(first.stdout).toContain('迁移完成');

    const again = migrate();
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('已有数据（干部档案 16');
    expect(again.stderr).toContain('加 --yes');

    const replaced = migrate('--yes');
    expect(replaced.status).toBe(0);
    expect(JSON.parse(replaced.stdout).ok).toBe(true);
  });

  it('migrates an encrypted desktop database with its password from CADRE_DESK_DB_PASSWORD; the evidence arrives readable', async () => {
    const password = 'Anquan2026!';
    const s = await AppServices.open(desk);
    await s.encryption.enable(testCtx, password);
    await s.close();

    const locked = migrate();
    expect(locked.status).toBe(1);
    expect(locked.stderr).toContain('CADRE_DESK_DB_PASSWORD');

    const r = runCli(['--json', 'migrate-to-server', '--from', desk, '--pg', server.url, '--data', data], { CADRE_DESK_DB_PASSWORD: password });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, evidence: 1 });
    const sha = crypto.createHash('sha256').update(pdf).digest('hex');
    expect(fs.readFileSync(path.join(evidenceRootFor(path.join(data, 'cadre.db')), sha.slice(0, 2), `${sha}.pdf`))).toEqual(pdf);
    expect(verify().status).toBe(0);
  });

  it('says what is missing: the server, the data folder, the desktop file', () => {
    expect(runCli(['migrate-to-server', '--from', desk]).stderr).toContain('请用 --pg 指定数据库服务器');
    expect(runCli(['migrate-to-server', '--from', desk, '--pg', server.url]).stderr).toContain('--data');
    const none = runCli(['migrate-to-server', '--from', path.join(dir, 'none.db'), '--pg', server.url, '--data', data]);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('单机数据库文件不存在');
  });
});
