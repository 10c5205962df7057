import { CheckOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Flex, Space, Typography } from 'antd';
import { useState } from 'react';
import type { AnnualAssessment, QuarterlyReview, TransitionResult } from '../../../shared/assessment';
import { ACTION_PERMISSIONS } from '../../../shared/permissions';
import { WORKFLOW_ACTION_LABELS } from '../../../shared/workflow';
import { api, errorMessage } from '../../api/client';
import { ReviewOpinionModal } from '../../auth/ReviewOpinionModal';
import { useSession } from '../../auth/session';
import { recordTitle } from './recordKinds';

type BulkAction = 'submit' | 'review';

/**
 * 提交所选 / 审核所选 for the ticked quarterly or annual records: each record goes through `record:transition` on its
 * own, so one refusal (不能审核自己提交的记录, a state that does not allow it …) stops only that record; the result
 * lists what was done and each refusal by record. Signed in, 审核 asks for the opinion once for all of them.
 */
export function BulkWorkflowBar({
  records,
  onRan,
  onDone,
}: {
  records: (QuarterlyReview | AnnualAssessment)[];
  /** Right after the run: the list shows the new states under the result dialog. */
  onRan: () => void;
  /** Once the clerk has read the result: the warnings and proposals of the records done. */
  onDone: (results: TransitionResult[]) => void;
}) {
  const { modal } = App.useApp();
  const { can, session } = useSession();
  const [busy, setBusy] = useState<BulkAction | null>(null);
  const [reviewing, setReviewing] = useState(false);
  if (!records.length) return null;

  const run = async (action: BulkAction, reason = ''): Promise<boolean> => {
    setBusy(action);
    const done: TransitionResult[] = [];
    const refused: { title: string; message: string }[] = [];
    try {
      for (const r of records) {
        try {
          done.push(await api('record:transition', { id: r.id, action, ...(reason ? { reason } : {}) }));
        } catch (e) {
          refused.push({ title: recordTitle(r), message: errorMessage(e) });
        }
      }
    } finally {
      setBusy(null);
    }
    onRan();
    const verb = WORKFLOW_ACTION_LABELS[action];
    const show = () =>
      (refused.length ? modal.warning : modal.success)({
        title: refused.length ? `已${verb} ${done.length} 条，${refused.length} 条未能${verb}` : `已${verb}所选的 ${done.length} 条记录`,
        width: 560,
        okText: '知道了',
        content: (
          <Flex vertical gap={6} data-testid="bulk-result">
            {done.length > 0 && <Typography.Text>{`已${verb}：${done.map((r) => recordTitle(r)).join('、')}`}</Typography.Text>}
            {refused.map((x) => (
              <Typography.Text key={x.title} type="danger">{`${x.title}：${x.message}`}</Typography.Text>
            ))}
          </Flex>
        ),
        // Warnings and proposals of the records done come after the clerk has read the list.
        onOk: () => onDone(done),
      });
    show();
    return true;
  };

  const n = records.length;
  return (
    <Space size={6} style={{ marginInlineEnd: 8 }} data-testid="bulk-actions">
      <Typography.Text type="secondary">{`已选 ${n} 条`}</Typography.Text>
      {can(ACTION_PERMISSIONS.submit) && (
        <Button size="small" icon={<SendOutlined />} loading={busy === 'submit'} disabled={!!busy} onClick={() => void run('submit')}>
          {`提交所选（${n}）`}
        </Button>
      )}
      {can(ACTION_PERMISSIONS.review) && (
        <Button size="small" icon={<CheckOutlined />} loading={busy === 'review'} disabled={!!busy} onClick={() => (session.signedIn ? setReviewing(true) : void run('review'))}>
          {`审核所选（${n}）`}
        </Button>
      )}
      <ReviewOpinionModal open={reviewing} title={`所选的 ${n} 条记录`} onCancel={() => setReviewing(false)} onSubmit={async (opinion) => (setReviewing(false), run('review', opinion))} />
    </Space>
  );
}
