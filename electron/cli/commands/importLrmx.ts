import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { LrmxFilePreview, LrmxImportOutcome, NamedFile } from '../../../shared/channels/exchange';
import { lrmxSizeProblem, MAX_LRMX_BYTES } from '../../exchange/lrmx/lrmxDecode';
import { UsageError } from '../CliContext';
import { expandInputs } from '../cliFiles';
import type { CliCommand } from './CliCommand';

type Outcome = LrmxImportOutcome | LrmxFilePreview;

/** The --json line of one file: `{ file, status, cadreId?, name?, idNumber?, changes?, notes?, errors? }`. */
function jsonOf(o: Outcome): Record<string, unknown> {
  if (o.status === 'error') return { file: o.file, status: o.status, errors: o.errors };
  const person = 'person' in o ? { name: o.person.name, idNumber: o.person.idNumber } : { name: o.name, idNumber: o.idNumber };
  return {
    file: o.file,
    status: o.status,
    ...('cadreId' in o ? { cadreId: o.cadreId } : {}),
    ...person,
    ...('changes' in o ? { changes: o.changes } : {}),
    notes: o.notes,
  };
}

function humanOf(o: Outcome): string[] {
  if (o.status === 'error') return [`【失败】${o.file}`, ...o.errors.map((e) => `    ${e}`)];
  const who = 'person' in o ? `${o.person.name}（${o.person.idNumber}）` : `${o.name}（${o.idNumber}）`;
  const verb = { create: '将新建', created: '已新建', update: '将更新', updated: '已更新' }[o.status];
  const lines = [`【${verb.slice(1)}】${o.file}：${verb} ${who}${'cadreId' in o ? `，档案编号 ${o.cadreId}` : ''}`];
  if ('changes' in o) {
    if (o.changes.length) lines.push(`    修改了 ${o.changes.length} 项：${o.changes.map((c) => c.label).join('、')}`);
  }
  for (const n of o.notes) lines.push(`    说明：${n}`);
  return lines;
}

export const importLrmxCommand: CliCommand = {
  name: 'import-lrmx',
  summary: 'import-lrmx 文件.lrmx… [--dry-run] — 导入干部任免审批表（LRMX）文件（可给文件夹）；已有档案（身份证号相同）直接更新并列出改动',
  async run(cli, args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'dry-run': { type: 'boolean' } } });
    if (!positionals.length) throw new UsageError('请给出要导入的 LRMX 文件（可以是多个文件或一个文件夹）');
    const paths = expandInputs(positionals, '.lrmx');
    if (!paths.length) throw new UsageError('给出的文件夹中没有 .lrmx 文件');
    const files: NamedFile[] = [];
    const unreadable: LrmxImportOutcome[] = [];
    for (const p of paths) {
      const name = path.basename(p);
      try {
        // An oversize file is refused here with the service's message: no need to read gigabytes to say so.
        const tooBig = fs.statSync(p).size > MAX_LRMX_BYTES ? lrmxSizeProblem(fs.statSync(p).size) : null;
        if (tooBig) unreadable.push({ file: name, status: 'error', errors: [`${name}：${tooBig}`] });
        else files.push({ name, base64: fs.readFileSync(p).toString('base64') });
      } catch {
        unreadable.push({ file: name, status: 'error', errors: [`${name}：文件不存在或无法读取（${p}）`] });
      }
    }
    const s = await cli.open();
    const outcomes: Outcome[] = [
      ...unreadable,
      ...(files.length ? await (values['dry-run'] ? s.exchange.previewLrmx(files) : s.exchange.importLrmx(cli.ctx, files)) : []),
    ];
    const failed = outcomes.filter((o) => o.status === 'error').length;
    if (failed) cli.exitCode = 1;
    cli.result(outcomes.map(jsonOf), () => {
      const count = (...st: string[]) => outcomes.filter((o) => st.includes(o.status)).length;
      return [
        ...outcomes.flatMap(humanOf),
        `共 ${outcomes.length} 个文件：${values['dry-run'] ? '（预览，未写入）将' : ''}新建 ${count('create', 'created')}，更新 ${count('update', 'updated')}，失败 ${failed}`,
      ].join('\n');
    });
  },
};
