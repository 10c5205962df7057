import type { CliContext } from '../CliContext';

export interface CliCommand {
  /** The first word (or words, e.g. `list`) of the command line. */
  name: string;
  /** One line of help. */
  summary: string;
  run(cli: CliContext, args: string[]): Promise<void>;
}
