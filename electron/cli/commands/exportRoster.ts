import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError } from '../CliContext';
import { kb, outputPath } from '../cliFiles';
import type { CliCommand } from './CliCommand';

export const exportRosterCommand: CliCommand = {
  name: 'export-roster',
  summary:
    'export-roster --out 文件.xlsx|文件夹 [--query 文本] [--gender 男|女] [--nation 民族] [--political 政治面貌] [--education 学历] [--category 人员类别] [--batch 批次名称|编号] [--status 挂职状态] [--deleted] — 按条件导出干部花名册',
  async run(cli, args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        query: { type: 'string' },
        gender: { type: 'string' },
        nation: { type: 'string' },
        political: { type: 'string' },
        education: { type: 'string' },
        category: { type: 'string' },
        batch: { type: 'string' },
        status: { type: 'string' },
        deleted: { type: 'boolean' },
      },
    });
    if (positionals.length) throw new UsageError(`多余的参数“${positionals[0]}”`);
    if (!values.out?.trim()) throw new UsageError('请用 --out 指定输出文件（.xlsx）或文件夹');
    const s = await cli.open();
    const batchId = values.batch?.trim() ? (await s.batches.resolve(values.batch.trim())).id : null;
    const file = await s.exchange.exportRoster({
      query: values.query ?? '',
      gender: values.gender ?? '',
      nation: values.nation ?? '',
      politicalStatus: values.political ?? '',
      education: values.education ?? '',
      personCategory: values.category ?? '',
      batchId,
      postingStatus: values.status ?? '',
      deleted: values.deleted ?? false,
    });
    const out = outputPath(values.out, file.fileName);
    fs.writeFileSync(out, file.bytes);
    cli.result({ out, fileName: file.fileName, cadres: file.count, bytes: file.bytes.length }, () => `已导出花名册：${out}（${file.count} 人，${kb(file.bytes.length)}）`);
  },
};
