import { parseArgs } from 'node:util';
import { toApiError } from '../../shared/errors';
import { CliContext, UsageError } from './CliContext';
import type { CliCommand } from './commands/CliCommand';
import { demoCommand } from './commands/demo';
import { initCommand } from './commands/init';
import { listCommand } from './commands/list';
import { batchCommand } from './commands/batch';
import { postingCommand } from './commands/posting';
import { remindersCommand } from './commands/reminders';
import { exportCommand } from './commands/export';
import { importLrmxCommand } from './commands/importLrmx';
import { exportLrmxCommand } from './commands/exportLrmx';
import { importRosterCommand } from './commands/importRoster';
import { exportRosterCommand } from './commands/exportRoster';
import { rosterTemplateCommand } from './commands/rosterTemplate';
import { verifyCommand } from './commands/verify';
import { cadreCommand } from './commands/cadre';
import { backupCommand, listBackupsCommand, restoreCommand } from './commands/backup';
import { userCommand } from './commands/user';
import { migrateToServerCommand } from './commands/migrateToServer';
import { cliPermission } from './permissions';
import { restrictNewFiles } from '../db/privateFiles';
import { isPostgresUrl } from '../db/target';
import path from 'node:path';

/**
 * 挂职干部管理系统 command line: `npm run -s cli -- [--db FILE] [--json] COMMAND …`.
 * The command names, flags and --json shapes are a contract: keep them stable.
 */
const COMMANDS: CliCommand[] = [initCommand, demoCommand, listCommand, exportCommand];
COMMANDS.push(batchCommand, postingCommand, remindersCommand);
COMMANDS.push(importLrmxCommand, exportLrmxCommand, importRosterCommand, exportRosterCommand, rosterTemplateCommand);
COMMANDS.push(verifyCommand, cadreCommand);
COMMANDS.push(backupCommand, listBackupsCommand, restoreCommand);
COMMANDS.push(userCommand, migrateToServerCommand);

function help(): string {
  return [
    '用法：npm run -s cli -- [--db 数据库文件 | --pg 服务器地址 --data 数据文件夹] [--json] 命令 …',
    '',
    ...COMMANDS.map((c) => `  ${c.summary}`),
    '',
    '  --db FILE  使用指定的数据库文件（默认：用户数据目录下的 cadre-desk/cadre.db）',
    '  --pg URL   使用数据库服务器上的数据库（postgres://用户@主机:端口/库名；也可设环境变量 CADRE_DESK_PG；密码可用 PGPASSWORD）',
    '  --data DIR 数据文件夹（归档账本密钥、佐证材料与备份所在；也可设环境变量 CADRE_DESK_DATA）：用 --pg 时必需',
    '  --json     以 JSON 输出结果（标准输出只有 JSON）',
    '  --user NAME  以该账号登录（数据库设置了账号后必需；密码取自环境变量 CADRE_DESK_PASSWORD 或终端输入）',
  ].join('\n');
}

/**
 * Where the data is: `--db FILE` (a SQLite file), or `--pg URL` (CADRE_DESK_PG) with `--data DIR` (CADRE_DESK_DATA):
 * a database on a PostgreSQL server and the folder of its ledger key, evidence and backups. `--data` alone names
 * the folder of the desktop database (`DIR/cadre.db`), as CADRE_DESK_DATA does.
 */
function where(values: Record<string, string | boolean | undefined>): [string | undefined, { url: string; dataDir: string } | null] {
  const str = (v: string | boolean | undefined) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const db = str(values.db);
  const pgFlag = str(values.pg);
  if (db && pgFlag) throw new UsageError('--db 与 --pg 只能用一个：--db 指定单机数据库文件，--pg 指定数据库服务器');
  const url = pgFlag ?? (db ? undefined : str(process.env.CADRE_DESK_PG));
  const dataDir = str(values.data) ?? str(process.env.CADRE_DESK_DATA);
  if (url) {
    if (!isPostgresUrl(url)) throw new UsageError(`--pg：应为 postgres://用户@主机:端口/库名 形式的地址（收到“${url.slice(0, 60)}”）`);
    if (!dataDir) throw new UsageError('使用数据库服务器时请用 --data 指定服务器的数据文件夹（归档账本密钥、佐证材料与备份存放处），或设置环境变量 CADRE_DESK_DATA');
    const dir = path.resolve(dataDir);
    return [path.join(dir, 'cadre.db'), { url, dataDir: dir }];
  }
  if (db) return [db, null];
  return [str(values.data) ? path.join(path.resolve(str(values.data)!), 'cadre.db') : undefined, null];
}

export async function runCli(argv: string[]): Promise<number> {
  // Global options may stand before the command; the rest belongs to the command.
  const { values, tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: {
      db: { type: 'string' },
      pg: { type: 'string' },
      data: { type: 'string' },
      json: { type: 'boolean' },
      user: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const json = values.json === true;
  const globals = new Set(['db', 'pg', 'data', 'json', 'user', 'help', 'h']);
  const rest = tokens
    .filter((t) => !(t.kind === 'option' && globals.has(t.name)))
    .map((t) => (t.kind === 'positional' ? t.value : t.kind === 'option' ? t.rawName + (t.inlineValue ? `=${t.value}` : '') : '--'))
    .filter((t, i, all) => !(t === '--' && i === all.length - 1));
  // parseArgs(strict:false) treats the value after an unknown option as a separate positional: keep order.
  let cli: CliContext;
  try {
    const [dbFile, server] = where(values);
    cli = new CliContext(dbFile, json, server);
  } catch (err) {
    process.stderr.write(`错误：${toApiError(err).message}\n`);
    if (json) process.stdout.write(`${JSON.stringify({ error: toApiError(err).message })}\n`);
    return 2;
  }
  if (typeof values.user === 'string') cli.user = values.user;
  try {
    if (values.help || rest.length === 0) {
      process.stdout.write(`${help()}\n`);
      return values.help ? 0 : 2;
    }
    const [name, ...args] = rest;
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`未知命令“${name}”。可用命令：${COMMANDS.map((c) => c.name).join('、')}`);
    cli.permission = cliPermission(command.name, args);
    await command.run(cli, args);
    await cli.recordExport(command.name, args);
    return cli.exitCode;
  } catch (err) {
    const usage = err instanceof UsageError || (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || (err as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE';
    const message = usage && !(err instanceof UsageError) ? `参数错误：${(err as Error).message}` : toApiError(err).message;
    if (toApiError(err).code === 'INTERNAL' && !usage) process.stderr.write(`${(err as Error)?.stack ?? err}\n`);
    process.stderr.write(`错误：${message}\n`);
    if (json) process.stdout.write(`${JSON.stringify({ error: message })}\n`);
    return usage ? 2 : 1;
  } finally {
    await cli.close();
  }
}

restrictNewFiles();
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`错误：${String(err)}\n`);
    process.exitCode = 1;
  },
);
