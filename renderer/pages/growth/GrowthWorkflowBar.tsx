import { AuditOutlined, CheckOutlined, DeleteOutlined, HistoryOutlined, InboxOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import type { GrowthEvaluation } from '../../../shared/growth';
import { WORKFLOW_ACTION_LABELS, type WorkflowAction } from '../../../shared/workflow';
import { ACTION_PERMISSIONS } from '../../../shared/permissions';
import { api, errorMessage } from '../../api/client';
import { ReviewOpinionModal } from '../../auth/ReviewOpinionModal';
import { useSession } from '../../auth/session';
import { GrowthHistoryDrawer } from './GrowthHistoryDrawer';
import { GrowthReopenModal } from './GrowthReopenModal';

const ICONS: Record<WorkflowAction, ReactNode> = { submit: <SendOutlined />, review: <CheckOutlined />, archive: <InboxOutlined />, reopen: <RollbackOutlined /> };

/**
 * 提交 → 审核 → 归档 (and 退回为草稿 with a reason), 历史, and 删除 for a draft. Submitting with unsaved sheets is
 * stopped here (the service would score what is stored, not what is on screen).
 */
export function GrowthWorkflowBar({ e, unsaved, onChanged, onDeleted }: { e: GrowthEvaluation; unsaved: string[]; onChanged: (e: GrowthEvaluation) => void; onDeleted: () => void }) {
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<WorkflowAction | 'delete' | null>(null);
  const [reopening, setReopening] = useState(false);
  const [history, setHistory] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const { can, canCall, session } = useSession();
  const title = `成长评价（${e.period}）`;

  const run = async (action: WorkflowAction, reason?: string): Promise<boolean> => {
    if (action === 'submit' && unsaved.length) {
      message.warning(`${unsaved.join('、')}有未保存的修改：请先保存再提交`);
      return false;
    }
    setBusy(action);
    try {
      const next = await api('growth:transition', { id: e.id, action, ...(reason ? { reason } : {}) });
      message.success(action === 'submit' ? `${title}已提交：评分已锁定，如需修改请先退回为草稿` : action === 'archive' ? `${title}已归档：内容已冻结并记录校验值` : `${title}已${WORKFLOW_ACTION_LABELS[action]}`);
      onChanged(next);
      // Said, not refused: a 期满 evaluation submitted while earlier ones are still drafts.
      if (next.warnings.length)
        modal.warning({
          title: `${title}已提交，但还有前期评价未完成`,
          content: (
            <Flex vertical gap={4} data-testid="transition-warnings">
              {next.warnings.map((w) => (
                <span key={w}>{w}</span>
              ))}
            </Flex>
          ),
          okText: '知道了',
        });
      return true;
    } catch (err) {
      message.error(errorMessage(err));
      return false;
    } finally {
      setBusy(null);
    }
  };
  const remove = async () => {
    setBusy('delete');
    try {
      await api('growth:delete', { id: e.id });
      message.success(`${title}已删除`);
      onDeleted();
    } catch (err) {
      message.error(errorMessage(err));
      setBusy(null);
    }
  };

  return (
    <Space wrap>
      {e.workflow.actions.filter((a) => can(ACTION_PERMISSIONS[a])).map((a) => {
        const label = WORKFLOW_ACTION_LABELS[a];
        if (a === 'reopen')
          return (
            <Button key={a} icon={ICONS[a]} onClick={() => setReopening(true)}>
              {label}
            </Button>
          );
        if (a === 'archive')
          return (
            <Popconfirm key={a} title={`归档${title}？`} description="归档后内容冻结（记录 SHA-256 校验值），不能再修改，也不能退回。" okText="确定归档" cancelText="取消" onConfirm={() => run(a)}>
              <Button icon={ICONS[a]} loading={busy === a}>
                {label}
              </Button>
            </Popconfirm>
          );
        return (
          <Button key={a} type="primary" icon={a === 'review' ? <AuditOutlined /> : ICONS[a]} loading={busy === a} onClick={() => (a === 'review' && session.signedIn ? setReviewing(true) : void run(a))}>
            {label}
          </Button>
        );
      })}
      <Button icon={<HistoryOutlined />} onClick={() => setHistory(true)}>
        历史
      </Button>
      {e.workflow.editable && canCall('growth:delete') && (
        <Popconfirm title={`删除${title}？`} description="各评价主体的评分、评语和佐证关联将一并删除。" okText="删除" cancelText="取消" onConfirm={remove}>
          <Button danger icon={<DeleteOutlined />} loading={busy === 'delete'} aria-label="删除这份成长评价" />
        </Popconfirm>
      )}
      <GrowthReopenModal e={e} open={reopening} onClose={() => setReopening(false)} onDone={(next) => (setReopening(false), onChanged(next))} />
      <ReviewOpinionModal open={reviewing} title={title} onCancel={() => setReviewing(false)} onSubmit={async (opinion) => (await run('review', opinion)) && (setReviewing(false), true)} />
      <GrowthHistoryDrawer id={e.id} title={title} open={history} onClose={() => setHistory(false)} />
    </Space>
  );
}
