import { Alert, App, Modal, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { termMismatches, type BatchPage, type TermMismatch } from '../../../shared/batch';
import { api, errorMessage } from '../../api/client';
import { useSession } from '../../auth/session';
import { StatusTag } from '../../components/postings/StatusTag';
import { showRefusals } from '../../lib/bulk';

/**
 * 挂职起止不在批次起止内: the members whose posting starts before or after the batch's term or ends after it (listed
 * after the batch's dates change, and from the batch page's notice), with 按批次起止调整 for the chosen ones: a 拟派
 * posting takes the batch's dates, a 在岗 one its end; the others are listed with why they are left alone.
 */
export function TermAlignModal({ page, open, onClose, onDone }: { page: BatchPage; open: boolean; onClose: () => void; onDone: () => void }) {
  const { message, modal } = App.useApp();
  const { canCall } = useSession();
  const rows = useMemo(() => termMismatches(page.batch, page.members), [page]);
  const adjustable = rows.filter((r) => r.proposed);
  const [selected, setSelected] = useState<number[]>([]);
  const [saving, setSaving] = useState(false);
  const b = page.batch;

  // All adjustable ones chosen when it opens, and again once the page has reloaded with the batch's new dates.
  useEffect(() => {
    if (open) setSelected(adjustable.map((r) => r.postingId));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, rows]);

  const align = async () => {
    setSaving(true);
    try {
      const r = await api('batch:alignPostings', { batchId: b.id, postingIds: selected });
      onDone();
      const done = r.done.length ? `已将 ${r.done.length} 人的挂职起止调整为批次起止` : '';
      if (r.refused.length)
        showRefusals(modal, `${done ? `${done}；` : ''}${r.refused.length} 人未调整`, { done: [], refused: r.refused.map((x) => ({ item: x.name, message: x.message })) }, (name) => name);
      else message.success(done);
      onClose();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const may = canCall('batch:alignPostings');
  return (
    <Modal
      title="挂职起止不在批次起止内的成员"
      open={open}
      width={920}
      onCancel={onClose}
      onOk={may && adjustable.length ? align : onClose}
      okText={may && adjustable.length ? `调整为批次起止日期（${selected.length} 人）` : '关闭'}
      okButtonProps={{ disabled: may && adjustable.length > 0 && !selected.length }}
      cancelText={may && adjustable.length ? '暂不调整' : undefined}
      cancelButtonProps={may && adjustable.length ? undefined : { style: { display: 'none' } }}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph>
        批次起止为 <strong>{b.startDate}—{b.endDate}</strong>。以下 {rows.length} 名成员的挂职起止不在其中
        {adjustable.length ? '；勾选后可调整为批次的起止日期（“拟派”的调整开始和计划结束日期，“在岗”的只调整计划结束日期）。' : '。'}
      </Typography.Paragraph>
      {rows.length === 0 && <Alert type="success" showIcon message="全部成员的挂职起止都在批次起止之内" />}
      {rows.length > 0 && (
        <Table<TermMismatch>
          rowKey="postingId"
          size="small"
          dataSource={rows}
          pagination={false}
          scroll={{ y: 360 }}
          rowSelection={may ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as number[]), getCheckboxProps: (r) => ({ disabled: !r.proposed, 'aria-label': `调整${r.name}` }) } : undefined}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 90 },
            { title: '状态', dataIndex: 'status', width: 130, render: (s) => <StatusTag status={s} /> },
            { title: '现在的起止', key: 'now', width: 190, render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{`${r.startDate}—${r.endDate}`}</span> },
            {
              title: '调整为',
              key: 'to',
              width: 190,
              render: (_, r) => (r.proposed ? <span style={{ whiteSpace: 'nowrap' }}>{`${r.proposed.startDate}—${r.proposed.plannedEndDate}`}</span> : <Typography.Text type="secondary">不调整</Typography.Text>),
            },
            { title: '说明', dataIndex: 'note', render: (v: string) => v || '—' },
          ]}
        />
      )}
    </Modal>
  );
}
