import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/api/handlers';
import { inProcessRouter } from '../../electron/api/router';
import { DbWorkerClient } from '../../electron/worker/DbWorkerClient';
import { startHost } from '../../electron/host/server';
import { importThroughHost, rosterBase64 } from '../../bench/hostImport';
import { tempServices } from '../helpers/tempServices';
import { serverDatabaseOf } from '../helpers/testDb';

const ROWS = 5000;

describe('the database runs off the host’s thread', () => {
  let env: Awaited<ReturnType<typeof tempServices>>;
  let worker: DbWorkerClient;
  let base64: string;
  beforeAll(async () => {
    env = await tempServices();
    // The worker opens the same database as the test's services: the SQLite file, or the server database.
    const url = serverDatabaseOf(env.s.dbFile);
    worker = await DbWorkerClient.start(url ? { url, dataDir: env.dir } : env.s.dbFile, { error: () => undefined });
    base64 = await rosterBase64(ROWS, 30_000);
  });
  afterAll(async () => {
    await worker.close();
    await env.cleanup();
  });

  it(`a ${ROWS}-row roster import through the worker keeps the host's event loop p99 under 50 ms`, async () => {
    const r = await importThroughHost(worker.route, base64);
    expect(r.body).toMatchObject({ ok: true, result: { ok: true, created: ROWS } });
    expect((await env.s.cadres.list({ pageSize: 1 })).total).toBe(ROWS);
    expect(r.p99Ms, `p99 ${r.p99Ms.toFixed(1)} ms, max ${r.maxMs.toFixed(1)} ms`).toBeLessThan(50);
  });

  it('the import’s progress crosses from the worker through the host to the page as JSON lines, the answer last', async () => {
    const host = await startHost({ route: worker.route, ctx: { actor: '经办人' }, staticDir: '/nonexistent', port: 0, log: { error: () => undefined } });
    try {
      const res = await fetch(`${host.url}api/roster:import`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Cadre-Token': host.token, 'X-Cadre-Progress': '1' },
        body: JSON.stringify({ fileName: '花名册.xlsx', base64: await rosterBase64(600, 60_000), batchName: '' }),
      });
      expect(res.headers.get('content-type')).toContain('application/x-ndjson');
      const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
      const stages = lines.filter((l) => l.progress).map((l) => l.progress.stage);
      expect([...new Set(stages)]).toEqual(['读取花名册', '校验各行', '写入数据库']);
      expect(lines.filter((l) => l.progress?.stage === '写入数据库').map((l) => l.progress.done)).toEqual([0, 250, 500]);
      expect(lines.at(-1)).toEqual({ envelope: { ok: true, result: expect.objectContaining({ ok: true, created: 600 }) } });
    } finally {
      await host.close();
    }
  });

  it('the same import run on the host’s own thread blocks it (what the worker prevents)', async () => {
    // Same rows again: every row is now an unchanged update, still a full parse and check on this thread.
    const r = await importThroughHost(inProcessRouter(createHandlers(env.s)), base64);
    expect(r.body.ok).toBe(true);
    expect(r.maxMs).toBeGreaterThan(100);
  });
});
