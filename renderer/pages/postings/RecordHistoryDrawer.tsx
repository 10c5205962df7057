import { Alert, Divider, Drawer, Empty, Skeleton, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { WORKFLOW_ACTION_LABELS, type WorkflowStep } from '../../../shared/workflow';
import { useApi } from '../../api/useApi';
import { HistoryList } from '../../components/HistoryList';
import { WorkflowStateTag } from './WorkflowStateTag';

export interface HistoryTarget {
  id: number;
  /** 年度考核（2025年） … */
  title: string;
}

function stepLine(s: WorkflowStep) {
  return (
    <div>
      <Typography.Text strong>{s.action === 'create' ? '新建' : WORKFLOW_ACTION_LABELS[s.action]}</Typography.Text>
      <span style={{ marginLeft: 8 }}>
        {s.from && (
          <>
            <WorkflowStateTag state={s.from} /> →{' '}
          </>
        )}
        <WorkflowStateTag state={s.to} />
      </span>
      <div>
        <Typography.Text type="secondary">
          {dayjs(s.at).format('YYYY年M月D日 HH:mm')} · {s.actor}
        </Typography.Text>
      </div>
      {s.reason && <div>原因：{s.reason}</div>}
    </div>
  );
}

/** 历史 of a workflow record: its state steps (oldest first) and its field changes (newest first). */
export function RecordHistoryDrawer({ target, onClose }: { target: HistoryTarget | null; onClose: () => void }) {
  const h = useApi('record:history', target ? { id: target.id } : null);
  return (
    <Drawer title={target ? `历史 · ${target.title}` : ''} open={!!target} onClose={onClose} size={480} destroyOnHidden>
      {h.error && <Alert type="error" showIcon title={h.error} />}
      {h.loading ? (
        <Skeleton active />
      ) : (
        <>
          <Typography.Title level={5}>状态变化</Typography.Title>
          {h.data?.steps.length ? <Timeline items={h.data.steps.map((s) => ({ key: s.id, content: stepLine(s) }))} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无状态记录" />}
          <Divider />
          <Typography.Title level={5}>修改记录</Typography.Title>
          <HistoryList entries={h.data?.audit ?? []} />
        </>
      )}
    </Drawer>
  );
}
