import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError } from '../CliContext';
import { kb, outputPath } from '../cliFiles';
import type { CliCommand } from './CliCommand';

export const exportLrmxCommand: CliCommand = {
  name: 'export-lrmx',
  summary: 'export-lrmx --cadre 编号|身份证号 --out 文件.lrmx|文件夹 — 导出干部任免审批表（LRMX，全国通用格式）',
  async run(cli, args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { cadre: { type: 'string' }, out: { type: 'string' } } });
    if (positionals.length) throw new UsageError(`多余的参数“${positionals[0]}”`);
    if (!values.cadre?.trim()) throw new UsageError('请用 --cadre 干部档案编号或身份证号 指定要导出的干部');
    if (!values.out?.trim()) throw new UsageError('请用 --out 指定输出文件（.lrmx）或文件夹');
    const s = await cli.open();
    const file = await s.exchange.exportLrmx(values.cadre.trim());
    const out = outputPath(values.out, file.fileName);
    fs.writeFileSync(out, file.bytes);
    cli.result({ out, fileName: file.fileName, bytes: file.bytes.length }, () => `已导出任免审批表文件：${out}（${kb(file.bytes.length)}）`);
  },
};
