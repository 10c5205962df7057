import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { validationError } from '../../../shared/errors';
import { UsageError } from '../CliContext';
import type { CliCommand } from './CliCommand';

export const importRosterCommand: CliCommand = {
  name: 'import-roster',
  summary: 'import-roster 花名册.xlsx [--batch 批次名称] [--dry-run] — 导入 Excel 花名册（有错误的行则整表不导入）',
  async run(cli, args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { batch: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    });
    if (positionals.length !== 1) throw new UsageError(positionals.length ? `一次导入一个花名册，多余的参数“${positionals[1]}”` : '请给出要导入的花名册文件（.xlsx）');
    const file = path.resolve(positionals[0]);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw validationError(`花名册：文件不存在（${file}）`);
    const bytes = fs.readFileSync(file);
    const name = path.basename(file);
    const batch = values.batch?.trim() ?? '';
    const s = await cli.open();
    const errorLines = (errors: { row: number; message: string }[]) => errors.map((e) => `第 ${e.row} 行：${e.message}`);

    if (values['dry-run']) {
      const p = await s.exchange.previewRoster(name, bytes, batch);
      if (p.errors.length) cli.exitCode = 1;
      const json = { ok: p.errors.length === 0, dryRun: true, created: p.created, updated: p.updated, unchanged: p.unchanged, errors: p.errors, skipped: p.skipped, notes: p.notes };
      cli.result(json, () =>
        [
          `花名册“${name}”（工作表“${p.sheetName}”，表头在第 ${p.headerRow} 行）：预览，未写入`,
          ...(p.ignoredColumns.length ? [`未识别的列（不导入）：${p.ignoredColumns.join('、')}`] : []),
          ...errorLines(p.errors),
          ...p.notes.map((n) => `说明：${n}`),
          p.errors.length
            ? `有 ${p.errors.length} 处错误，整个花名册不能导入；请改正后重试`
            : `将新建 ${p.created} 人，更新 ${p.updated} 人，无变化 ${p.unchanged} 人`,
        ].join('\n'),
      );
      return;
    }

    const r = await s.exchange.importRoster(cli.ctx, name, bytes, batch);
    if (!r.ok) cli.exitCode = 1;
    cli.result(r, () =>
      r.ok
        ? `花名册“${name}”已导入：新建 ${r.created} 人，更新 ${r.updated} 人，无变化 ${r.unchanged} 人${batch ? `，加入批次“${batch}” ${r.postings} 人` : ''}`
        : [...errorLines(r.errors), `有 ${r.errors.length} 处错误，整个花名册未导入（没有写入任何数据）；请改正后重试`].join('\n'),
    );
  },
};
