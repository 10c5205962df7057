import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { AppError } from '../../shared/errors';
import { PG_WRITE_LOCK } from '../db/Database';
import { serverName } from '../db/target';

/**
 * Backups of a database on a PostgreSQL server: PostgreSQL's own tools, `pg_dump -Fc` (custom format: compressed,
 * restorable table by table) and `pg_restore`, run against the server named by the app's URL. The dump goes into
 * the same `.cdbak` archive as a desktop backup (backupArchive.ts), beside the ledger key and the evidence files,
 * with `engine: 'postgres'` in the manifest.
 */
export { PG_DUMP_MEMBER } from './backupArchive';

/** The tables a backup or the restore preview counts leave out (the migrations' own bookkeeping). */
const UNCOUNTED = new Set(['migrations', 'typeorm_metadata']);

const run = (file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> =>
  new Promise((resolve, reject) =>
    execFile(file, args, { env, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', windowsHide: true }, (err, stdout, stderr) =>
      err ? reject(Object.assign(err, { stdout, stderr })) : resolve({ stdout, stderr }),
    ),
  );

/** The major version in `pg_dump (PostgreSQL) 16.4 (Debian 16.4-1.pgdg120+1)`, or null. */
export function toolMajor(versionLine: string): number | null {
  const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(versionLine);
  if (!m) return null;
  const major = Number(m[1]);
  // Before 10 the major version had two parts (9.6): older than any server the app supports.
  return major < 10 ? major + Number(m[2] ?? 0) / 10 : major;
}

/** Where a PostgreSQL client tool may be: PG_BIN, Debian's versioned folders (newest first), Windows' installs, PATH. */
function candidates(name: string): string[] {
  const exe = process.platform === 'win32' ? `${name}.exe` : name;
  const out: string[] = [];
  if (process.env.PG_BIN) out.push(path.join(process.env.PG_BIN, exe));
  const versioned = (root: string) => {
    if (!fs.existsSync(root)) return;
    for (const v of fs
      .readdirSync(root)
      .filter((d) => /^\d+(\.\d+)?$/.test(d))
      .sort((a, b) => Number(b) - Number(a)))
      out.push(path.join(root, v, 'bin', exe));
  };
  versioned('/usr/lib/postgresql');
  if (process.platform === 'win32') versioned(path.join(process.env.ProgramFiles ?? 'C:\\Program Files', 'PostgreSQL'));
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) out.push(path.join(dir, exe));
  return [...new Set(out)].filter((f) => fs.existsSync(f));
}

/**
 * `pg_dump` or `pg_restore` able to work with a server of major version `serverMajor`: the newest found. A tool
 * older than the server refuses it (pg_dump: "server version mismatch"), so that is said up front in Chinese.
 */
export async function findPgTool(name: 'pg_dump' | 'pg_restore', serverMajor: number): Promise<string> {
  const found: { file: string; major: number }[] = [];
  for (const file of candidates(name)) {
    try {
      const major = toolMajor((await run(file, ['--version'], process.env)).stdout);
      if (major !== null) found.push({ file, major });
    } catch {
      // Not runnable (a broken wrapper, another architecture): try the next.
    }
  }
  if (!found.length)
    throw new AppError(
      'STORAGE',
      `找不到 PostgreSQL 的 ${name} 程序，无法${name === 'pg_dump' ? '备份' : '恢复'}数据库服务器上的数据：请在本机安装 PostgreSQL 客户端工具（统信UOS、银河麒麟、Debian：apt-get install postgresql-client；Windows：PostgreSQL 安装程序），或设置环境变量 PG_BIN 为其所在文件夹`,
    );
  found.sort((a, b) => b.major - a.major);
  const best = found[0];
  if (best.major < serverMajor)
    throw new AppError(
      'STORAGE',
      `数据库服务器为 PostgreSQL ${serverMajor}，本机的 ${name} 为 ${best.major}（${best.file}）：较旧的工具不能${name === 'pg_dump' ? '备份' : '恢复'}较新的服务器。请安装 PostgreSQL ${serverMajor} 或更新版本的客户端工具（如 apt-get install postgresql-client-${serverMajor}），或设置环境变量 PG_BIN`,
    );
  return best.file;
}

/** The URL without its password (given to the tools through PGPASSWORD: not in the process list). */
function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}), PGAPPNAME: 'cadre-desk-backup' } };
}

/** A connection of its own to the server (the app's pools stay untouched). */
export async function withServer<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url, application_name: 'cadre-desk-backup' });
  try {
    await c.connect();
  } catch (err) {
    throw new AppError('STORAGE', `无法连接数据库服务器 ${serverName(url)}：${String((err as Error)?.message ?? err).split('\n')[0]}`);
  }
  try {
    return await work(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

export async function serverMajorOf(c: pg.Client): Promise<number> {
  const [{ v }] = (await c.query(`SELECT current_setting('server_version_num')::int AS v`)).rows as { v: number }[];
  return Math.floor(Number(v) / 10000);
}

/** What the database holds now, as a backup's manifest says it: rows per table, schema version, ledger head, evidence. */
export async function describeServerDatabase(c: pg.Client) {
  const tables = (
    await c.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`)
  ).rows.map((r: { name: string }) => r.name);
  const counts: Record<string, number> = {};
  for (const t of tables) if (!UNCOUNTED.has(t)) counts[t] = Number((await c.query(`SELECT COUNT(*) AS n FROM "${t}"`)).rows[0].n);
  const [last] = tables.includes('migrations') ? (await c.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`)).rows : [];
  const [head] = tables.includes('archive_ledger_head') ? (await c.query(`SELECT seq, entry_hash FROM archive_ledger_head WHERE id = 1`)).rows : [];
  const evidence = tables.includes('evidence_file') ? (await c.query(`SELECT DISTINCT sha256, ext FROM evidence_file`)).rows : [];
  return {
    counts,
    schemaVersion: last ? String(last.name) : '',
    ledgerHead: head ? { seq: Number(head.seq), entryHash: String(head.entry_hash) } : null,
    evidence: evidence.map((e: { sha256: string; ext: string }) => ({ sha256: String(e.sha256), ext: String(e.ext) })),
  };
}

export type ServerSnapshotInfo = Awaited<ReturnType<typeof describeServerDatabase>>;

/**
 * `pg_dump -Fc` of the database into `dest`, and what it holds, from one snapshot: a REPEATABLE READ transaction
 * exports its snapshot, is described, and pg_dump reads the very same snapshot (`--snapshot`) while writes go on.
 */
export async function dumpServerDatabase(url: string, dest: string): Promise<ServerSnapshotInfo> {
  return withServer(url, async (c) => {
    const tool = await findPgTool('pg_dump', await serverMajorOf(c));
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const [{ id }] = (await c.query('SELECT pg_export_snapshot() AS id')).rows as { id: string }[];
      const info = await describeServerDatabase(c);
      const { dbname, env } = toolConnection(url);
      try {
        await run(tool, ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${id}`, `--file=${dest}`, `--dbname=${dbname}`], env);
      } catch (err) {
        throw toolFailure('pg_dump', err);
      }
      return info;
    } finally {
      await c.query('COMMIT').catch(() => undefined);
    }
  });
}

/** Reads a dump's table of contents (`pg_restore --list`): a dump pg_restore cannot read is refused before anything changes. */
export async function checkDump(url: string, file: string): Promise<void> {
  const tool = await withServer(url, async (c) => findPgTool('pg_restore', await serverMajorOf(c)));
  try {
    const { stdout } = await run(tool, ['--list', file], process.env);
    if (!/TABLE DATA/.test(stdout)) throw new Error('no table data');
  } catch (err) {
    throw new AppError('VALIDATION', `备份中的数据库转储无法读取（${String((err as { stderr?: string }).stderr || (err as Error).message).split('\n')[0].slice(0, 200)}），未恢复，当前数据未改变`);
  }
}

/**
 * Restores a dump into the database at `url` (`pg_restore --clean --if-exists`, one transaction: a failure changes
 * nothing). Meanwhile a connection of its own holds the app's write lock (`PG_WRITE_LOCK`), so the app's writers —
 * this process's, the server's, the CLI's — wait instead of writing into tables being replaced.
 */
export async function restoreServerDatabase(url: string, file: string): Promise<void> {
  await withServer(url, async (c) => {
    const tool = await findPgTool('pg_restore', await serverMajorOf(c));
    await c.query('SELECT pg_advisory_lock($1)', [PG_WRITE_LOCK]);
    try {
      const { dbname, env } = toolConnection(url);
      try {
        await run(tool, ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`, file], env);
      } catch (err) {
        throw toolFailure('pg_restore', err);
      }
    } finally {
      await c.query('SELECT pg_advisory_unlock($1)', [PG_WRITE_LOCK]).catch(() => undefined);
    }
  });
}

function toolFailure(name: string, err: unknown): AppError {
  if (err instanceof AppError) return err;
  const detail = String((err as { stderr?: string }).stderr || (err as Error)?.message || err)
    .split('\n')
    .filter(Boolean)
    .slice(0, 2)
    .join(' ')
    .slice(0, 300);
  return new AppError('STORAGE', `${name} 执行失败${name === 'pg_restore' ? '，数据库保持恢复前的状态' : ''}：${detail}`);
}
