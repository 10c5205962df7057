import { Alert, Divider, Drawer, Empty, Skeleton, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { WORKFLOW_ACTION_LABELS } from '../../../shared/workflow';
import { useApi } from '../../api/useApi';
import { HistoryList } from '../../components/HistoryList';
import { WorkflowStateTag } from '../postings/WorkflowStateTag';

/** 历史 of a growth evaluation: its workflow steps (oldest first) and every change (scores by rater included). */
export function GrowthHistoryDrawer({ id, title, open, onClose }: { id: number; title: string; open: boolean; onClose: () => void }) {
  const h = useApi('growth:history', open ? { id } : null);
  return (
    <Drawer title={`历史 · ${title}`} open={open} onClose={onClose} size={520} destroyOnHidden>
      {h.error && <Alert type="error" showIcon title={h.error} />}
      {h.loading || !h.data ? (
        <Skeleton active />
      ) : (
        <>
          <Typography.Title level={5}>状态变化</Typography.Title>
          {h.data.steps.length ? (
            <Timeline
              items={h.data.steps.map((s) => ({
                key: s.id,
                content: (
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
                      <Typography.Text type="secondary">{`${dayjs(s.at).format('YYYY年M月D日 HH:mm')} · ${s.actor}`}</Typography.Text>
                    </div>
                    {s.reason && <div>原因：{s.reason}</div>}
                  </div>
                ),
              }))}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无状态记录" />
          )}
          <Divider />
          <Typography.Title level={5}>修改记录</Typography.Title>
          <HistoryList entries={h.data.audit} />
        </>
      )}
    </Drawer>
  );
}
