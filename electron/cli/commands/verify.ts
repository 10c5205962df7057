import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { notFound } from '../../../shared/errors';
import type { CliCommand } from './CliCommand';

/**
 * `verify [--json]`: SQLite's integrity check, then every archived record is hashed again and compared with the
 * hash stored when it was archived. Exit 1 naming each record that no longer matches (the file was edited behind
 * the application's back); with --json stdout carries `{ ok, integrity, checked, mismatches }`.
 */
export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'verify — 检查数据库完整性，并核对每份已归档评价的哈希（有不一致时退出码为1）',
  async run(cli, args) {
    parseArgs({ args, options: {} });
    if (!fs.existsSync(cli.dbFile)) throw notFound(`数据库文件不存在：${cli.dbFile}`);
    const s = await cli.open();
    const report = await s.archives.verify();
    if (!report.ok) {
      cli.exitCode = 1;
      if (report.integrity !== 'ok') process.stderr.write(`数据库完整性检查未通过：${report.integrity.join('；')}\n`);
      for (const x of report.mismatches)
        process.stderr.write(`归档记录与归档时不一致：${x.label}（归档时哈希 ${x.expected || '无'}，现为 ${x.actual}）\n`);
    }
    cli.result(report, () =>
      [
        `数据库完整性检查：${report.integrity === 'ok' ? '正常' : '未通过'}`,
        `已核对归档记录 ${report.checked} 份：${report.mismatches.length ? `${report.mismatches.length} 份与归档时不一致` : '全部一致'}`,
      ].join('\n'),
    );
  },
};
