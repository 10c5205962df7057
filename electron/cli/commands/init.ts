import { parseArgs } from 'node:util';
import { accessFor } from '../../auth/Access';
import { UsageError } from '../CliContext';
import { redactUrl } from '../../db/target';
import type { CliCommand } from './CliCommand';

export const initCommand: CliCommand = {
  name: 'init',
  summary: 'init [--admin 用户名 [--name 姓名] [--dept 科室]] — 创建或升级数据库；--admin 创建第一个系统管理员（密码取自 CADRE_DESK_PASSWORD 或终端输入），此后需登录',
  async run(cli, args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { admin: { type: 'string' }, name: { type: 'string' }, dept: { type: 'string' } } });
    if (positionals.length) throw new UsageError(`多余的参数“${positionals[0]}”；用法：init [--admin 用户名 [--name 姓名] [--dept 科室]]`);
    const s = await cli.open();
    // On a server: its address without the password (the key stays `dbFile`: the --json shape is a contract).
    const where = cli.server ? redactUrl(cli.server.url) : cli.dbFile;
    if (values.admin !== undefined) {
      const password = await cli.secret('CADRE_DESK_PASSWORD', `${values.admin} 的密码：`);
      const admin = await accessFor(s).accounts.createFirstAdmin(cli.ctx, { username: values.admin, name: values.name ?? values.admin, dept: values.dept ?? '', password });
      return cli.result({ dbFile: where, admin }, () => `已创建系统管理员：${admin.username}（${admin.name}）。此后每个命令需 --user 登录`);
    }
    const { total } = await s.cadres.list({ pageSize: 1 });
    cli.result({ dbFile: where, cadres: total }, () => `数据库已就绪：${cli.target}（现有干部档案 ${total} 份）`);
  },
};
