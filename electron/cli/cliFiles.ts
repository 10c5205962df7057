import fs from 'node:fs';
import path from 'node:path';
import { validationError } from '../../shared/errors';

/**
 * Where a command writes its file: `--out` is a file path, or an existing folder (then the suggested name is used).
 * Refuses a missing folder with a Chinese message rather than a stack trace.
 */
export function outputPath(out: string, suggestedName: string): string {
  const resolved = path.resolve(out);
  if (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory()) return path.join(resolved, suggestedName);
  if (!fs.existsSync(path.dirname(resolved))) throw validationError(`输出文件：目录不存在（${path.dirname(resolved)}）`);
  return resolved;
}

/** The files named on the command line; a folder stands for the files in it with the given extension. */
export function expandInputs(args: readonly string[], ext: string): string[] {
  const files: string[] = [];
  for (const a of args) {
    const p = path.resolve(a);
    if (fs.existsSync(p) && fs.statSync(p).isDirectory()) {
      files.push(
        ...fs
          .readdirSync(p)
          .filter((n) => n.toLowerCase().endsWith(ext))
          .sort()
          .map((n) => path.join(p, n)),
      );
    } else files.push(p);
  }
  return files;
}

export const kb = (n: number) => `${Math.max(1, Math.round(n / 1024))} KB`;
