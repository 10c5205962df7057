import { parseArgs } from 'node:util';
import type { PostingReminder } from '../../../shared/posting';
import { UsageError } from '../CliContext';
import type { CliCommand } from './CliCommand';

/** `reminders`: the home screen's lists (ending soon, past their end, without mentors, 拟派 past their start). */
export const remindersCommand: CliCommand = {
  name: 'reminders',
  summary: 'reminders [--today YYYY.MM.DD] [--within 天数] — 挂职提醒：即将期满、超期仍在岗、未配辅导员、已过开始日期仍为拟派',
  async run(cli, args) {
    const { values } = parseArgs({ args, options: { today: { type: 'string' }, within: { type: 'string' } } });
    const within = values.within ? Number(values.within) : 30;
    if (!Number.isInteger(within) || within < 1 || within > 366) throw new UsageError('--within 应为 1 到 366 的整数');
    const s = await cli.open();
    const r = await s.postings.reminders({ today: values.today ?? '', withinDays: within });
    const line = (x: PostingReminder, extra: string) => `  ${x.cadreName}  ${x.hostUnit} ${x.hostPost}  ${x.plannedEndDate}  ${extra}${x.batchName ? `  （${x.batchName}）` : ''}`;
    cli.result(r, () =>
      [
        `今天：${r.today}`,
        `${within}天内期满（${r.endingSoon.length}）：`,
        ...r.endingSoon.map((x) => line(x, `还剩${x.daysLeft}天`)),
        `已过计划结束日期仍在岗（${r.overdue.length}）：`,
        ...r.overdue.map((x) => line(x, `已超${-x.daysLeft}天`)),
        `未配辅导员（${r.withoutMentors.length}）：`,
        ...r.withoutMentors.map((x) => line(x, `缺${x.missingMentors.join('、')}`)),
        `已过开始日期仍为拟派（${r.pastStart.length}）：`,
        ...r.pastStart.map((x) => line(x, `计划${x.startDate}开始`)),
      ].join('\n'),
    );
  },
};
