import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ApiEnvelope } from '../../shared/contract';
import type { JobProgress } from '../../shared/jobProgress';
import type { Logger } from '../api/dispatch';
import type { CallContext } from '../api/handlers';
import type { CallRouter } from '../api/router';
import type { FromWorker, ToWorker, WorkerTarget } from './protocol';
import { EVIDENCE_TYPES_TEXT, isEvidenceFileName } from '../../shared/evidenceTypes';

interface Pending {
  resolve: (e: ApiEnvelope<unknown>) => void;
  ctx: CallContext;
  onProgress?: (p: JobProgress) => void;
}

/**
 * Where the worker's code is: `dbWorker.cjs` beside the built main process; from the TypeScript sources
 * (the browser host through tsx, the tests) a two-line bootstrap registers tsx in the worker, then loads it.
 */
export function workerEntry(): { code: string | URL; eval: boolean } {
  const here = typeof __dirname !== 'undefined' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  const built = path.join(here, 'dbWorker.cjs');
  if (fs.existsSync(built)) return { code: built, eval: false };
  const source = pathToFileURL(path.join(here, 'dbWorker.ts')).href;
  // The ESM build of tsx's API, found from this file (not the working directory).
  const tsxPkg = createRequire(path.join(here, 'dbWorker.ts')).resolve('tsx/package.json');
  const tsxApiFile = JSON.parse(fs.readFileSync(tsxPkg, 'utf8')).exports['./esm/api'].import.default as string;
  const tsxApi = pathToFileURL(path.join(path.dirname(tsxPkg), tsxApiFile)).href;
  const tsconfig = path.resolve(here, '..', '..', 'tsconfig.json');
  return { code: `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register({ tsconfig: ${JSON.stringify(tsconfig)} }); return import(${JSON.stringify(source)}); });`, eval: true };
}

export interface WorkerOptions {
  /** The department server on a network address: signed-in sessions only, even on a database without accounts. */
  sessionsOnly?: boolean;
}

const CRASHED = { ok: false as const, error: { code: 'INTERNAL', message: '数据库工作线程意外退出，本次操作未完成；已自动重新打开数据库，请重试' } };

/**
 * The host's side of the database worker: starts it, routes contract calls to it and their answers back,
 * relays progress events and the worker's requests to open a file. If the worker dies, the calls in flight
 * answer with an error (their transactions rolled back with it) and a new worker opens the database again.
 */
export class DbWorkerClient {
  private worker!: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closing = false;

  private constructor(
    /** The SQLite file, or the PostgreSQL URL. */
    readonly dbFile: string,
    /** With a PostgreSQL URL: the server's data folder (ledger key, evidence files). */
    readonly dataDir: string | undefined,
    private readonly log: Logger,
    private readonly options: WorkerOptions,
  ) {}

  /** Starts a worker on a SQLite file, or on a PostgreSQL database (`{ url, dataDir }`). */
  static async start(target: WorkerTarget, log: Logger = console, options: WorkerOptions = {}): Promise<DbWorkerClient> {
    const client = typeof target === 'string' ? new DbWorkerClient(target, undefined, log, options) : new DbWorkerClient(target.url, target.dataDir, log, options);
    await client.spawn();
    return client;
  }

  /** The router a host hands to IPC or HTTP. */
  readonly route: CallRouter = (channel, input, ctx, onProgress) =>
    new Promise((resolve) => {
      if (this.closing) return resolve({ ok: false, error: { code: 'INTERNAL', message: '程序正在退出' } });
      const id = this.nextId++;
      this.pending.set(id, { resolve, ctx, onProgress });
      this.send({ type: 'call', id, channel: String(channel), input, ctx: { actor: ctx.actor, mode: ctx.mode, canOpenFiles: !!ctx.openFile, sessionToken: ctx.sessionToken } });
    });

  /** The worker's thread id (tests check that the work happens there). */
  get threadId(): number {
    return this.worker.threadId;
  }

  async close(): Promise<void> {
    this.closing = true;
    const w = this.worker;
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      w.once('exit', done);
      w.on('message', (m: FromWorker) => m.type === 'closed' && void w.terminate().then(done, done));
      this.send({ type: 'close' });
    });
  }

  private send(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  private spawn(): Promise<void> {
    const entry = workerEntry();
    const worker = new Worker(entry.code, { eval: entry.eval });
    this.worker = worker;
    return new Promise((resolve, reject) => {
      let opened = false;
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'opened') {
          opened = true;
          resolve();
        } else if (m.type === 'openFailed') reject(new Error(m.message));
        else this.onMessage(m);
      });
      worker.on('error', (err) => {
        this.log.error('[dbWorker] error', err);
        if (!opened) reject(err);
      });
      worker.on('exit', (code) => {
        if (this.closing || worker !== this.worker) return;
        this.log.error(`[dbWorker] exited with code ${code}; restarting`);
        for (const p of this.pending.values()) p.resolve(CRASHED);
        this.pending.clear();
        if (opened) void this.spawn().catch((err) => this.log.error('[dbWorker] restart failed', err));
      });
      this.send({ type: 'open', dbFile: this.dbFile, dataDir: this.dataDir, sessionsOnly: this.options.sessionsOnly });
    });
  }

  private onMessage(m: FromWorker): void {
    switch (m.type) {
      case 'result':
        this.pending.get(m.id)?.resolve(m.envelope);
        this.pending.delete(m.id);
        return;
      case 'progress':
        this.pending.get(m.id)?.onProgress?.(m.progress);
        return;
      case 'shell': {
        // The worker asks for the desktop's "open with the system viewer"; any pending call's context can do it.
        const opener = [...this.pending.values()].find((p) => p.ctx.openFile)?.ctx.openFile;
        // Only documents and pictures go to the system viewer, whatever the worker asks for.
        const answer = !isEvidenceFileName(m.path)
          ? Promise.resolve(`只能打开 ${EVIDENCE_TYPES_TEXT}`)
          : opener
            ? opener(m.path)
            : Promise.resolve('此运行方式不能直接打开文件');
        void answer.then(
          (result) => this.send({ type: 'shellResult', id: m.id, result }),
          (err) => this.send({ type: 'shellResult', id: m.id, result: String(err) }),
        );
        return;
      }
    }
  }
}
