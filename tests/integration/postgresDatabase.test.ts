import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { CadreInputSchema } from '../../shared/cadre';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { PG_WRITE_ATTEMPTS } from '../../electron/db/Database';
import { openDatabase } from '../../electron/db/dataSource';
import { storageFault } from '../../electron/db/storageFault';
import { redactUrl } from '../../electron/db/target';
import { AppServices } from '../../electron/services/AppServices';
import { createTestDatabase, onPostgres } from '../helpers/testDb';

const URL_ = 'postgres://clerk:secret@db.example.invalid:5432/cadre';

describe('PostgreSQL faults in Chinese, naming the server and never the password', () => {
  const fault = (code: string) => storageFault(Object.assign(new Error('x'), { code }), URL_);
  it('maps the server’s codes', () => {
    expect(fault('ECONNREFUSED')?.message).toMatch(/^无法连接数据库服务器 db\.example\.invalid:5432\/cadre/);
    expect(fault('53100')?.message).toContain('磁盘空间不足');
    expect(fault('25006')?.message).toContain('只读');
    expect(fault('28P01')?.message).toContain('拒绝了登录');
    expect(fault('57P01')?.message).toContain('正在关闭或重启');
    expect(fault('23505')).toBeNull();
    for (const code of ['ECONNREFUSED', '53100', '25006', '28P01']) expect(fault(code)?.message).not.toContain('secret');
    expect(redactUrl(URL_)).toBe('postgres://clerk:***@db.example.invalid:5432/cadre');
  });
  it('a server that is not there is a STORAGE error at open', async () => {
    const err = await openDatabase({ file: 'postgres://nobody@127.0.0.1:1/none' }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.message).toMatch(/^无法连接数据库服务器 127\.0\.0\.1:1\/none/);
  });
});

describe.skipIf(!onPostgres)('the Database on PostgreSQL', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  async function open(url?: string): Promise<{ s: AppServices; url: string }> {
    let target = url;
    if (!target) {
      const db = await createTestDatabase();
      cleanups.push(db.drop);
      target = db.url;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-desk-pg-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const s = await AppServices.open(target, { dataDir: dir });
    cleanups.push(() => s.close());
    return { s, url: target };
  }
  const cadre = (i: number) =>
    CadreInputSchema.parse({ name: `并发${i}`, gender: '男', birthDate: '1985.01', idNumber: makeIdNumber('610902', '19850101', 100 + 2 * i, '男') });

  it('two programs on one database write side by side: every write kept, the audit chain whole', async () => {
    const { s: a, url } = await open();
    const dirB = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-desk-pg-'));
    fs.copyFileSync(path.join(path.dirname(a.dbFile), 'cadre.ledger-key'), path.join(dirB, 'cadre.ledger-key'));
    const b = await AppServices.open(url, { dataDir: dirB });
    cleanups.push(async () => {
      await b.close();
      fs.rmSync(dirB, { recursive: true, force: true });
    });
    await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 ? a : b).cadres.save({ actor: i % 2 ? '甲' : '乙' }, cadre(i))));
    expect((await a.cadres.list({ pageSize: 100 })).total).toBe(24);
    const report = await a.archives.verify();
    expect(report.audit).toMatchObject({ ok: true, problems: [] });
    expect(report.audit.entries).toBeGreaterThanOrEqual(24);
  });

  it('a read is one snapshot: a commit in the middle is not seen until the next read', async () => {
    const { s } = await open();
    const seen = await s.db.read(async (m) => {
      const before = Number((await m.query('SELECT count(*) AS n FROM cadre'))[0].n);
      await s.cadres.save({ actor: '甲' }, cadre(1));
      const after = Number((await m.query('SELECT count(*) AS n FROM cadre'))[0].n);
      return [before, after];
    });
    expect(seen).toEqual([0, 0]);
    expect((await s.cadres.list({})).total).toBe(1);
  });

  it('a serialization failure or deadlock is run again; other errors are not', async () => {
    const { s } = await open();
    let runs = 0;
    const result = await s.db.write(async (m) => {
      runs++;
      await m.query(`INSERT INTO app_setting (key, value) VALUES ('k${runs}', 'v')`);
      if (runs < 3) throw Object.assign(new Error('could not serialize access'), { code: runs === 1 ? '40001' : '40P01' });
      return 'done';
    });
    expect(result).toBe('done');
    expect(runs).toBe(3);
    // The failed attempts left nothing behind.
    expect((await s.db.manager.query(`SELECT key FROM app_setting WHERE key LIKE 'k%' ORDER BY key`)).map((r: { key: string }) => r.key)).toEqual(['k3']);
    runs = 0;
    await expect(
      s.db.write(async () => {
        runs++;
        throw Object.assign(new Error('again'), { code: '40001' });
      }),
    ).rejects.toThrow('again');
    expect(runs).toBe(PG_WRITE_ATTEMPTS);
  });

  it('the triggers refuse in Chinese through a write; SQLite-only operations refuse', async () => {
    const { s } = await open();
    await s.cadres.save({ actor: '甲' }, cadre(3));
    const err = await s.db.write((m) => m.query(`UPDATE audit_log SET actor = 'x'`)).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'CONFLICT', message: '操作日志只能追加，不能修改或删除' });
    await expect(s.db.exclusive(async () => 1)).rejects.toThrow('数据库服务器（PostgreSQL）上不能执行');
    // Writing through the reader is refused (its connections are read-only).
    await expect(s.db.manager.query(`DELETE FROM app_setting`)).rejects.toThrow(/read-only/);
  });

  it('a second open of a migrated database migrates nothing and keeps the data', async () => {
    const { s, url } = await open();
    await s.cadres.save({ actor: '甲' }, cadre(7));
    const { s: again } = await open(url);
    expect((await again.cadres.list({})).total).toBe(1);
  });
});
