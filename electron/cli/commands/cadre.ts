import { parseArgs } from 'node:util';
import { UsageError } from '../CliContext';
import type { CliCommand } from './CliCommand';

const USAGE = '用法：cadre delete|restore|purge 干部编号或身份证号';

/**
 * `cadre delete` (移入回收站), `cadre restore` (从回收站恢复) and `cadre purge` (彻底删除, only from the recycle bin,
 * refused while the file holds archived records). `--json` prints `{ ok: true, id, name, action }`.
 */
export const cadreCommand: CliCommand = {
  name: 'cadre',
  summary: 'cadre delete|restore|purge 干部编号或身份证号 — 移入回收站、从回收站恢复、彻底删除（有已归档记录的档案不能彻底删除）',
  async run(cli, args) {
    const [sub, ...rest] = args;
    const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
    if (!['delete', 'restore', 'purge'].includes(sub ?? '') || positionals.length !== 1) throw new UsageError(USAGE);
    const s = await cli.open();
    const cadre = await s.cadres.resolve(positionals[0]);
    const action = sub === 'delete' ? '移入回收站' : sub === 'restore' ? '从回收站恢复' : '彻底删除';
    if (sub === 'delete') await s.cadres.remove(cli.ctx, cadre.id);
    else if (sub === 'restore') await s.cadres.restore(cli.ctx, cadre.id);
    else await s.cadres.purge(cli.ctx, cadre.id);
    cli.result({ ok: true, id: cadre.id, name: cadre.name, action }, () => `已${action}：${cadre.name}`);
  },
};
