import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { CadreInputSchema, CadreListQuerySchema, type CadreListQuery } from '../../shared/cadre';
import { accessFor } from '../../electron/auth/Access';
import { startServer } from '../../electron/host/serverMode';
import { AppServices } from '../../electron/services/AppServices';
import { cadreListQueries, rowToListItem } from '../../electron/services/CadreService';
import { generateCadres } from '../generate';
import { generateRecords } from '../generateRecords';
import { median, p95, timeRuns, type Figure, type FigureLine } from '../Figure';
import { pgUnavailableReason, startPgServer, type PgServer } from '../pgCluster';
import { SEARCH_CASES } from './cadreSearch';

/** `npm run bench -- --quick`: shorter load runs (run.ts passes it on as CADRE_BENCH_QUICK=1). */
const QUICK = process.env.CADRE_BENCH_QUICK === '1';
const CLERKS = 20;
const SECONDS = QUICK ? 10 : 60;
const CADRES = 2000;
/** A clerk's pause between two actions (ms, uniform): reading the answer, typing. */
const THINK_MS: [number, number] = [100, 300];
const PASSWORD = 'Bench2026pw';
const ctx = { actor: 'bench' };

/** A deterministic random sequence per clerk. */
function rng(seed: number): () => number {
  let x = seed * 2654435761 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return ((x >>> 0) % 1_000_000) / 1_000_000;
  };
}

interface LoadResult {
  engine: string;
  calls: number;
  errors: number;
  firstErrors: string[];
  lost: number;
  writes: number;
  latencies: number[];
  seconds: number;
}

/** The database of one run: a PostgreSQL database on the throwaway cluster, or a SQLite file. */
type Target = { pg: string; dataDir: string } | { db: string };

const open = (t: Target) => ('pg' in t ? AppServices.open(t.pg, { dataDir: t.dataDir }) : AppServices.open(t.db));

/**
 * 20 clerks signed in to the department server over HTTP, each in a loop of think – act for `SECONDS`: 70% reads
 * (the cadre list, a search, a batch page), 30% writes (a 谈心谈话 record, a 工作实绩, an edit of one of their own
 * cadre files with its version). Afterwards every acknowledged write is looked for in the database.
 */
async function loadRun(engine: string, target: Target): Promise<LoadResult> {
  const s = await open(target);
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    await generateCadres(s, CADRES);
    const gen = await generateRecords(s, { postings: CLERKS * 10, perBatch: 50, recordsPerPosting: 6, resultsPerPosting: 2 });
    const access = accessFor(s);
    await access.accounts.createFirstAdmin(ctx, { username: 'root', name: '王管理', dept: '干部科', password: PASSWORD });
    for (let i = 0; i < CLERKS; i++) {
      const username = `jingban${String(i + 1).padStart(2, '0')}`;
      await access.accounts.add(ctx, { username, name: `经办人${i + 1}`, dept: '干部科', role: 'clerk', password: 'Initial123' });
      await access.accounts.changePassword(ctx, username, { current: 'Initial123', next: PASSWORD, nextAgain: PASSWORD });
    }
    // Five files of the invented (valid) cadres for each clerk to edit, none shared.
    const ownCadres: number[] = (await s.db.manager.query(`SELECT id FROM cadre WHERE id_number NOT LIKE 'BENCH%' ORDER BY id LIMIT ${CLERKS * 5}`)).map((r: { id: number }) => Number(r.id));
    const countRows = async (table: string) => Number((await s.db.manager.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    const before = { records: await countRows('assessment_record'), results: await countRows('work_result') };

    server = await startServer({ ...('pg' in target ? { pg: target.pg, dataDir: target.dataDir } : { db: target.db }), listen: '127.0.0.2:0', insecureLan: true, staticDir: '/nonexistent', ctx, log: { error: () => undefined } });
    const base = server.host.url;
    const latencies: number[] = [];
    const firstErrors: string[] = [];
    let calls = 0;
    let errors = 0;
    const call = async (channel: string, body: unknown, cookie: string, keep = true) => {
      const t0 = performance.now();
      let envelope: any;
      try {
        const res = await fetch(`${base}api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: JSON.stringify(body) });
        envelope = await res.json();
      } catch (err) {
        envelope = { ok: false, error: { message: String(err) } };
      }
      if (keep) {
        latencies.push(performance.now() - t0);
        calls++;
        if (!envelope.ok) {
          errors++;
          if (firstErrors.length < 3) firstErrors.push(`${channel}：${envelope.error?.message}`);
        }
      }
      return envelope;
    };

    // Each clerk signs in and loads their own five cadre files and ten postings.
    const clerks = await Promise.all(
      Array.from({ length: CLERKS }, async (_, i) => {
        const res = await fetch(`${base}api/auth:signIn`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: `jingban${String(i + 1).padStart(2, '0')}`, password: PASSWORD }) });
        if (!res.ok) throw new Error(`经办人 ${i + 1} 登录失败：HTTP ${res.status} ${await res.text()}`);
        const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
        const cadres = [];
        for (const id of ownCadres.slice(i * 5, i * 5 + 5)) {
          const got = await call('cadre:get', { id }, cookie, false);
          cadres.push({ id, data: CadreInputSchema.parse(got.result), version: got.result.updatedAt as string, last: '' });
        }
        return { cookie, cadres, postings: gen.postingIds.slice(i * 10, i * 10 + 10), talks: 0, results: 0, edits: 0 };
      }),
    );

    const searches = ['明', 'lmy', 'liu', '商务局', 'wang', '汉阴县'];
    const until = performance.now() + SECONDS * 1000;
    const t0 = performance.now();
    await Promise.all(
      clerks.map(async (c, i) => {
        const r = rng(i + 1);
        let n = 0;
        while (performance.now() < until) {
          await new Promise((res) => setTimeout(res, THINK_MS[0] + r() * (THINK_MS[1] - THINK_MS[0])));
          const x = r();
          const posting = c.postings[Math.floor(r() * c.postings.length)];
          n++;
          if (x < 0.25) await call('cadre:list', { page: 1 + Math.floor(r() * 5) }, c.cookie);
          else if (x < 0.5) await call('cadre:list', { query: searches[Math.floor(r() * searches.length)] }, c.cookie);
          else if (x < 0.7) await call('batch:get', { id: gen.batchIds[Math.floor(r() * gen.batchIds.length)] }, c.cookie);
          else if (x < 0.8) {
            const e = await call('record:saveTalk', { data: { postingId: posting, date: '2026.03.12', talker: '周立群（政治辅导员）', content: `第${n}次谈心谈话：工作进展与思想状况`, followUp: '' } }, c.cookie);
            if (e.ok) c.talks++;
          } else if (x < 0.9) {
            const e = await call('ledger:save', { data: { postingId: posting, category: '项目建设', title: `经办人${i + 1}登记的第${n}项实绩`, date: '2026.03.12', quantity: 1, quantityUnit: '个' } }, c.cookie);
            if (e.ok) c.results++;
          } else {
            const cadre = c.cadres[Math.floor(r() * c.cadres.length)];
            const value = `${cadre.data.workUnit}科长（第${n}次修改）`;
            const e = await call('cadre:save', { id: cadre.id, data: { ...cadre.data, currentPosition: value }, expectedVersion: cadre.version }, c.cookie);
            if (e.ok) {
              cadre.version = e.result.updatedAt;
              cadre.last = value;
              c.edits++;
            }
          }
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    await server.close();
    server = null;

    // Every acknowledged write must be there.
    const talks = clerks.reduce((a, c) => a + c.talks, 0);
    const results = clerks.reduce((a, c) => a + c.results, 0);
    const edits = clerks.flatMap((c) => c.cadres.filter((x) => x.last));
    let lost = Math.max(0, before.records + talks - (await countRows('assessment_record'))) + Math.max(0, before.results + results - (await countRows('work_result')));
    for (const e of edits) if ((await s.cadres.get(e.id)).currentPosition !== e.last) lost++;
    return { engine, calls, errors, firstErrors, lost, writes: talks + results + clerks.reduce((a, c) => a + c.edits, 0), latencies: latencies.sort((a, b) => a - b), seconds };
  } finally {
    await server?.close();
    await s.close();
  }
}

const describeRun = (r: LoadResult) =>
  `${r.engine}：${r.calls} 次调用（${(r.calls / r.seconds).toFixed(0)} 次/秒，写入 ${r.writes}），中位 ${median(r.latencies).toFixed(1)} ms，p95 ${p95(r.latencies).toFixed(1)} ms，错误 ${r.errors}，丢失写入 ${r.lost}` +
  (r.firstErrors.length ? `（${r.firstErrors.join('；')}）` : '');

async function withPg<T>(name: string, work: (pgs: PgServer) => Promise<T[]>): Promise<T[]> {
  const reason = await pgUnavailableReason();
  if (reason) {
    console.log(`SKIP  ${name}：${reason}，本项不测`);
    return [];
  }
  const pgs = await startPgServer();
  try {
    return await work(pgs);
  } finally {
    pgs.stop();
  }
}

export const serverLoadFigure: Figure = {
  name: `单位服务器（${CLERKS} 名经办人并发 ${SECONDS} 秒，PostgreSQL 与 SQLite 服务器模式）`,
  run: () =>
    withPg(serverLoadFigure.name, async (pgs) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-bench-server-'));
      try {
        const onPg = await loadRun('PostgreSQL', { pg: await pgs.createDatabase(), dataDir: path.join(dir, 'pg') });
        const onSqlite = await loadRun('SQLite', { db: path.join(dir, 'sqlite', 'cadre.db') });
        const line: FigureLine = {
          label: 'p95 延迟（PostgreSQL vs SQLite 服务器模式）',
          value: p95(onPg.latencies),
          baseline: p95(onSqlite.latencies),
          unit: 'ms',
          target: 'p95 < 200 ms，0 错误，0 丢失写入',
          pass: p95(onPg.latencies) < 200 && onPg.errors === 0 && onPg.lost === 0,
          detail: `${describeRun(onPg)}；${describeRun(onSqlite)}；读 70%（列表、检索、批次页）写 30%（谈心谈话、工作实绩、修改档案），每次操作间隔 ${THINK_MS[0]}–${THINK_MS[1]} ms`,
        };
        return [line];
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }),
};

const SEARCH_N = 10_000;
const RUNS = 200;

/** Cadre list/search at 10,000 files on PostgreSQL: the service (snapshot read) vs the same SQL on a plain `pg` client. */
export const serverSearchFigure: Figure = {
  name: `服务器检索（PostgreSQL，${SEARCH_N} 人）`,
  run: () =>
    withPg(serverSearchFigure.name, async (pgs) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-bench-pgsearch-'));
      const url = await pgs.createDatabase();
      const s = await AppServices.open(url, { dataDir: dir });
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await generateCadres(s, SEARCH_N);
        await client.query('ANALYZE');
        const m = s.db.manager;
        const raw = async (q: CadreListQuery) => {
          const { count, page } = cadreListQueries(m, CadreListQuerySchema.parse(q));
          const c = count.render('postgres');
          await client.query(c.text, c.params);
          const p = page.render('postgres');
          return (await client.query(p.text, p.params)).rows.map(rowToListItem);
        };
        const cases = SEARCH_CASES;
        const lines: FigureLine[] = [];
        for (const [label, q] of cases) {
          const same = JSON.stringify((await s.cadres.list(q)).items) === JSON.stringify(await raw(q));
          const svc = await timeRuns(RUNS, () => s.cadres.list(q));
          const base = await timeRuns(RUNS, () => raw(q));
          const value = median(svc);
          const baseline = median(base);
          lines.push({
            label,
            value,
            baseline,
            unit: 'ms',
            target: '≤ 1.5× 原始SQL（pg）',
            pass: value <= baseline * 1.5 && same,
            detail: `p95 ${p95(svc).toFixed(2)} ms（原始 ${p95(base).toFixed(2)} ms）${same ? '' : '；结果与原始SQL不一致'}`,
          });
        }
        return lines;
      } finally {
        await client.end();
        await s.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }),
};
