import { Alert, Divider, Drawer, Empty, Skeleton, Timeline, Typography } from 'antd';
import type { AuditEntry } from '../../shared/audit';
import { formatDateTime } from '../../shared/dateText';
import { WORKFLOW_ACTION_LABELS, type WorkflowStep } from '../../shared/workflow';
import type { ApiState } from '../api/useApi';
import { WorkflowStateTag } from '../pages/postings/WorkflowStateTag';
import { HistoryList } from './HistoryList';

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
        <Typography.Text type="secondary">{`${formatDateTime(s.at)} · ${s.actor}`}</Typography.Text>
      </div>
      {s.reason && <div>原因：{s.reason}</div>}
    </div>
  );
}

/**
 * 历史 of any record under the submit-and-lock workflow: its state steps (oldest first) and its field changes
 * (newest first). The caller loads `{ steps, audit }` from its own history channel.
 */
export function WorkflowHistoryDrawer({ title, open, onClose, history, width = 480 }: { title: string; open: boolean; onClose: () => void; history: ApiState<{ steps: WorkflowStep[]; audit: AuditEntry[] }>; width?: number }) {
  const h = history;
  return (
    <Drawer title={`历史 · ${title}`} open={open} onClose={onClose} size={width} destroyOnHidden>
      {h.error && <Alert type="error" showIcon title={h.error} />}
      {h.loading || !h.data ? (
        !h.error && <Skeleton active />
      ) : (
        <>
          <Typography.Title level={5}>状态变化</Typography.Title>
          {h.data.steps.length ? <Timeline items={h.data.steps.map((s) => ({ key: s.id, content: stepLine(s) }))} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无状态记录" />}
          <Divider />
          <Typography.Title level={5}>修改记录</Typography.Title>
          <HistoryList entries={h.data.audit} />
        </>
      )}
    </Drawer>
  );
}
