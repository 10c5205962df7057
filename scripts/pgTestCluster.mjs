#!/usr/bin/env node
/**
 * A throwaway PostgreSQL cluster for tests: `initdb` into a temp folder, `pg_ctl start` on a free port of 127.0.0.1,
 * and at exit `pg_ctl stop` and the folder removed.
 *
 *   node scripts/pgTestCluster.mjs --test [vitest filters…]   # the integration suite on PostgreSQL (npm run test:pg)
 *   node scripts/pgTestCluster.mjs -- COMMAND [ARGS…]         # any command with CADRE_DESK_TEST_PG set
 *   node scripts/pgTestCluster.mjs                            # start, print the URL, stop on Ctrl+C
 *
 * The command runs with CADRE_DESK_TEST_DB=postgres and CADRE_DESK_TEST_PG=postgres://postgres@127.0.0.1:PORT/postgres
 * (a superuser with trust authentication, listening on 127.0.0.1 only: for tests, never for data).
 *
 * PostgreSQL refuses to run as root (`initdb: cannot be run as root`). Run as root (CI containers), the cluster's
 * programs run as the `postgres` account through `runuser -u postgres --` (or `su postgres -s /bin/sh -c` where
 * runuser is missing); Debian's `postgresql` package creates that account, and when it does not exist this script
 * creates it (`useradd --system --no-create-home --shell /usr/sbin/nologin postgres`). The temp folder is given
 * to that account. As any other user the programs run as that user.
 *
 * The binaries: PG_BIN if set, else the newest /usr/lib/postgresql/N/bin (Debian), else initdb and pg_ctl on PATH.
 * The cluster uses the C locale (UTF-8): text sorts by code point as in SQLite, and ILIKE folds ASCII only, as
 * SQLite's LIKE does. fsync is off: the data is thrown away.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder with initdb and pg_ctl, or '' to use PATH. */
export function pgBinDir() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return path.join(root, versions[0], 'bin');
  }
  return '';
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function ensurePostgresUser() {
  if (spawnSync('id', ['-u', 'postgres']).status === 0) return;
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'inherit' });
}

/** argv that runs `program args…` as the cluster's owner. */
function asOwner(program, args) {
  if (!isRoot()) return [program, args];
  if (spawnSync('sh', ['-c', 'command -v runuser']).status === 0) return ['runuser', ['-u', 'postgres', '--', program, ...args]];
  const quoted = [program, ...args].map((a) => `'${String(a).replace(/'/g, `'\\''`)}'`).join(' ');
  return ['su', ['postgres', '-s', '/bin/sh', '-c', quoted]];
}

function run(program, args, options = {}) {
  const [cmd, argv] = asOwner(program, args);
  const r = spawnSync(cmd, argv, { encoding: 'utf8', ...options });
  if (r.status !== 0) throw new Error(`${program} ${args.join(' ')} 失败（退出码 ${r.status}）：\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  return r.stdout;
}

/**
 * Starts a cluster; resolves to `{ url, port, dir, stop }`. `stop()` is synchronous (safe in an exit handler) and
 * idempotent: it stops the server immediately and removes the folder.
 */
export async function startCluster() {
  const bin = pgBinDir();
  const exe = (name) => (bin ? path.join(bin, name) : name);
  if (isRoot()) ensurePostgresUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-desk-pg-'));
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  if (isRoot()) execFileSync('chown', ['postgres:', dir]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (fs.existsSync(path.join(data, 'postmaster.pid'))) {
      const [cmd, argv] = asOwner(exe('pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w']);
      spawnSync(cmd, argv, { stdio: 'ignore' });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    run(exe('initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const settings = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c max_connections=300',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c shared_buffers=64MB',
    ].join(' ');
    run(exe('pg_ctl'), ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', settings]);
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dir, stop };
  } catch (err) {
    const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') : '';
    stop();
    throw new Error(`${err.message}${tail ? `\n${tail}` : ''}`);
  }
}

async function main() {
  const argv = process.argv.slice(2);
  const cluster = await startCluster();
  process.on('exit', cluster.stop);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'])
    process.on(sig, () => {
      cluster.stop();
      process.exit(130);
    });
  const env = { ...process.env, CADRE_DESK_TEST_DB: 'postgres', CADRE_DESK_TEST_PG: cluster.url };
  let command = null;
  if (argv[0] === '--test') command = ['npx', ['vitest', 'run', ...(argv.length > 1 ? argv.slice(1) : ['tests/integration'])]];
  else if (argv[0] === '--') command = [argv[1], argv.slice(2)];
  if (!command || !command[0]) {
    console.log(`PostgreSQL 测试集群已启动：${cluster.url}`);
    console.log(`export CADRE_DESK_TEST_DB=postgres CADRE_DESK_TEST_PG=${cluster.url}`);
    console.log('按 Ctrl+C 停止并删除。');
    setInterval(() => undefined, 1 << 30);
    return;
  }
  console.error(`== PostgreSQL test cluster at ${cluster.url}`);
  const child = spawn(command[0], command[1], { stdio: 'inherit', env });
  const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  cluster.stop();
  process.exit(code);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err.message ?? err);
    process.exit(1);
  });
}
