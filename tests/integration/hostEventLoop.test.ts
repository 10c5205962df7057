import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/api/handlers';
import { inProcessRouter } from '../../electron/api/router';
import { DbWorkerClient } from '../../electron/worker/DbWorkerClient';
import { importThroughHost, rosterBase64 } from '../../bench/hostImport';
import { tempServices } from '../helpers/tempServices';

const ROWS = 5000;

describe('the database runs off the host’s thread', () => {
  let env: Awaited<ReturnType<typeof tempServices>>;
  let worker: DbWorkerClient;
  let base64: string;
  beforeAll(async () => {
    env = await tempServices();
    worker = await DbWorkerClient.start(env.s.dbFile, { error: () => undefined });
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

  it('the same import run on the host’s own thread blocks it (what the worker prevents)', async () => {
    // Same rows again: every row is now an unchanged update, still a full parse and check on this thread.
    const r = await importThroughHost(inProcessRouter(createHandlers(env.s)), base64);
    expect(r.body.ok).toBe(true);
    expect(r.maxMs).toBeGreaterThan(100);
  });
});
