import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CadreInputSchema } from '../../shared/cadre';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { tempServices, testCtx } from '../helpers/tempServices';
import { onPostgres, rawQuery } from '../helpers/testDb';

type Env = Awaited<ReturnType<typeof tempServices>>;

const person = (name: string, seq: number) =>
  CadreInputSchema.parse({ name, gender: '男', birthDate: '1985.03', idNumber: makeIdNumber('610902', '19850324', seq, '男') });

/** A promise and the function that settles it: lets a test hold a write transaction open. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

describe('reads see committed data only', () => {
  let env: Env;
  beforeEach(async () => {
    env = await tempServices();
  });
  afterEach(async () => {
    await env.cleanup();
  });

  it('a list during a write that later rolls back never shows its rows, before or after', async () => {
    const inside = gate();
    const release = gate();
    const write = env.s.db.write(async (m) => {
      for (let i = 0; i < 50; i++) await env.s.cadres.saveWith(m, testCtx, person(`测试员${i}`, 101 + i * 2));
      // The transaction itself sees its rows…
      expect((await m.query('SELECT COUNT(*) AS n FROM cadre'))[0].n).toBe(50);
      inside.open();
      await release.wait;
      throw new Error('导入失败，回滚');
    });
    await inside.wait;
    // …the app's reads, on the read connection, do not; and they answer while the write is still open.
    const during = await env.s.cadres.list({});
    expect(during.total).toBe(0);
    expect(during.items).toEqual([]);
    expect((await env.s.db.manager.query('SELECT COUNT(*) AS n FROM cadre'))[0].n).toBe(0);
    release.open();
    await expect(write).rejects.toThrow('导入失败，回滚');
    expect((await env.s.cadres.list({})).total).toBe(0);
    // The writer is usable after the rollback, and a commit is visible to the next read.
    await env.s.cadres.save(testCtx, person('提交后可见', 999));
    expect((await env.s.cadres.list({})).items.map((c) => c.name)).toEqual(['提交后可见']);
  });

  it('a read of several queries from one snapshot does not mix before and after a commit', async () => {
    await env.s.cadres.save(testCtx, person('第一人', 101));
    const between = gate();
    const go = gate();
    const read = env.s.db.read(async (m) => {
      const first = Number((await m.query('SELECT COUNT(*) AS n FROM cadre'))[0].n);
      between.open();
      await go.wait;
      const second = Number((await m.query('SELECT COUNT(*) AS n FROM cadre'))[0].n);
      return [first, second];
    });
    await between.wait;
    await env.s.cadres.save(testCtx, person('第二人', 103));
    go.open();
    expect(await read).toEqual([1, 1]);
    expect((await env.s.cadres.list({})).total).toBe(2);
  });

  it('a save reads back what it has just committed while another call holds a snapshot open', async () => {
    await env.s.cadres.save(testCtx, person('第一人', 101));
    const inside = gate();
    const go = gate();
    // A long read (a page and its total, an export) keeps its snapshot open…
    const read = env.s.db.read(async (m) => {
      const n = Number((await m.query('SELECT COUNT(*) AS n FROM cadre'))[0].n);
      inside.open();
      await go.wait;
      return n;
    });
    await inside.wait;
    // …meanwhile a save commits and reads its row back outside any snapshot: it must find it (not "未找到…").
    const saved = await env.s.cadres.save(testCtx, person('第二人', 103));
    const back = (await rawQuery(env.s.db.manager, 'SELECT name FROM cadre WHERE id = ?', [saved.id])) as { name: string }[];
    expect(back.map((r) => r.name)).toEqual(['第二人']);
    go.open();
    expect(await read).toBe(1);
    expect((await env.s.cadres.list({})).total).toBe(2);
  });

  it('writing through the read connection is refused by SQLite', async () => {
    await expect(env.s.db.manager.query(`DELETE FROM cadre`)).rejects.toThrow(onPostgres ? /read-only transaction/ : /SQLITE_READONLY/);
  });

  // SQLite's file lock (PostgreSQL's writers take an advisory lock instead: tests/integration/postgresDatabase.test.ts).
  it.skipIf(onPostgres)('writes begin IMMEDIATE: the write lock is held from the first statement', async () => {
    const inside = gate();
    const release = gate();
    const write = env.s.db.write(async (m) => {
      // No statement has run yet in this callback, yet a second connection cannot start writing.
      inside.open();
      await release.wait;
      return m.query('SELECT 1 AS one');
    });
    await inside.wait;
    const { sqlite: sqlite3 } = await import('../../electron/db/sqliteDriver');
    const other = new sqlite3.Database(env.s.dbFile);
    const err = await new Promise<Error | null>((resolve) => other.run('BEGIN IMMEDIATE', (e) => resolve(e)));
    expect(String(err)).toMatch(/SQLITE_BUSY/);
    await new Promise((r) => other.close(r));
    release.open();
    await write;
  });
});

describe('nested reads', () => {
  let env: Env;
  beforeEach(async () => {
    env = await tempServices();
  });
  afterEach(async () => {
    await env.cleanup();
  });

  it('a service read inside a snapshot joins it instead of waiting for it to end', async () => {
    await env.s.cadres.save(testCtx, person('第一人', 101));
    const result = await env.s.db.read(async () => {
      // cadres.list uses db.read itself: queued behind this read it would never run.
      const page = await env.s.cadres.list({});
      return page.total;
    });
    expect(result).toBe(1);
  });
});
