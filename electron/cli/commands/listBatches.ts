import { parseArgs } from 'node:util';
import { POSTING_STATUSES } from '../../../shared/codes/secondment';
import type { CliContext } from '../CliContext';

/** `list batches [--query 文本] [--type 类型]`: every batch with its member count (JSON key `memberCount`). */
export async function listBatches(cli: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, allowPositionals: false, options: { query: { type: 'string' }, type: { type: 'string' } } });
  const s = await cli.open();
  const items = await s.batches.list({ query: values.query ?? '', type: values.type ?? '' });
  cli.result(items, () =>
    items.length
      ? [
          `共 ${items.length} 个批次`,
          ...items.map((b) => {
            const counts = POSTING_STATUSES.filter((st) => b.statusCounts[st]).map((st) => `${st}${b.statusCounts[st]}`).join(' ');
            return `${String(b.id).padStart(4)}  ${b.name}  ${b.type}  ${b.direction}  ${b.startDate}—${b.endDate}  ${b.memberCount}人${counts ? `（${counts}）` : ''}  会议${b.meetingCount}次`;
          }),
        ].join('\n')
      : '还没有批次',
  );
}
