import { AppError } from '../../shared/errors';
import { forbiddenMessage, roleHas, type Permission } from '../../shared/permissions';
import { accessFor } from '../auth/Access';
import { defaultDbFile } from '../db/dataSource';
import { serverName } from '../db/target';
import { AppServices } from '../services/AppServices';
import { systemContext, type ServiceContext } from '../services/ServiceContext';

/** What every command gets: parsed options, the services (opened on demand) and the output helpers. */
export class CliContext {
  private services?: AppServices;
  /** The OS user; the signed-in account (`--user`) once the database has accounts. */
  ctx: ServiceContext = systemContext();
  /** `--user NAME`: who signs in (password from CADRE_DESK_PASSWORD or the terminal). */
  user?: string;
  /** What the running command needs (electron/cli/permissions.ts); checked when the database has accounts. */
  permission: Permission = 'public';
  /** Set to 1 by a command that printed its full report but some part failed (e.g. one file of a batch import). */
  exitCode = 0;

  /**
   * `dbFile`: the SQLite file (`--db`). With `server` (`--pg URL --data DIR`) the database is on a PostgreSQL
   * server and `dbFile` is `DIR/cadre.db`, the name the server database's side files (ledger key, evidence,
   * backups) are kept beside; no such file is created.
   */
  constructor(
    readonly dbFile: string = defaultDbFile(),
    readonly json: boolean = false,
    readonly server: { url: string; dataDir: string } | null = null,
  ) {}

  /** Where the data is, for messages: the file, or the server's `host:port/database` (never the password). */
  get target(): string {
    return this.server ? `数据库服务器 ${serverName(this.server.url)}` : this.dbFile;
  }

  /**
   * The services on the database. An encrypted database takes its password from CADRE_DESK_DB_PASSWORD, or asks
   * for it on a terminal (never as an argument: it would show in the shell history and the process list).
   * On a server (`--pg`), the server's own access rules apply (the password in the URL or PGPASSWORD).
   */
  async open(): Promise<AppServices> {
    if (this.services) return this.services;
    this.services = this.server ? await AppServices.open(this.server.url, { dataDir: this.server.dataDir }) : await this.openFile(this.dbFile);
    await this.signIn(this.services);
    return this.services;
  }

  /**
   * A SQLite database file's services, as `open` opens `--db` (migrated, backed up before a migration, password of
   * an encrypted one from CADRE_DESK_DB_PASSWORD or the terminal). The caller signs in (`signIn`) and closes it.
   */
  async openFile(file: string): Promise<AppServices> {
    const open = (password?: string) => AppServices.open(file, { backupBeforeMigrations: true, password });
    try {
      return await open(process.env.CADRE_DESK_DB_PASSWORD || undefined);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'LOCKED') || !process.stdin.isTTY) {
        if (err instanceof AppError && err.code === 'LOCKED') throw new AppError('LOCKED', '数据库已加密：请设置环境变量 CADRE_DESK_DB_PASSWORD，或在终端中运行以输入密码');
        throw err;
      }
      return open(await askPassword('数据库密码：'));
    }
  }

  /**
   * On a database with accounts every command signs in (`--user`) and is checked like the API; a database without
   * accounts works as it always did. `--user` on such a database is refused rather than ignored.
   */
  async signIn(s: AppServices): Promise<void> {
    const access = accessFor(s);
    if (!(await access.accounts.hasAccounts())) {
      if (this.user) throw new AppError('CONFLICT', '此数据库尚未设置账号：不需要 --user（可用 init --admin 用户名 创建系统管理员）');
      return;
    }
    if (!this.user) {
      if (this.permission === 'public') return;
      throw new UsageError('此数据库已启用账号：请用 --user 用户名 登录（密码取自环境变量 CADRE_DESK_PASSWORD，或在终端输入）');
    }
    const password = await this.secret('CADRE_DESK_PASSWORD', `${this.user} 的密码：`);
    const user = await access.accounts.signIn(this.ctx, { username: this.user, password });
    if (user.mustChangePassword && this.permission !== 'public') throw new AppError('FORBIDDEN', '请先修改密码：管理员设置的密码须在首次登录后修改（在程序中修改）');
    const { grants } = await access.grants.get();
    if (!roleHas(grants, user.role, this.permission)) throw new AppError('FORBIDDEN', forbiddenMessage(grants, this.permission));
    this.ctx = { actor: user.username, actorName: user.name, signedIn: true };
  }

  /** A signed-in user's export, in the audit log like the app's (a database without accounts records none). */
  async recordExport(command: string, args: string[]): Promise<void> {
    if (this.services && this.ctx.signedIn && this.permission === 'export') await accessFor(this.services).recordExport(this.ctx, `cli:${command}`, args);
  }

  /** A password from the environment, else asked on the terminal (never an argument: shell history, process list). */
  async secret(envName: string, prompt: string): Promise<string> {
    const fromEnv = process.env[envName];
    if (fromEnv) return fromEnv;
    if (!process.stdin.isTTY) throw new UsageError(`请设置环境变量 ${envName}，或在终端中运行以输入密码`);
    return askPassword(prompt);
  }

  /** Human lines go to stdout only without --json; with --json stdout carries exactly one JSON document. */
  say(line: string): void {
    if (!this.json) process.stdout.write(`${line}\n`);
  }

  result(value: unknown, human?: () => string): void {
    if (this.json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else if (human) process.stdout.write(`${human()}\n`);
  }

  async close(): Promise<void> {
    await this.services?.close();
  }
}

/** A mistake in how the command was called: exit code 2 and a one-line Chinese message. */
export class UsageError extends AppError {
  constructor(message: string) {
    super('VALIDATION', message);
  }
}

/** Reads a line from the terminal without echoing it. */
function askPassword(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    process.stderr.write(prompt);
    const stdin = process.stdin;
    stdin.setRawMode?.(true);
    stdin.resume();
    let typed = '';
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.setRawMode?.(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          return resolve(typed);
        }
        if (ch === '\u0003') process.exit(130);
        typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}
