import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHandlers } from '../../electron/api/handlers';
import { inProcessRouter } from '../../electron/api/router';
import { AppServices } from '../../electron/services/AppServices';
import { DbWorkerClient } from '../../electron/worker/DbWorkerClient';
import type { Figure } from '../Figure';
import { importThroughHost, rosterBase64 } from '../hostImport';

const ROWS = 5000;

/**
 * The window's thread while a 5,000-row roster is imported: the event-loop delay (p99) of the browser host with the
 * database worker, against the same import run on the host's own thread (how it was before the worker).
 */
export const hostEventLoopFigure: Figure = {
  name: `导入 ${ROWS} 行花名册时界面线程的事件循环延迟`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-bench-'));
    try {
      const worker = await DbWorkerClient.start(path.join(dir, 'worker.db'));
      const viaWorker = await importThroughHost(worker.route, await rosterBase64(ROWS, 40_000)).finally(() => worker.close());
      const s = await AppServices.open(path.join(dir, 'inline.db'));
      const inline = await importThroughHost(inProcessRouter(createHandlers(s)), await rosterBase64(ROWS, 40_000)).finally(() => s.close());
      for (const r of [viaWorker, inline]) if (!r.body.result?.ok) throw new Error(`基准花名册导入失败：${JSON.stringify(r.body).slice(0, 300)}`);
      return [
        {
          label: `事件循环延迟 p99（数据库工作线程 vs 同一线程）`,
          value: viaWorker.p99Ms,
          baseline: inline.p99Ms,
          unit: 'ms',
          target: 'p99 < 50 ms',
          pass: viaWorker.p99Ms < 50,
          detail: `最长 ${viaWorker.maxMs.toFixed(1)} ms（同一线程 ${inline.maxMs.toFixed(1)} ms）；导入用时 ${(viaWorker.ms / 1000).toFixed(2)} s（同一线程 ${(inline.ms / 1000).toFixed(2)} s）`,
        },
      ];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
