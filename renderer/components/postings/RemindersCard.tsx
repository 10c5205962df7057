import { Alert, Badge, Card, Empty, List, Tabs, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { PostingReminder } from '../../../shared/posting';
import { useApi } from '../../api/useApi';
import { PastStartList } from '../PastStartList';
import { StatusTag } from './StatusTag';

function ReminderList({ items, describe }: { items: PostingReminder[]; describe: (r: PostingReminder) => string }) {
  const navigate = useNavigate();
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无" />;
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(r) => (
        <List.Item actions={[<a key="go" onClick={() => navigate(r.batchId ? `/batches/${r.batchId}` : `/cadres/${r.cadreId}`)}>查看</a>]}>
          <List.Item.Meta
            title={
              <span>
                <a onClick={() => navigate(`/cadres/${r.cadreId}`)}>{r.cadreName}</a> <StatusTag status={r.status} />
                {r.batchName && <Tag>{r.batchName}</Tag>}
              </span>
            }
            description={`${r.hostUnit || '挂职单位未填'} ${r.hostPost} · ${describe(r)}`}
          />
        </List.Item>
      )}
    />
  );
}

/** 提醒: postings ending within 30 days, past their end still running, without mentors, and planned ones past their start. */
export function RemindersCard() {
  const r = useApi('posting:reminders', {});
  if (r.error) return <Alert type="error" showIcon message={r.error} />;
  const d = r.data;
  const label = (text: string, n: number, color: string) => (
    <span>
      {text} <Badge count={n} color={color} showZero />
    </span>
  );
  return (
    <Card title="挂职提醒" loading={r.loading && !d}>
      {d && (
        <Tabs
          items={[
            { key: 'soon', label: label('30天内到期', d.endingSoon.length, '#faad14'), children: <ReminderList items={d.endingSoon} describe={(x) => `计划 ${x.plannedEndDate} 结束，还有 ${x.daysLeft} 天`} /> },
            { key: 'overdue', label: label('已到期仍在岗', d.overdue.length, '#f5222d'), children: <ReminderList items={d.overdue} describe={(x) => `计划 ${x.plannedEndDate} 结束，已超期 ${-x.daysLeft} 天：请办理期满、延期或召回`} /> },
            { key: 'mentors', label: label('未配备辅导员', d.withoutMentors.length, '#1677ff'), children: <ReminderList items={d.withoutMentors} describe={(x) => `缺少${x.missingMentors.join('、')}`} /> },
            { key: 'pastStart', label: label('已过开始日期仍为拟派', d.pastStart.length, '#d48806'), children: <PastStartList items={d.pastStart} today={d.today} onDone={r.reload} /> },
          ]}
        />
      )}
      {d && <Typography.Text type="secondary" style={{ fontSize: 12 }}>截至 {d.today}</Typography.Text>}
    </Card>
  );
}
