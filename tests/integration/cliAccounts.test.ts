import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli';

describe('CLI with accounts: init --admin, user add/list/disable/reset-password, --user', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-cli-users-'));
    db = path.join(dir, 'cadre.db');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('without accounts every command works as before and --user is refused', () => {
    expect(runCli(['--db', db, '--json', 'demo']).status).toBe(0);
    expect(JSON.parse(runCli(['--db', db, '--json', 'user', 'list']).stdout)).toEqual([]);
    const r = runCli(['--db', db, '--user', 'root', 'list', 'cadres'], { CADRE_DESK_PASSWORD: 'Admin1234' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('尚未设置账号');
  });

  it('init --admin protects the database; commands then need --user and are checked like the API', () => {
    const init = runCli(['--db', db, '--json', 'init', '--admin', 'root', '--name', '王管理'], { CADRE_DESK_PASSWORD: 'Admin1234' });
    expect(init.status).toBe(0);
    expect(JSON.parse(init.stdout).admin).toMatchObject({ username: 'root', role: 'admin' });
    expect(runCli(['--db', db, 'init', '--admin', 'other'], { CADRE_DESK_PASSWORD: 'Admin1234' }).stderr).toContain('已有账号');

    const anonymous = runCli(['--db', db, 'list', 'cadres']);
    expect(anonymous.status).toBe(2);
    expect(anonymous.stderr).toContain('--user');
    expect(runCli(['--db', db, '--user', 'root', 'list', 'cadres'], { CADRE_DESK_PASSWORD: 'Wrong1234' }).stderr).toContain('用户名或密码错误');

    const add = runCli(['--db', db, '--user', 'root', '--json', 'user', 'add', 'view1', '--name', '钱查阅', '--role', 'viewer'], { CADRE_DESK_PASSWORD: 'Admin1234', CADRE_DESK_NEW_PASSWORD: 'Initial123' });
    expect(add.status).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ username: 'view1', role: 'viewer', mustChangePassword: true });
    // The administrator reads but does no business work, e.g. loading data.
    expect(runCli(['--db', db, '--user', 'root', 'demo'], { CADRE_DESK_PASSWORD: 'Admin1234' }).stderr).toContain('需要“干部科经办人”或“审核人（科长）”权限：导入');
    // An administrator-set password must be changed first.
    expect(runCli(['--db', db, '--user', 'view1', 'list', 'cadres'], { CADRE_DESK_PASSWORD: 'Initial123' }).stderr).toContain('请先修改密码');

    const list = JSON.parse(runCli(['--db', db, '--user', 'root', '--json', 'user', 'list'], { CADRE_DESK_PASSWORD: 'Admin1234' }).stdout);
    expect(list.map((u: { username: string }) => u.username)).toEqual(['root', 'view1']);
    const disabled = runCli(['--db', db, '--user', 'root', '--json', 'user', 'disable', 'view1'], { CADRE_DESK_PASSWORD: 'Admin1234' });
    expect(JSON.parse(disabled.stdout)).toMatchObject({ username: 'view1', disabled: true });
    expect(runCli(['--db', db, '--user', 'root', '--json', 'user', 'reset-password', 'view1'], { CADRE_DESK_PASSWORD: 'Admin1234', CADRE_DESK_NEW_PASSWORD: 'x' }).stdout).toContain('至少8个字符');
    const rows = JSON.parse(runCli(['--db', db, '--user', 'root', '--json', 'list', 'cadres'], { CADRE_DESK_PASSWORD: 'Admin1234' }).stdout);
    expect(rows.length).toBeGreaterThanOrEqual(10);
  });
});
