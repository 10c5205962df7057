import { useApi } from '../../api/useApi';
import { WorkflowHistoryDrawer } from '../../components/WorkflowHistoryDrawer';

export interface HistoryTarget {
  id: number;
  /** 年度考核（2025年） … */
  title: string;
}

/** 历史 of an assessment record. */
export function RecordHistoryDrawer({ target, onClose }: { target: HistoryTarget | null; onClose: () => void }) {
  const history = useApi('record:history', target ? { id: target.id } : null);
  return <WorkflowHistoryDrawer title={target?.title ?? ''} open={!!target} onClose={onClose} history={history} />;
}
