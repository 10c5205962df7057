import { App, Button, Empty, List, Popconfirm, Tag } from 'antd';
import { useNavigate } from 'react-router';
import type { PostingReminder } from '../../shared/posting';
import { daysBetween } from '../../shared/validators/yearMonth';
import { api, errorMessage } from '../api/client';
import { useSession } from '../auth/session';
import { StatusTag } from './postings/StatusTag';

/**
 * 已过开始日期仍为拟派: planned postings whose start has passed — until 到岗 is recorded their records are refused as
 * “尚未开始”. One click records 到岗 on the planned start date (the status history keeps it, as 变更状态 would).
 */
export function PastStartList({ items, today, onDone }: { items: PostingReminder[]; today: string; onDone: () => void }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { canCall } = useSession();
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无" />;

  const arrive = async (r: PostingReminder) => {
    try {
      await api('posting:changeStatus', { id: r.postingId, to: '在岗', date: r.startDate, reason: '' });
      message.success(`${r.cadreName}：已登记到岗（${r.startDate}）`);
      onDone();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(r) => (
        <List.Item
          actions={[
            ...(canCall('posting:changeStatus')
              ? [
                  <Popconfirm
                    key="arrive"
                    title={`登记${r.cadreName}到岗？`}
                    description={`按计划开始日期 ${r.startDate} 登记到岗，状态改为“在岗”。实际到岗日期不同的，请到挂职记录中“变更状态”填写。`}
                    okText="登记到岗"
                    cancelText="取消"
                    onConfirm={() => arrive(r)}
                  >
                    <Button size="small" type="primary" aria-label={`登记${r.cadreName}到岗`}>
                      到岗
                    </Button>
                  </Popconfirm>,
                ]
              : []),
            <a key="go" onClick={() => navigate(r.batchId ? `/batches/${r.batchId}` : `/cadres/${r.cadreId}`)}>
              查看
            </a>,
          ]}
        >
          <List.Item.Meta
            title={
              <span>
                <a onClick={() => navigate(`/cadres/${r.cadreId}`)}>{r.cadreName}</a> <StatusTag status={r.status} />
                {r.batchName && <Tag>{r.batchName}</Tag>}
              </span>
            }
            description={`${r.hostUnit || '挂职单位未填'} ${r.hostPost} · 计划 ${r.startDate} 开始，已过 ${daysBetween(r.startDate, today)} 天仍为“拟派”：到岗后请登记，否则不能登记考核记录`}
          />
        </List.Item>
      )}
    />
  );
}
