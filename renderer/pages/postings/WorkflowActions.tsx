import { App, Button, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import type { TransitionResult } from '../../../shared/assessment';
import { availableActions, WORKFLOW_ACTION_LABELS, type WorkflowAction, type WorkflowInfo } from '../../../shared/workflow';
import { ACTION_PERMISSIONS } from '../../../shared/permissions';
import { api, errorMessage } from '../../api/client';
import { ReviewOpinionModal } from '../../auth/ReviewOpinionModal';
import { useSession } from '../../auth/session';
import type { HistoryTarget } from './RecordHistoryDrawer';
import type { ReopenTarget } from './ReopenModal';

export interface WorkflowRecordRef {
  id: number;
  workflow: WorkflowInfo;
}

/**
 * The workflow buttons of a record: the actions its state allows (提交/审核/归档/退回为草稿) and 历史.
 * 退回 asks for a reason in its own dialog; 归档 is final and is confirmed first.
 */
export function WorkflowActions({
  record,
  title,
  onChanged,
  onReopen,
  onHistory,
  onOutcome,
}: {
  record: WorkflowRecordRef;
  /** How the record is named in messages: 年度考核（2025年） */
  title: string;
  onChanged: () => void;
  onReopen: (t: ReopenTarget) => void;
  onHistory: (t: HistoryTarget) => void;
  /** What the step answered besides the record: warnings, an annual-text proposal or note. */
  onOutcome?: (r: TransitionResult) => void;
}) {
  const { message } = App.useApp();
  const { can, session } = useSession();
  const [busy, setBusy] = useState<WorkflowAction | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const run = async (action: WorkflowAction, reason?: string): Promise<boolean> => {
    setBusy(action);
    try {
      const r = await api('record:transition', { id: record.id, action, ...(reason ? { reason } : {}) });
      message.success(`${title}已${WORKFLOW_ACTION_LABELS[action]}${action === 'submit' ? '：记录已锁定，如需修改请先退回为草稿' : ''}`);
      onChanged();
      onOutcome?.(r);
      return true;
    } catch (e) {
      message.error(errorMessage(e));
      return false;
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space size={4} wrap>
      {/* Signed in, 审核 asks for the reviewer's opinion; without accounts it stays one click. */}
      <ReviewOpinionModal open={reviewing} title={title} onCancel={() => setReviewing(false)} onSubmit={async (opinion) => (await run('review', opinion)) && (setReviewing(false), true)} />
      {availableActions(record.workflow.state).filter((a) => can(ACTION_PERMISSIONS[a])).map((a) => {
        const label = WORKFLOW_ACTION_LABELS[a];
        if (a === 'reopen')
          return (
            <Button key={a} size="small" onClick={() => onReopen({ id: record.id, title, state: record.workflow.state })}>
              {label}
            </Button>
          );
        if (a === 'archive')
          return (
            <Popconfirm key={a} title={`归档${title}？`} description="归档后记录不能再修改，也不能退回。" okText="确定归档" cancelText="取消" onConfirm={() => run(a)}>
              <Button size="small" loading={busy === a}>
                {label}
              </Button>
            </Popconfirm>
          );
        return (
          <Button key={a} size="small" type={a === 'submit' ? 'primary' : 'default'} ghost={a === 'submit'} loading={busy === a} onClick={() => (a === 'review' && session.signedIn ? setReviewing(true) : void run(a))}>
            {label}
          </Button>
        );
      })}
      <Button size="small" type="link" onClick={() => onHistory({ id: record.id, title })}>
        历史
      </Button>
    </Space>
  );
}
