import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CadreInput } from '../../shared/cadre';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { AppServices } from '../../electron/services/AppServices';
import { lrmxBytes } from '../helpers/lrmxFixtures';
import { runCli } from '../helpers/runCli';
import { testCtx } from '../helpers/tempServices';
import { fillDisk, mountSmallDisk } from '../helpers/smallDisk';

/**
 * Issue 15, data loss: a full disk (or any failed COMMIT and ROLLBACK) must leave the writer connection clean, so
 * that a write answered "saved" is on disk; each storage fault gets its own Chinese message naming the folder.
 */

const person = (i: number): CadreInput => ({ name: `容量${i}`, gender: '男', birthDate: '1985.03', idNumber: makeIdNumber('610902', '19850324', i * 2 + 1, '男') });

type Injector = (sql: string) => Error | null;

/** Makes statements on the writer's sqlite3 handle fail as a full disk would, without running them. */
function injectFaults(s: AppServices, inject: Injector): void {
  const handle = (s.db.dataSource.driver as unknown as { databaseConnection: Record<string, (...a: unknown[]) => unknown> }).databaseConnection;
  for (const method of ['run', 'all'] as const) {
    const original = handle[method].bind(handle);
    handle[method] = (...args: unknown[]) => {
      const [sql, params, cb] = args as [string, unknown, (err: Error | null) => void];
      const fault = inject(String(sql));
      if (fault) {
        setImmediate(() => cb(fault));
        return handle;
      }
      return original(sql, params, cb);
    };
  }
}

const full = () => Object.assign(new Error('SQLITE_FULL: database or disk is full'), { code: 'SQLITE_FULL', errno: 13 });

async function failureOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected a refusal');
}

describe('storage faults', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-faults-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('a COMMIT and then a ROLLBACK failing on a full disk leave no open transaction: later saves reach the file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'cadre.db');
    const s = await AppServices.open(file);
    let failing = 2;
    injectFaults(s, (sql) => (failing > 0 && /^(COMMIT|ROLLBACK)\b/.test(sql) ? (failing--, full()) : null));
    const refused = await failureOf(s.cadres.save(testCtx, person(0)));
    expect(refused.code).toBe('STORAGE');
    expect(refused.message).toMatch(/^磁盘空间不足：数据文件夹“.+”所在磁盘剩余 \d+ MB，本次修改未保存/);
    expect(refused.message).toContain(dir);

    const saved: number[] = [];
    for (let i = 1; i <= 20; i++) saved.push((await s.cadres.save(testCtx, person(i))).id);
    expect((await s.cadres.list({})).total).toBe(20);
    await s.close();

    const again = await AppServices.open(file);
    try {
      const stored = await again.cadres.list({ pageSize: 100 });
      expect(stored.total).toBe(20);
      expect(stored.items.map((c) => c.id).sort((a, b) => a - b)).toEqual(saved.sort((a, b) => a - b));
      expect(stored.items.some((c) => c.name === '容量0')).toBe(false);
    } finally {
      await again.close();
    }
  });

  it('a statement failing on a full disk rolls back its whole write and names the cause; the next write works', async () => {
    const dir = tempDir();
    const s = await AppServices.open(path.join(dir, 'cadre.db'));
    try {
      let failing = true;
      injectFaults(s, (sql) => (failing && /^INSERT INTO "audit_log"/.test(sql) ? full() : null));
      const refused = await failureOf(s.cadres.save(testCtx, person(1)));
      expect(refused.message).toMatch(/^磁盘空间不足/);
      // The cadre row was written before the audit entry failed: all of it or nothing.
      expect((await s.cadres.list({})).total).toBe(0);
      failing = false;
      await s.cadres.save(testCtx, person(2));
      expect((await s.cadres.list({})).items.map((c) => c.name)).toEqual(['容量2']);
    } finally {
      await s.close();
    }
  });

  it('a read-only database and a damaged file each get their own message', async () => {
    const dir = tempDir();
    const bad = path.join(dir, 'damaged.db');
    fs.writeFileSync(bad, Buffer.alloc(8192, 7));
    const damaged = await failureOf(AppServices.open(bad));
    expect(damaged.message).toMatch(/已损坏/);

    const s = await AppServices.open(path.join(dir, 'cadre.db'));
    try {
      injectFaults(s, (sql) => (/^INSERT/.test(sql) ? Object.assign(new Error('SQLITE_READONLY: attempt to write a readonly database'), { code: 'SQLITE_READONLY' }) : null));
      expect((await failureOf(s.cadres.save(testCtx, person(3)))).message).toMatch(/只读的或没有写入权限/);
    } finally {
      await s.close();
    }
  });

  it('an older program refuses a database a newer one has upgraded, in one line without a stack trace', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'cadre.db');
    const s = await AppServices.open(file);
    await s.db.write((m) => m.query("INSERT INTO migrations (timestamp, name) VALUES (9999999999999, 'Future9999999999999')"));
    await s.close();
    const r = runCli(['--db', file, 'list', 'cadres']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/^错误：数据库版本较新，请升级程序/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});


const smallDisk = mountSmallDisk(6 * 1024);
const describeDisk = typeof smallDisk === 'string' ? describe.skip : describe;

describeDisk(`a real full disk (tmpfs)${typeof smallDisk === 'string' ? `：跳过，${smallDisk}` : ''}`, () => {
  const disk = smallDisk as Exclude<typeof smallDisk, string>;
  afterEach(() => {
    for (const f of fs.readdirSync(disk.dir)) fs.rmSync(path.join(disk.dir, f), { recursive: true, force: true });
  });
  afterAll(() => disk.unmount());
  it.sequential('import-lrmx on a nearly full disk: what it reports created is what the database holds, with a clear message', () => {
    const src = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-lrmx-'));
    try {
      const resume = '2003.09--2007.07  西北某大学经济管理学院学习\r\n'.repeat(40);
      for (let i = 0; i < 200; i++) {
        fs.writeFileSync(path.join(src, `p${String(i).padStart(3, '0')}.lrmx`), lrmxBytes({ person: { XingMing: `容量${i}`, ShenFenZheng: makeIdNumber('610902', '19850324', i * 2 + 1, '男'), JianLi: resume } }));
      }
      const db = path.join(disk.dir, 'cadre.db');
      expect(runCli(['--db', db, 'init']).status).toBe(0);
      const free = fillDisk(disk.dir, 600);
      const r = runCli(['--db', db, '--json', 'import-lrmx', src]);
      free();
      const outcomes = JSON.parse(r.stdout) as { status: string; errors?: string[] }[];
      const created = outcomes.filter((o) => o.status === 'created').length;
      const failed = outcomes.filter((o) => o.status === 'error');
      expect(failed.length).toBeGreaterThan(0);
      expect(created).toBeGreaterThan(0);
      for (const f of failed) expect(f.errors!.join('')).toMatch(/磁盘空间不足：数据文件夹“.+”所在磁盘剩余 \d+ MB/);
      expect(r.stdout + r.stderr).not.toContain('程序内部错误');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      const listed = JSON.parse(runCli(['--db', db, 'list', 'cadres', '--json']).stdout) as unknown[];
      expect(listed.length).toBe(created);
    } finally {
      fs.rmSync(src, { recursive: true, force: true });
    }
  });

  it.sequential('saves after the disk was full and freed again are all on disk after the program exits', async () => {
    const file = path.join(disk.dir, 'cadre.db');
    const s = await AppServices.open(file);
    try {
      const free = fillDisk(disk.dir, 0);
      for (let i = 0; i < 5; i++) {
        const e = await failureOf(s.cadres.save(testCtx, { ...person(i), remarks: '备'.repeat(1500) }));
        expect(e.message).toMatch(/^磁盘空间不足/);
      }
      free();
      for (let i = 10; i < 30; i++) await s.cadres.save(testCtx, person(i));
    } finally {
      await s.close();
    }
    const again = await AppServices.open(file);
    try {
      expect((await again.cadres.list({ pageSize: 100 })).total).toBe(20);
    } finally {
      await again.close();
    }
  });

});

describe.skipIf(process.platform === 'win32')('files readable by their owner only', () => {
  it('the database, its WAL and its ledger key are 0600 even when made under a permissive umask', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-private-'));
    const old = process.umask(0o022);
    try {
      const file = path.join(dir, 'cadre.db');
      const s = await AppServices.open(file);
      await s.cadres.save(testCtx, person(7));
      for (const f of ['cadre.db', 'cadre.db-wal', 'cadre.ledger-key']) {
        expect((fs.statSync(path.join(dir, f)).mode & 0o777).toString(8), f).toBe('600');
      }
      await s.close();
    } finally {
      process.umask(old);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
