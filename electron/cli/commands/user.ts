import { parseArgs } from 'node:util';
import type { UserAccount } from '../../../shared/channels/auth';
import { ROLE_LABELS } from '../../../shared/roles';
import { AppError } from '../../../shared/errors';
import { accessFor } from '../../auth/Access';
import { UsageError } from '../CliContext';
import type { CliCommand } from './CliCommand';

const USAGE =
  '用法：user add 用户名 --name 姓名 [--dept 科室] --role clerk|reviewer|admin|viewer；user disable 用户名；user reset-password 用户名；user list [--json]';

const line = (u: UserAccount) =>
  `${u.username}  ${u.name}  ${u.dept || '—'}  ${ROLE_LABELS[u.role]}${u.disabled ? '  已停用' : ''}${u.lockedUntil ? `  锁定至 ${u.lockedUntil}` : ''}${u.mustChangePassword ? '  待改密码' : ''}`;

/** 用户管理 (administrator): the same checks and audit entries as the app's user:* channels. */
export const userCommand: CliCommand = {
  name: 'user',
  summary: 'user add 用户名 --name 姓名 [--dept 科室] --role clerk|reviewer|admin|viewer | user disable 用户名 | user reset-password 用户名 | user list — 账号管理（新密码取自 CADRE_DESK_NEW_PASSWORD 或终端输入）',
  async run(cli, args) {
    const [sub, ...rest] = args;
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { name: { type: 'string' }, dept: { type: 'string' }, role: { type: 'string' } } });
    if (sub === 'list') {
      if (positionals.length) throw new UsageError(USAGE);
      const s = await cli.open();
      const users = await accessFor(s).accounts.list();
      return cli.result(users, () => (users.length ? users.map(line).join('\n') : '尚未设置账号（可用 init --admin 用户名 创建系统管理员）'));
    }
    if (!['add', 'disable', 'reset-password'].includes(sub ?? '') || positionals.length !== 1) throw new UsageError(USAGE);
    const s = await cli.open();
    const access = accessFor(s);
    if (!(await access.accounts.hasAccounts())) throw new AppError('CONFLICT', '尚未设置系统管理员：请先运行 init --admin 用户名');
    const username = positionals[0];
    let user: UserAccount;
    if (sub === 'add') {
      if (!values.name || !values.role) throw new UsageError(USAGE);
      const password = await cli.secret('CADRE_DESK_NEW_PASSWORD', `${username} 的初始密码（首次登录须修改）：`);
      user = await access.accounts.add(cli.ctx, { username, name: values.name, dept: values.dept ?? '', role: values.role as UserAccount['role'], password });
    } else if (sub === 'disable') {
      user = await access.accounts.update(cli.ctx, { username, disabled: true });
    } else {
      const password = await cli.secret('CADRE_DESK_NEW_PASSWORD', `${username} 的新密码（下次登录须修改）：`);
      user = await access.accounts.resetPassword(cli.ctx, { username, password });
    }
    const done = sub === 'add' ? '已新增' : sub === 'disable' ? '已停用' : '已重置密码';
    cli.result(user, () => `${done}：${line(user)}`);
  },
};
