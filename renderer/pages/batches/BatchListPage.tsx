import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { BatchListItem } from '../../../shared/batch';
import { POSTING_STATUSES } from '../../../shared/codes/secondment';
import { useApi } from '../../api/useApi';
import { useSession } from '../../auth/session';
import { StatusTag } from '../../components/postings/StatusTag';
import { BatchFormModal } from './BatchFormModal';

/** 批次管理: every batch with its members counted by status. */
export function BatchListPage() {
  const navigate = useNavigate();
  const { canCall } = useSession();
  const [query, setQuery] = useState('');
  const [creating, setCreating] = useState(false);
  const list = useApi('batch:list', { query });

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <h1 className="page-title" style={{ margin: 0 }}>
          批次管理
        </h1>
        {canCall('batch:save') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建批次
          </Button>
        )}
      </Flex>
      <Card size="small">
        <Input.Search allowClear placeholder="按批次名称、派出地、接收地检索" onSearch={setQuery} style={{ width: 360 }} />
      </Card>
      {list.error && <Alert type="error" showIcon message={list.error} />}
      <Table<BatchListItem>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: canCall('batch:save') ? '还没有批次。点击“新建批次”，再从干部档案中添加成员。' : '还没有批次' }}
        onRow={(b) => ({ onClick: () => navigate(`/batches/${b.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: '批次名称', dataIndex: 'name', render: (v: string, b) => (<Space direction="vertical" size={0}><strong>{v}</strong><Typography.Text type="secondary">{b.fromPlace && b.toPlace ? `${b.fromPlace} → ${b.toPlace}` : ''}</Typography.Text></Space>) },
          // Wide enough for 东西部协作/对口支援 and the direction on one line; the term never wraps.
          { title: '类型', dataIndex: 'type', width: 210, render: (v: string, b) => (<span style={{ whiteSpace: 'nowrap' }}><Tag>{v}</Tag><Tag color={b.direction === '派出' ? 'volcano' : 'geekblue'}>{b.direction}</Tag></span>) },
          { title: '起止', key: 'term', width: 180, render: (_, b) => <span style={{ whiteSpace: 'nowrap' }}>{b.startDate ? `${b.startDate}—${b.endDate}` : '—'}</span> },
          { title: '组长', dataIndex: 'leaderName', width: 90, render: (v: string | null) => v ?? '—' },
          { title: '人数', dataIndex: 'memberCount', width: 70 },
          {
            title: '状态分布',
            key: 'status',
            render: (_, b) => (
              <Space size={2} wrap>
                {POSTING_STATUSES.filter((s) => b.statusCounts[s]).map((s) => (
                  <span key={s}>
                    <StatusTag status={s} />
                    <span style={{ marginRight: 6 }}>{b.statusCounts[s]}</span>
                  </span>
                ))}
              </Space>
            ),
          },
          { title: '会议', dataIndex: 'meetingCount', width: 70 },
        ]}
      />
      <BatchFormModal open={creating} onClose={() => setCreating(false)} onSaved={(b) => navigate(`/batches/${b.id}`)} />
    </Flex>
  );
}
