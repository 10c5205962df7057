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

  async open(): Promise<AppServices> {
    this.services ??= await AppServices.open(this.dbFile, { backupBeforeMigrations: true });
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
