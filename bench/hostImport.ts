import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { CallRouter } from '../electron/api/router';
import { writeRosterXlsx } from '../electron/exchange/roster/rosterWrite';
import { startHost } from '../electron/host/server';
import { benchPerson } from './figures/exchange';

/** A roster of `rows` invented people (numbered from `first`), as base64 the way the page sends it. */
export async function rosterBase64(rows: number, first: number): Promise<string> {
  return (await writeRosterXlsx(Array.from({ length: rows }, (_, i) => benchPerson(first + i)), `花名册（${rows} 人）`)).toString('base64');
}

export interface HostImportRun {
  body: { ok: boolean; result?: { ok: boolean; created: number }; error?: { message: string } };
  /** The browser host's event-loop delay while the import ran. */
  p99Ms: number;
  maxMs: number;
  ms: number;
}

/**
 * Imports a roster through the browser host's HTTP API (`roster:import`) while measuring the event loop of this
 * thread, which serves HTTP: with the database worker it stays free; with the services in this thread it stalls.
 */
export async function importThroughHost(route: CallRouter, base64: string): Promise<HostImportRun> {
  const host = await startHost({ route, ctx: { actor: '经办人' }, staticDir: '/nonexistent', port: 0, log: { error: () => undefined } });
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  try {
    const t0 = performance.now();
    histogram.enable();
    const res = await fetch(`${host.url}api/roster:import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Cadre-Token': host.token },
      body: JSON.stringify({ fileName: '花名册.xlsx', base64, batchName: '' }),
    });
    const body = (await res.json()) as HostImportRun['body'];
    histogram.disable();
    return { body, p99Ms: histogram.percentile(99) / 1e6, maxMs: histogram.max / 1e6, ms: performance.now() - t0 };
  } finally {
    await host.close();
  }
}
