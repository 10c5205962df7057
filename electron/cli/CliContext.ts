import { AppError } from '../../shared/errors';
import { defaultDbFile } from '../db/dataSource';
import { AppServices } from '../services/AppServices';
import { systemContext, type ServiceContext } from '../services/ServiceContext';

/** What every command gets: parsed options, the services (opened on demand) and the output helpers. */
export class CliContext {
  private services?: AppServices;
  readonly ctx: ServiceContext = systemContext();
  /** Set to 1 by a command that printed its full report but some part failed (e.g. one file of a batch import). */
  exitCode = 0;

  constructor(
    readonly dbFile: string = defaultDbFile(),
    readonly json: boolean = false,
  ) {}

  /**
   * The services on the database. An encrypted database takes its password from CADRE_DESK_DB_PASSWORD, or asks
   * for it on a terminal (never as an argument: it would show in the shell history and the process list).
   */
  async open(): Promise<AppServices> {
    if (this.services) return this.services;
    const open = (password?: string) => AppServices.open(this.dbFile, { backupBeforeMigrations: true, password });
    try {
      this.services = await open(process.env.CADRE_DESK_DB_PASSWORD || undefined);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'LOCKED') || !process.stdin.isTTY) {
        if (err instanceof AppError && err.code === 'LOCKED') throw new AppError('LOCKED', '数据库已加密：请设置环境变量 CADRE_DESK_DB_PASSWORD，或在终端中运行以输入密码');
        throw err;
      }
      this.services = await open(await askPassword('数据库密码：'));
    }
    return this.services;
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
