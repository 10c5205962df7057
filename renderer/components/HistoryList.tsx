import { Empty, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { AuditEntry } from '../../shared/audit';
import { FIELD_LABELS } from '../../shared/fieldLabels';

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (Array.isArray(value)) return `${value.length} 条`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** 修改记录: who changed what, when, each field old → new. */
export function HistoryList({ entries }: { entries: AuditEntry[] }) {
  if (!entries.length) return <Empty description="暂无修改记录" />;
  return (
    <Timeline
      items={entries.map((e) => ({
        key: e.id,
        children: (
          <div>
            <Typography.Text strong>{e.action}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
              {dayjs(e.at).format('YYYY年M月D日 HH:mm')} · {e.actor}
            </Typography.Text>
            {e.note && <div>{e.note}</div>}
            <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
              {Object.entries(e.changes)
                .slice(0, 30)
                .map(([field, [before, after]]) => (
                  <li key={field}>
                    {FIELD_LABELS[field] ?? field}：{before == null ? show(after) : `${show(before)} → ${show(after)}`}
                  </li>
                ))}
            </ul>
          </div>
        ),
      }))}
    />
  );
}
