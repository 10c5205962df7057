import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDbFile } from '../db/dataSource';
import { systemContext } from '../services/ServiceContext';
import { DbWorkerClient } from '../worker/DbWorkerClient';
import { startHost } from './server';
import { restrictNewFiles } from '../db/privateFiles';

/** `npm run host -- [--db FILE] [--port N] [--static DIR]`: the browser host, for machines without Electron. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string' }, static: { type: 'string' } },
  });
  const dbFile = values.db ?? defaultDbFile();
  const port = values.port ? Number(values.port) : 5180;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port 应为 0–65535 的整数');
  // The database and the services live in a worker thread: this thread only serves HTTP.
  const worker = await DbWorkerClient.start(dbFile);
  const staticDir = values.static ?? path.resolve(process.cwd(), 'out', 'renderer');
  let host;
  try {
    host = await startHost({ route: worker.route, ctx: systemContext(), staticDir, port });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    host = await startHost({ route: worker.route, ctx: systemContext(), staticDir, port: 0 });
  }
  console.log(`挂职干部管理系统（浏览器版）已启动：${host.openUrl}`);
  console.log(`数据库：${dbFile}`);
  console.log('请在本机浏览器中打开上面的地址（只能使用一次）；需要新的地址请按回车键；按 Ctrl+C 退出。');
  // Each Enter prints a fresh one-time address (another browser, or after the browser was closed).
  process.stdin.on('data', () => console.log(`新的一次性地址：${host.newLink()}`));
  const stop = async () => {
    await host.close();
    await worker.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

restrictNewFiles();
main().catch((err) => {
  console.error(`错误：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
