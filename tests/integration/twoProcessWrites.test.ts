import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CadreInputSchema } from '../../shared/cadre';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { writeRosterXlsx } from '../../electron/exchange/roster/rosterWrite';
import { DbWorkerClient } from '../../electron/worker/DbWorkerClient';
import { benchPerson } from '../../bench/figures/exchange';
import { startHost } from '../../electron/host/server';
import { lrmxBytes } from '../helpers/lrmxFixtures';
import { tempServices, testCtx } from '../helpers/tempServices';
import { describeSqliteOnly } from '../helpers/testDb';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
type Env = Awaited<ReturnType<typeof tempServices>>;

/** Starts a TypeScript script in its own process; resolves lines of its stdout as they arrive. */
function startProcess(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT });
  const lines: string[] = [];
  let stderr = '';
  const waiters: { line: string; resolve: (at: number) => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n').filter(Boolean)) {
      lines.push(line);
      for (const w of waiters.filter((x) => line.startsWith(x.line))) w.resolve(performance.now());
    }
  });
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exit = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return {
    lines,
    stderr: () => stderr,
    exit,
    line: (line: string) => new Promise<number>((resolve) => waiters.push({ line, resolve })),
  };
}

const person = (name: string, seq: number) =>
  CadreInputSchema.parse({ name, gender: '男', birthDate: '1985.03', idNumber: makeIdNumber('610902', '19850324', seq, '男') });

describeSqliteOnly('two processes writing to one database file', '两个进程共用一个 SQLite 文件', () => {
  let env: Env;
  beforeEach(async () => {
    env = await tempServices();
  });
  afterEach(async () => {
    await env.cleanup();
  });

  it('a save while another process holds the write lock waits for it and then succeeds (no SQLITE_BUSY)', async () => {
    const other = startProcess([path.join(ROOT, 'tests/helpers/holdWriteLock.ts'), env.s.dbFile, '2500']);
    const done = other.line('DONE');
    await other.line('LOCKED');
    const saved = await env.s.cadres.save(testCtx, person('本进程写入', 101));
    const savedAt = performance.now();
    expect(saved.name).toBe('本进程写入');
    // It could only commit after the other process released the lock.
    expect(savedAt).toBeGreaterThanOrEqual(await done);
    expect(await other.exit).toBe(0);
    expect((await env.s.cadres.list({})).items.map((c) => c.name).sort()).toEqual(['另一进程写入', '本进程写入'].sort());
  });

  it('the CLI imports a 3,000-row roster while the browser host saves files: both succeed, nothing lost', async () => {
    const rows = 3000;
    const roster = path.join(env.dir, '花名册.xlsx');
    fs.writeFileSync(roster, await writeRosterXlsx(Array.from({ length: rows }, (_, i) => benchPerson(20_000 + i)), '并发导入测试'));
    const worker = await DbWorkerClient.start(env.s.dbFile, { error: () => undefined });
    try {
      const cli = startProcess([path.join(ROOT, 'electron/cli/main.ts'), '--db', env.s.dbFile, '--json', 'import-roster', roster]);
      let cliExited = false;
      void cli.exit.then(() => (cliExited = true));
      const answers = [];
      for (let i = 0; !cliExited && i < 400; i++) {
        answers.push(await worker.route('cadre:save', { data: person(`并发保存${i}`, 301 + i * 2) }, { actor: '经办人', mode: 'browser' }));
        await new Promise((r) => setTimeout(r, 30));
      }
      expect(await cli.exit, cli.stderr()).toBe(0);
      expect(JSON.parse(cli.lines.join('\n'))).toMatchObject({ ok: true, created: rows });
      expect(answers.length).toBeGreaterThan(3);
      expect(answers.filter((a) => !a.ok)).toEqual([]);
      expect((await env.s.cadres.list({ pageSize: 1 })).total).toBe(rows + answers.length);
    } finally {
      await worker.close();
    }
  });

  it('800 concurrent API writes through the browser host while the CLI imports 200 LRMX files: every one answered 200, none lost', async () => {
    const src = path.join(env.dir, 'lrmx');
    fs.mkdirSync(src);
    for (let i = 0; i < 200; i++) {
      fs.writeFileSync(path.join(src, `f${i}.lrmx`), lrmxBytes({ person: { XingMing: `导入${i}`, ChuShengNianYue: '198604', ShenFenZheng: makeIdNumber('610902', '19860412', 1 + i * 2, '男') } }));
    }
    const worker = await DbWorkerClient.start(env.s.dbFile, { error: () => undefined });
    const host = await startHost({ route: worker.route, ctx: { actor: '经办人' }, staticDir: '/nonexistent', port: 0, log: { error: () => undefined } });
    try {
      const cli = startProcess([path.join(ROOT, 'electron/cli/main.ts'), '--db', env.s.dbFile, '--json', 'import-lrmx', src]);
      const calls = Array.from({ length: 800 }, (_, i) =>
        fetch(`${host.url}api/cadre:save`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Cadre-Token': host.token },
          // 800 distinct 身份证号: the day of birth and the sequence number vary.
          body: JSON.stringify({ data: { name: `并发${i}`, gender: '男', birthDate: '1985.03', idNumber: makeIdNumber('610902', `198503${String(1 + (i % 28)).padStart(2, '0')}`, 101 + Math.floor(i / 28) * 2, '男') } }),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as { ok: boolean } })),
      );
      const answers = await Promise.all(calls);
      expect(await cli.exit, cli.stderr() + cli.lines.join('\n').slice(0, 3000)).toBe(0);
      expect(cli.stderr()).not.toMatch(/SQLITE_BUSY|\n\s+at /);
      const statuses = new Map<number, number>();
      for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      expect(Object.fromEntries(statuses)).toEqual({ 200: 800 });
      const created = (JSON.parse(cli.lines.join('\n')) as { status: string }[]).filter((o) => o.status === 'created').length;
      expect(created).toBe(200);
      expect((await env.s.cadres.list({ pageSize: 1 })).total).toBe(1000);
    } finally {
      await host.close();
      await worker.close();
    }
  });
});
