import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverDatabaseOf } from './testDb';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * The CLI's options naming a test's database: `--db FILE` for a SQLite file; for the data folder anchor of a
 * PostgreSQL test database (tempServices on CADRE_DESK_TEST_DB=postgres), `--pg URL --data DIR`.
 */
export function cliDbArgs(dbFile: string): string[] {
  const url = serverDatabaseOf(dbFile);
  return url ? ['--pg', url, '--data', path.dirname(dbFile)] : ['--db', dbFile];
}

/** `args` with each `--db FILE` of a server test database replaced by `--pg URL --data DIR`. */
function onTestDatabase(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--db' && i + 1 < args.length) out.push(...cliDbArgs(args[++i]));
    else out.push(args[i]);
  }
  return out;
}

/** Runs the CLI the way users and acceptance checks do (`npm run -s cli -- …`, i.e. tsx on electron/cli/main.ts). */
export function runCli(args: string[], env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron', 'cli', 'main.ts'), ...onTestDatabase(args)], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, CADRE_DESK_DB_PASSWORD: '', CADRE_DESK_PG: '', CADRE_DESK_DATA: '', ...env },
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
