import { parseArgs } from 'node:util';
import { UsageError } from '../CliContext';
import type { CliCommand } from './CliCommand';
import { listBatches } from './listBatches';

export const listCommand: CliCommand = {
  name: 'list',
  summary: 'list cadres [--query 文本] [--deleted] [--limit N] — 列出干部档案（按姓名拼音排序）；list batches [--query 文本] [--type 类型] — 列出批次',
  async run(cli, args) {
    if (args[0] === 'batches') return listBatches(cli, args.slice(1));
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { query: { type: 'string' }, deleted: { type: 'boolean' }, limit: { type: 'string' } },
    });
    const what = positionals[0];
    if (what !== 'cadres') throw new UsageError(`list 后应为 cadres 或 batches，收到“${what ?? ''}”`);
    const limit = values.limit ? Number(values.limit) : 500;
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit 应为 1 到 500 的整数');
    const s = await cli.open();
    const page = await s.cadres.list({ query: values.query ?? '', deleted: values.deleted ?? false, pageSize: limit });
    cli.result(page.items, () =>
      page.items.length
        ? [
            `共 ${page.total} 人${page.total > page.items.length ? `（显示前 ${page.items.length} 人）` : ''}`,
            ...page.items.map((c) => `${String(c.id).padStart(5)}  ${c.name.padEnd(4, '　')}  ${c.gender}  ${c.birthDate}  ${c.idNumber}  ${c.workUnit}`),
          ].join('\n')
        : '没有符合条件的干部档案',
    );
  },
};
