import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { PostingDetail } from '../../../shared/posting';
import { useApi } from '../../api/useApi';
import { useSession } from '../../auth/session';
import { PostingEditModal, type PostingEditTarget } from './PostingEditModal';
import { StatusChangeModal, type StatusTarget } from './StatusChangeModal';
import { StatusTag } from './StatusTag';

/** 挂职经历: a cadre's postings as a timeline, newest first, each with its status history. */
export function PostingsTimeline({ cadreId, cadreName }: { cadreId: number; cadreName: string }) {
  const navigate = useNavigate();
  const { canCall } = useSession();
  const list = useApi('posting:listByCadre', { cadreId });
  const [edit, setEdit] = useState<PostingEditTarget | null>(null);
  const [status, setStatus] = useState<StatusTarget | null>(null);

  if (list.error) return <Alert type="error" showIcon message={list.error} />;
  const postings = [...(list.data ?? [])].sort((a, b) => b.startDate.localeCompare(a.startDate));

  const card = (p: PostingDetail) => (
    <Card size="small" style={{ maxWidth: 900 }}>
      <Flex justify="space-between" align="start">
        <Space direction="vertical" size={2}>
          <Space wrap>
            <Typography.Text strong>{p.hostUnit || '挂职单位未填'}</Typography.Text>
            <Typography.Text>{p.hostPost}</Typography.Text>
            <StatusTag status={p.status} />
            <Tag>{p.direction}</Tag>
            {p.postType && <Tag>{p.postType}</Tag>}
          </Space>
          <Typography.Text type="secondary">
            {p.startDate}—{p.actualEndDate || `${p.plannedEndDate}（计划）`}
            {p.batchName && (
              <>
                {' · '}
                <a onClick={() => navigate(`/batches/${p.batchId}`)}>{p.batchName}</a>
              </>
            )}
          </Typography.Text>
          <Typography.Text type="secondary">
            政治辅导员：{p.politicalMentor.name || '未配备'} · 业务指导员：{p.businessMentor.name || '未配备'}
          </Typography.Text>
          {p.statusChanges.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.statusChanges.map((c) => `${c.date} ${c.from ? `${c.from}→` : ''}${c.to}${c.reason ? `（${c.reason}）` : ''}`).join('；')}
            </Typography.Text>
          )}
        </Space>
        <Space>
          <Button size="small" type="primary" ghost onClick={() => navigate(`/postings/${p.id}`)}>
            考核与实绩
          </Button>
          {canCall('posting:save') && (
            <Button size="small" onClick={() => setEdit({ posting: p, cadreId, cadreName })}>
              编辑
            </Button>
          )}
          {canCall('posting:changeStatus') && (
            <Button size="small" onClick={() => setStatus({ postingId: p.id, cadreName, status: p.status })}>
              变更状态
            </Button>
          )}
        </Space>
      </Flex>
    </Card>
  );

  const done = () => {
    setEdit(null);
    setStatus(null);
    list.reload();
  };

  return (
    <Flex vertical gap={12}>
      {canCall('posting:save') && (
        <div>
          <Button icon={<PlusOutlined />} onClick={() => setEdit({ cadreId, cadreName })}>
            新增挂职记录
          </Button>
        </div>
      )}
      {postings.length === 0 ? (
        <Empty description="尚无挂职经历" />
      ) : (
        <Timeline items={postings.map((p) => ({ key: p.id, color: p.status === '在岗' ? 'green' : p.status === '提前结束（召回）' ? 'red' : 'blue', children: card(p) }))} />
      )}
      <PostingEditModal target={edit} onClose={() => setEdit(null)} onDone={done} />
      <StatusChangeModal target={status} onClose={() => setStatus(null)} onDone={done} />
    </Flex>
  );
}
