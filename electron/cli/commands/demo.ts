import { parseArgs } from 'node:util';
import { describeDemoClear } from '../../../shared/demo';
import { clearDemo } from '../../demo/clearDemo';
import { loadDemo } from '../../demo/loadDemo';
import { UsageError } from '../CliContext';
import type { CliCommand } from './CliCommand';

/**
 * `demo`: loads the demo (idempotent; with its archived records, `--no-archive`: none, as the home page loads it).
 * `demo --clear`: removes what the demo wrote, keeping archived records with their files and batches, and the clerk's
 * own people (each kept item is listed with why).
 */
export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'demo [--no-archive] [--clear] — 载入示例数据（虚构人员），已存在的不重复载入；--no-archive 不归档任何记录（可全部清除）；--clear 清除示例数据（已归档的记录及其档案保留）',
  async run(cli, args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { clear: { type: 'boolean' }, 'no-archive': { type: 'boolean' } } });
    if (positionals.length) throw new UsageError(`多余的参数“${positionals[0]}”；用法：demo [--no-archive] | demo --clear`);
    const s = await cli.open();
    if (values.clear) {
      const r = await clearDemo(s, cli.ctx);
      cli.result(r, () => [describeDemoClear(r), ...(r.kept.length ? ['保留：', ...r.kept.map((k) => `  ${k.what}——${k.reason}`)] : [])].join('\n'));
      return;
    }
    const result = await loadDemo(s, cli.ctx, { archive: !values['no-archive'] });
    cli.result(result, () => `示例数据已载入：新增干部档案 ${result.cadres} 份，批次 ${result.batches} 个，挂职记录 ${result.postings} 条`);
  },
};
