import { Alert, Drawer, Skeleton } from 'antd';
import { useApi } from '../../api/useApi';
import { HistoryList } from '../../components/HistoryList';

export interface AuditTarget {
  channel: 'leave:history' | 'ledger:history';
  id: number;
  title: string;
}

/** 修改记录 of a leave entry or a work result. */
export function AuditHistoryDrawer({ target, onClose }: { target: AuditTarget | null; onClose: () => void }) {
  const h = useApi(target?.channel ?? 'leave:history', target ? { id: target.id } : null);
  return (
    <Drawer title={target ? `修改记录 · ${target.title}` : ''} open={!!target} onClose={onClose} size={460} destroyOnHidden>
      {h.error && <Alert type="error" showIcon title={h.error} />}
      {h.loading ? <Skeleton active /> : <HistoryList entries={h.data ?? []} />}
    </Drawer>
  );
}
