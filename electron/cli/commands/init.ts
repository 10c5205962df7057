import type { CliCommand } from './CliCommand';

export const initCommand: CliCommand = {
  name: 'init',
  summary: 'init — 创建或升级数据库',
  async run(cli) {
    const s = await cli.open();
    const { total } = await s.cadres.list({ pageSize: 1 });
    cli.result({ dbFile: cli.dbFile, cadres: total }, () => `数据库已就绪：${cli.dbFile}（现有干部档案 ${total} 份）`);
  },
};
