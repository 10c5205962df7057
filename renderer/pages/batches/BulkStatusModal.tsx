import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { BatchMember } from '../../../shared/batch';
import { POSTING_STATUSES, type PostingStatus } from '../../../shared/codes/secondment';
import { BulkStatusInputSchema, nextStatuses, type BulkStatusResult } from '../../../shared/posting';
import { api } from '../../api/client';
import { DayInput } from '../../components/DayInput';
import { showRefusals } from '../../lib/bulk';
import { useUnsavedChanges } from '../../lib/unsavedChanges';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { rulesFor } from '../../lib/zodFormRule';

/**
 * 批量变更状态: one change (到岗, 期满, 召回, 延期) for the selected members. Each posting is changed on its own; a
 * refusal (a status that does not allow the step, a date before the last change …) is listed by person and the
 * others are done. The date may stay empty for 在岗 (each on their own start) and 期满 (each on their planned end).
 */
export function BulkStatusModal({ members, open, onClose, onDone }: { members: BatchMember[]; open: boolean; onClose: () => void; onDone: () => void }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm();
  const rules = rulesFor(form, BulkStatusInputSchema);
  const to = Form.useWatch('to', form) as PostingStatus | undefined;
  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChanges(open && dirty);
  // Offered: every step at least one selected member may take (the others are refused by name).
  const options = POSTING_STATUSES.filter((s) => members.some((m) => nextStatuses(m.status).includes(s)));
  const able = to ? members.filter((m) => nextStatuses(m.status).includes(to)).length : 0;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ to: options[0], date: '', reason: '', newPlannedEndDate: '' });
    setDirty(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const { saving, submit } = useFormSubmit(form, async (v) => {
    const r: BulkStatusResult = await api('posting:changeStatusMany', { postingIds: members.map((m) => m.postingId), to: v.to, date: v.date ?? '', reason: v.reason ?? '', newPlannedEndDate: v.newPlannedEndDate ?? '' });
    setDirty(false);
    unsaved.release();
    onDone();
    const done = r.done.length ? `${r.done.length} 人状态已改为“${v.to}”` : '';
    if (r.refused.length)
      showRefusals(modal, `${done ? `${done}；` : ''}${r.refused.length} 人未变更`, { done: [], refused: r.refused.map((x) => ({ item: x.cadreName, message: x.message })) }, (name) => name);
    else message.success(done);
  });

  const datePlaceholder = to === '在岗' ? '留空：按各人计划开始日期' : to === '期满' ? '留空：按各人计划结束日期' : '';
  return (
    <Modal
      title={`批量变更状态（已选 ${members.length} 人）`}
      open={open}
      width={620}
      onCancel={() => unsaved.confirmLeave(onClose)}
      onOk={submit}
      okText="确定变更"
      cancelText="取消"
      confirmLoading={saving}
      okButtonProps={{ disabled: !options.length }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: members.map((m) => m.name).join('、') }}>
        {members.map((m) => `${m.name}（${m.status}）`).join('、')}
      </Typography.Paragraph>
      {!options.length ? (
        <Alert type="info" showIcon message="所选人员的挂职均已结束，不能再变更状态" />
      ) : (
        <Form form={form} layout="vertical" onValuesChange={() => setDirty(true)}>
          <Form.Item label="改为" name="to" rules={rules('to', true)} extra={to && able < members.length ? `其中 ${members.length - able} 人当前状态不能改为“${to}”，将逐人列出原因，其余照常变更` : undefined}>
            <Select options={options.map((s) => ({ value: s, label: s }))} aria-label="批量新状态" />
          </Form.Item>
          <Form.Item label="变更日期" name="date" rules={rules('date', to !== '在岗' && to !== '期满')}>
            <DayInput aria-label="批量变更日期" placeholder={datePlaceholder || undefined} />
          </Form.Item>
          {to === '延期' && (
            <Form.Item label="新的计划结束日期" name="newPlannedEndDate" rules={rules('newPlannedEndDate', true)}>
              <DayInput aria-label="新的计划结束日期" />
            </Form.Item>
          )}
          <Form.Item label="原因" name="reason" rules={rules('reason', to === '提前结束（召回）' || to === '延期')}>
            <Input.TextArea rows={2} maxLength={500} aria-label="批量变更原因" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
