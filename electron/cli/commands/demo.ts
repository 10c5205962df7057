import { loadDemo } from '../../demo/loadDemo';
import type { CliCommand } from './CliCommand';

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'demo — 载入示例数据（虚构人员），已存在的不重复载入',
  async run(cli) {
    const s = await cli.open();
    const result = await loadDemo(s, cli.ctx);
    cli.result(result, () => `示例数据已载入：新增干部档案 ${result.cadres} 份，批次 ${result.batches} 个，挂职记录 ${result.postings} 条`);
  },
};
