import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BACKUP_COUNT_LABELS, type BackupInfo } from '../../../shared/backup';
import { UsageError } from '../CliContext';
import type { CliCommand } from './CliCommand';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const counts = (c: Record<string, number>) =>
  Object.entries(BACKUP_COUNT_LABELS)
    .filter(([t]) => t in c)
    .map(([t, label]) => `${label} ${c[t]}`)
    .join('，');
const describe = (b: BackupInfo) =>
  b.damaged ? `${b.fileName}  （无法使用：${b.damaged}）` : `${b.fileName}  ${b.reason}  ${mb(b.size)}  ${counts(b.counts)}${b.ledgerHead ? `  归档账本 ${b.ledgerHead.seq} 条` : ''}`;

/** `backup [--out FILE]`: a consistent backup while the app may be running. `--json`: the BackupInfo. */
export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'backup [--out 文件.cdbak] — 立即备份（数据库、归档账本密钥与佐证材料，程序运行时也可备份）',
  async run(cli, args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' } } });
    if (positionals.length) throw new UsageError(`多余的参数“${positionals[0]}”；用法：backup [--out 文件.cdbak]`);
    const s = await cli.open();
    const info = await s.backups.backup(cli.ctx, { out: values.out });
    cli.result(info, () => `已备份到 ${info.file}\n${describe(info)}${info.missingEvidence?.length ? `\n注意：${info.missingEvidence.length} 个佐证材料文件缺失，未能备份` : ''}`);
  },
};

/** `list-backups`: the backup folder's backups, newest first. `--json`: `{ folder, items: BackupInfo[] }`. */
export const listBackupsCommand: CliCommand = {
  name: 'list-backups',
  summary: 'list-backups — 列出备份文件夹中的备份（最新在前）',
  async run(cli, args) {
    parseArgs({ args, options: {} });
    const s = await cli.open();
    const list = await s.backups.list();
    cli.result(list, () => [`备份文件夹：${list.folder}`, ...(list.items.length ? list.items.map(describe) : ['（没有备份）'])].join('\n'));
  },
};

/**
 * `restore FILE [--yes]`: shows what the backup holds next to the current database; with --yes restores it (the
 * current database is backed up first). Without --yes nothing changes and the exit code is 2.
 */
export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'restore 备份文件.cdbak [--yes] — 从备份恢复（先显示备份内容；加 --yes 才恢复，恢复前自动备份当前数据）',
  async run(cli, args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { yes: { type: 'boolean' } } });
    if (positionals.length !== 1) throw new UsageError('用法：restore 备份文件.cdbak [--yes]');
    const file = path.resolve(positionals[0]);
    if (!fs.existsSync(file)) throw new UsageError(`备份文件不存在：${file}`);
    const s = await cli.open();
    const preview = await s.backups.previewRestore(file);
    if (!values.yes) {
      cli.exitCode = 2;
      cli.result({ ok: false, restored: null, preview }, () =>
        [
          `备份：${describe(preview.backup)}（${preview.backup.createdAt}）`,
          `当前：${counts(preview.current.counts)}${preview.current.ledgerHead ? `  归档账本 ${preview.current.ledgerHead.seq} 条` : ''}`,
          '未恢复：确认无误后加 --yes 再运行一次（恢复前会自动备份当前数据）',
        ].join('\n'),
      );
      return;
    }
    const r = await s.backups.restore(cli.ctx, file);
    cli.result({ ok: true, restored: r.restored, safetyBackup: r.safetyBackup }, () => `已从 ${r.restored.fileName} 恢复；恢复前的数据已备份到 ${r.safetyBackup.file}`);
  },
};
