import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

/**
 * A PostgreSQL server for the bench and the server-mode tests: the one `npm run test:pg` started (CADRE_DESK_TEST_PG),
 * else a throwaway cluster of scripts/pgTestCluster.mjs (initdb into a temp folder, 127.0.0.1 only, removed at stop),
 * else none, with the reason (PostgreSQL is not installed).
 */
export interface PgServer {
  url: string;
  /** A fresh database (UTF-8, C collation, as the app's databases are made); its URL. */
  createDatabase(): Promise<string>;
  /** Stops a cluster started here (a server given by CADRE_DESK_TEST_PG is left running). */
  stop(): void;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const script = path.join(root, 'scripts', 'pgTestCluster.mjs');

interface ClusterModule {
  pgBinDir(): string;
  startCluster(): Promise<{ url: string; stop(): void }>;
}
const clusterModule = () => import(pathToFileURL(script).href) as Promise<ClusterModule>;

/** Why no PostgreSQL server can be had here, or null when one can. */
export async function pgUnavailableReason(): Promise<string | null> {
  if (process.env.CADRE_DESK_TEST_PG) return null;
  const bin = (await clusterModule()).pgBinDir();
  if (bin ? fs.existsSync(path.join(bin, 'initdb')) : spawnSync('sh', ['-c', 'command -v initdb'], { stdio: 'ignore' }).status === 0) return null;
  return '本机未安装 PostgreSQL（找不到 initdb；Debian：apt-get install postgresql）';
}

export async function startPgServer(): Promise<PgServer> {
  const given = process.env.CADRE_DESK_TEST_PG;
  const cluster = given ? { url: given, stop: () => undefined } : await (await clusterModule()).startCluster();
  if (!given) process.once('exit', cluster.stop);
  return {
    url: cluster.url,
    stop: cluster.stop,
    async createDatabase() {
      const name = `cadre_srv_${crypto.randomBytes(5).toString('hex')}`;
      const c = new pg.Client({ connectionString: cluster.url });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
      } finally {
        await c.end();
      }
      const u = new URL(cluster.url);
      u.pathname = `/${name}`;
      return u.toString();
    },
  };
}
