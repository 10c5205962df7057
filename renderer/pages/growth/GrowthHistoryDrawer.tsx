import { useApi } from '../../api/useApi';
import { WorkflowHistoryDrawer } from '../../components/WorkflowHistoryDrawer';

/** 历史 of a growth evaluation: workflow steps and every change (scores by rater included). */
export function GrowthHistoryDrawer({ id, title, open, onClose }: { id: number; title: string; open: boolean; onClose: () => void }) {
  const history = useApi('growth:history', open ? { id } : null);
  return <WorkflowHistoryDrawer title={title} open={open} onClose={onClose} history={history} width={520} />;
}
