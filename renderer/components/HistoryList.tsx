import { Empty, Timeline, Typography } from 'antd';
import { useState } from 'react';
import type { AuditChangeLine, AuditEntry } from '../../shared/audit';
import { formatDateTime } from '../../shared/dateText';

/** Lines of one entry shown before 展开 (a new file lists every filled-in field). */
const FIRST_LINES = 12;

/** `标签：旧 → 新`; a value set for the first time (or a state such as 移入回收站) reads `标签：新`. */
function ChangeLine({ c }: { c: AuditChangeLine }) {
  const empty = <Typography.Text type="secondary">（空）</Typography.Text>;
  return (
    <li>
      {c.label}：
      {c.before === '' ? (
        c.after || empty
      ) : (
        <>
          {c.before} → {c.after || empty}
        </>
      )}
    </li>
  );
}

function EntryLines({ lines }: { lines: AuditChangeLine[] }) {
  const [open, setOpen] = useState(false);
  if (!lines.length) return null;
  const shown = open ? lines : lines.slice(0, FIRST_LINES);
  return (
    <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
      {shown.map((c, i) => (
        <ChangeLine key={`${c.field}-${i}`} c={c} />
      ))}
      {lines.length > FIRST_LINES && (
        <li style={{ listStyle: 'none' }}>
          <Typography.Link onClick={() => setOpen(!open)}>{open ? '收起' : `展开（共 ${lines.length} 项）`}</Typography.Link>
        </li>
      )}
    </ul>
  );
}

/** 修改记录: who changed what, when, each field old → new, as the 操作日志 shows it (names, dates, Chinese labels). */
export function HistoryList({ entries }: { entries: AuditEntry[] }) {
  if (!entries.length) return <Empty description="暂无修改记录" />;
  return (
    <Timeline
      items={entries.map((e) => ({
        key: e.id,
        children: (
          <div data-testid="history-entry">
            <Typography.Text strong>{e.action}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
              {formatDateTime(e.at)} · {e.actor}
            </Typography.Text>
            {e.note && <div>{e.note}</div>}
            <EntryLines lines={e.lines ?? []} />
          </div>
        ),
      }))}
    />
  );
}
