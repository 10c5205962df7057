import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { notFound } from '../../../shared/errors';
import type { CliCommand } from './CliCommand';

/**
 * `verify [--json]`: SQLite's integrity check, the archive ledger's hash chain and signed head, then every archived
 * record hashed again against its ledger entry, and the audit log's chain and signed head. Exit 1 naming each record
 * changed or missing and each break in the ledger or the audit log; with --json stdout carries
 * `{ ok, integrity, checked, mismatches, missing, ledger, audit }`.
 */
export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'verify — 检查数据库完整性、归档账本、每份归档记录与操作日志（有问题时退出码为1）',
  async run(cli, args) {
    parseArgs({ args, options: {} });
    if (!cli.server && !fs.existsSync(cli.dbFile)) throw notFound(`数据库文件不存在：${cli.dbFile}`);
    const s = await cli.open();
    const report = await s.archives.verify();
    if (!report.ok) {
      cli.exitCode = 1;
      if (report.integrity !== 'ok') process.stderr.write(`数据库完整性检查未通过：${report.integrity.join('；')}\n`);
      for (const x of report.mismatches)
        process.stderr.write(`归档记录与归档时不一致：${x.label}：${x.reason}（归档时哈希 ${x.expected || '无'}，现为 ${x.actual}）\n`);
      for (const x of report.missing) process.stderr.write(`归档记录已不存在：${x.label}（账本第 ${x.seq} 条）\n`);
      for (const p of report.ledger.problems) process.stderr.write(`归档账本有问题：${p.message}\n`);
      for (const p of report.audit.problems) process.stderr.write(`操作日志有问题：${p.message}\n`);
    }
    cli.result(report, () =>
      [
        `数据库完整性检查：${report.integrity === 'ok' ? '正常' : '未通过'}`,
        `已核对归档记录 ${report.checked} 份：${report.mismatches.length ? `${report.mismatches.length} 份与归档时不一致` : '全部一致'}${report.missing.length ? `，${report.missing.length} 份已不存在` : ''}`,
        `归档账本 ${report.ledger.entries} 条：${report.ledger.ok ? '完整' : `${report.ledger.problems.length} 处问题`}`,
        `操作日志 ${report.audit.entries} 条：${report.audit.ok ? '完整' : `${report.audit.problems.length} 处问题`}`,
      ].join('\n'),
    );
  },
};
