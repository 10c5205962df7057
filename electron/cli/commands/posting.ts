import { parseArgs } from 'node:util';
import { POSTING_STATUSES, type PostingStatus } from '../../../shared/codes/secondment';
import { dayOf } from '../../../shared/validators/yearMonth';
import { UsageError } from '../CliContext';
import type { CliCommand } from './CliCommand';

/** `posting list 干部` (挂职经历) and `posting status 记录编号 新状态` (one lifecycle step). */
export const postingCommand: CliCommand = {
  name: 'posting',
  summary:
    'posting list 干部编号或身份证号 — 列出挂职经历；' +
    'posting status 记录编号 新状态 [--date YYYY.MM.DD] [--reason 原因] [--new-end YYYY.MM.DD] — 变更挂职状态',
  async run(cli, args) {
    const [sub, ...rest] = args;
    if (sub === 'list') {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
      if (positionals.length !== 1) throw new UsageError('用法：posting list 干部编号或身份证号');
      const s = await cli.open();
      const cadre = await s.cadres.resolve(positionals[0]);
      const list = await s.postings.listByCadre(cadre.id);
      cli.result(list, () =>
        list.length
          ? [
              `${cadre.name}的挂职经历（${list.length} 段）`,
              ...list.map(
                (p) =>
                  `${String(p.id).padStart(5)}  ${p.startDate}—${p.actualEndDate || p.plannedEndDate}  ${p.direction}  ${p.hostUnit} ${p.hostPost}  ${p.status}` +
                  (p.batchName ? `  （${p.batchName}）` : ''),
              ),
            ].join('\n')
          : `${cadre.name}没有挂职记录`,
      );
      return;
    }
    if (sub === 'status') {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { date: { type: 'string' }, reason: { type: 'string' }, 'new-end': { type: 'string' } },
      });
      const [ref, to] = positionals;
      if (!ref || !/^\d+$/.test(ref) || !to) throw new UsageError('用法：posting status 记录编号 新状态 [--date YYYY.MM.DD] [--reason 原因] [--new-end YYYY.MM.DD]');
      if (!(POSTING_STATUSES as readonly string[]).includes(to)) throw new UsageError(`新状态应为${POSTING_STATUSES.join('、')}之一`);
      const s = await cli.open();
      const posting = await s.postings.changeStatus(cli.ctx, {
        id: Number(ref),
        to: to as PostingStatus,
        date: values.date ?? dayOf(new Date()),
        reason: values.reason ?? '',
        newPlannedEndDate: values['new-end'] ?? '',
      });
      cli.result(posting, () => `挂职记录 ${posting.id} 已改为“${posting.status}”`);
      return;
    }
    throw new UsageError(`posting 后应为 list 或 status，收到“${sub ?? ''}”`);
  },
};
