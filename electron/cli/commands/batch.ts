import { parseArgs } from 'node:util';
import { POSTING_STATUSES } from '../../../shared/codes/secondment';
import { UsageError } from '../CliContext';
import type { CliCommand } from './CliCommand';

/** `batch show 批次` (the batch page as JSON) and `batch add-members 批次 干部…` (multi-select from the command line). */
export const batchCommand: CliCommand = {
  name: 'batch',
  summary:
    'batch show 批次编号或名称 — 显示批次（成员、工作小组、临时党支部、主题、会议）；' +
    'batch add-members 批次 干部编号或身份证号… [--host-unit 单位] [--host-post 职务] [--status 拟派|在岗] — 添加成员',
  async run(cli, args) {
    const [sub, ...rest] = args;
    if (sub === 'show') {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
      if (positionals.length !== 1) throw new UsageError('用法：batch show 批次编号或名称');
      const s = await cli.open();
      const page = await s.batches.get((await s.batches.resolve(positionals[0])).id);
      cli.result(page, () => {
        const b = page.batch;
        const counts = POSTING_STATUSES.filter((st) => page.statusCounts[st]).map((st) => `${st}${page.statusCounts[st]}`).join(' ');
        const groupName = new Map(page.subGroups.map((g) => [g.id, g.groupName]));
        return [
          `${b.name}（${b.type}，${b.direction}，${b.fromPlace} → ${b.toPlace}，${b.startDate}—${b.endDate}）`,
          `组长：${page.leaderName ?? '未指定'}    成员 ${page.members.length} 人${counts ? `（${counts}）` : ''}`,
          ...page.members.map(
            (m) =>
              `  ${m.name.padEnd(4, '　')}  ${m.status.padEnd(4, '　')}  ${m.hostUnit} ${m.hostPost}  ${m.startDate}—${m.actualEndDate || m.plannedEndDate}` +
              `  辅导员：${m.politicalMentor.name || '未配'}／${m.businessMentor.name || '未配'}` +
              (m.subGroupIds.length ? `  [${m.subGroupIds.map((id) => groupName.get(id)).join('、')}]` : ''),
          ),
          `临时党支部：${page.partyBranch.branchName || '未设立'}${page.partyBranch.secretaryName ? `，书记 ${page.partyBranch.secretaryName}，党员 ${page.partyBranch.memberIds.length} 人` : ''}`,
          `季度主题：${page.themes.map((t) => `${t.period}“${t.theme}”`).join('、') || '未设'}`,
          `会议：共 ${page.meetingCounts.total} 次（${Object.entries(page.meetingCounts).filter(([k, n]) => k !== 'total' && n).map(([k, n]) => `${k}${n}次`).join('，')}）`,
        ].join('\n');
      });
      return;
    }
    if (sub === 'add-members') {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { 'host-unit': { type: 'string' }, 'host-post': { type: 'string' }, status: { type: 'string' } },
      });
      if (positionals.length < 2) throw new UsageError('用法：batch add-members 批次 干部编号或身份证号…');
      if (values.status && values.status !== '拟派' && values.status !== '在岗') throw new UsageError('--status 应为“拟派”或“在岗”');
      const s = await cli.open();
      const batch = await s.batches.resolve(positionals[0]);
      const cadreIds = [];
      for (const ref of positionals.slice(1)) cadreIds.push((await s.cadres.resolve(ref)).id);
      const result = await s.batches.addMembers(cli.ctx, {
        batchId: batch.id,
        cadreIds,
        defaults: { hostUnit: values['host-unit'] ?? '', hostPost: values['host-post'] ?? '', status: (values.status as '拟派' | '在岗') ?? '拟派' },
      });
      cli.result(result, () =>
        [
          `已添加 ${result.added.length} 人到“${batch.name}”${result.added.length ? `：${result.added.map((a) => a.name).join('、')}` : ''}`,
          ...(result.alreadyMembers.length ? [`已是成员（未变动）：${result.alreadyMembers.map((a) => a.name).join('、')}`] : []),
        ].join('\n'),
      );
      return;
    }
    throw new UsageError(`batch 后应为 show 或 add-members，收到“${sub ?? ''}”`);
  },
};
