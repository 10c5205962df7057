import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { rosterTemplateFile } from '../../exchange/roster/rosterWrite';
import { UsageError } from '../CliContext';
import { kb, outputPath } from '../cliFiles';
import type { CliCommand } from './CliCommand';

export const rosterTemplateCommand: CliCommand = {
  name: 'roster-template',
  summary: 'roster-template --out 文件.xlsx|文件夹 — 生成空白花名册模板（填好后可用 import-roster 导入）',
  async run(cli, args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' } } });
    if (positionals.length) throw new UsageError(`多余的参数“${positionals[0]}”`);
    if (!values.out?.trim()) throw new UsageError('请用 --out 指定输出文件（.xlsx）或文件夹');
    // No database needed: the template is the same for everyone.
    const file = await rosterTemplateFile();
    const out = outputPath(values.out, file.fileName);
    fs.writeFileSync(out, file.bytes);
    cli.result({ out, fileName: file.fileName, bytes: file.bytes.length }, () => `已生成花名册模板：${out}（${kb(file.bytes.length)}）`);
  },
};
