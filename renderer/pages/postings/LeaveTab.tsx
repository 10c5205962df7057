import { DeleteOutlined, EditOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Popconfirm, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import type { PostingHeader } from '../../../shared/assessment';
import type { LeaveEntry } from '../../../shared/leave';
import { formatPercent } from '../../../shared/onPost';
import { api, errorMessage } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useSession } from '../../auth/session';
import { OnPostThresholdModal } from '../../components/OnPostThresholdModal';
import { AuditHistoryDrawer, type AuditTarget } from './AuditHistoryDrawer';
import { LeaveFormModal, type LeaveFormTarget } from './LeaveFormModal';
import { OnPostMonthsTable } from './OnPostMonthsTable';

/** 请销假/在岗: leave entries, the on-post figures per month and in total, judged by the threshold. */
export function LeaveTab({ posting, onChanged }: { posting: PostingHeader; onChanged: () => void }) {
  const { message } = App.useApp();
  const { canCall } = useSession();
  const list = useApi('leave:listByPosting', { postingId: posting.id });
  const [form, setForm] = useState<LeaveFormTarget | null>(null);
  const [history, setHistory] = useState<AuditTarget | null>(null);
  const [settings, setSettings] = useState(false);

  if (list.error) return <Alert type="error" showIcon title={list.error} />;
  if (!list.data) return <Skeleton active />;
  const { entries, onPost } = list.data;
  const reload = () => {
    list.reload();
    onChanged();
  };
  const remove = async (e: LeaveEntry) => {
    try {
      await api('leave:delete', { id: e.id });
      message.success('请销假记录已删除');
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex gap={40} wrap align="center">
          <Statistic title="挂职天数" value={onPost.postingDays} suffix="天" />
          <Statistic title="请假天数" value={onPost.leaveDays} suffix="天" />
          <Statistic title="在岗天数" value={onPost.onPostDays} suffix="天" />
          <Statistic title="在岗率" value={formatPercent(onPost.ratio)} styles={{ content: { color: onPost.belowThreshold ? '#cf1322' : undefined } }} />
          <Space orientation="vertical" size={2}>
            <Typography.Text type="secondary">预警阈值 {formatPercent(onPost.threshold)}</Typography.Text>
            {canCall('setting:set') && (
              <Button size="small" icon={<SettingOutlined />} onClick={() => setSettings(true)}>
                设置阈值
              </Button>
            )}
          </Space>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {onPost.span ? `统计区间 ${onPost.span.startDate}—${onPost.span.endDate}（在岗或延期的挂职统计到今天 ${onPost.today}）；按自然日计算，重叠的请假只算一次。` : '挂职尚未开始或日期不完整，暂无在岗天数。'}
        </Typography.Text>
      </Card>
      <Card
        size="small"
        title={`请销假记录（${entries.length}）`}
        extra={
          canCall('leave:save') && (
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setForm({})}>
              登记请销假
            </Button>
          )
        }
      >
        <Table<LeaveEntry>
          rowKey="id"
          size="small"
          dataSource={entries}
          pagination={{ pageSize: 15, hideOnSinglePage: true }}
          locale={{ emptyText: '尚无请销假记录' }}
          columns={[
            { title: '假别', dataIndex: 'leaveType', width: 110 },
            { title: '离岗起止', key: 'span', width: 200, render: (_, e) => (e.startDate === e.endDate ? e.startDate : `${e.startDate}—${e.endDate}`) },
            { title: '天数', dataIndex: 'days', width: 70, align: 'right' },
            { title: '批准人', dataIndex: 'approvedBy', width: 220, ellipsis: true },
            { title: '备注', dataIndex: 'notes', ellipsis: true, render: (v: string) => v || '—' },
            {
              title: '操作',
              key: 'ops',
              width: 150,
              render: (_, e) => (
                <Space size={4}>
                  {canCall('leave:save') && (
                    <Button size="small" icon={<EditOutlined />} onClick={() => setForm({ entry: e })}>
                      编辑
                    </Button>
                  )}
                  {canCall('leave:delete') && (
                    <Popconfirm title="删除这条请销假记录？" okText="删除" cancelText="取消" onConfirm={() => remove(e)}>
                      <Button size="small" danger icon={<DeleteOutlined />} aria-label={`删除${e.startDate}的请销假记录`} />
                    </Popconfirm>
                  )}
                  <Button size="small" type="link" onClick={() => setHistory({ channel: 'leave:history', id: e.id, title: `${e.leaveType} ${e.startDate}` })}>
                    历史
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title="每月在岗天数">
        <OnPostMonthsTable onPost={onPost} />
      </Card>
      <LeaveFormModal target={form} posting={posting} onClose={() => setForm(null)} onSaved={() => (setForm(null), reload())} />
      <AuditHistoryDrawer target={history} onClose={() => setHistory(null)} />
      <OnPostThresholdModal open={settings} onClose={() => setSettings(false)} onSaved={() => (setSettings(false), reload())} />
    </Flex>
  );
}
