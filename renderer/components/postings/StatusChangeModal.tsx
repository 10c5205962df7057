import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { PostingStatus } from '../../../shared/codes/secondment';
import { nextStatuses, StatusChangeInputSchema, type StatusChangeInput } from '../../../shared/posting';
import { dayOf } from '../../../shared/validators/yearMonth';
import { api } from '../../api/client';
import { useUnsavedChanges } from '../../lib/unsavedChanges';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { rulesFor } from '../../lib/zodFormRule';
import { DayInput } from '../DayInput';

export interface StatusTarget {
  postingId: number;
  cadreName: string;
  status: PostingStatus;
}

/** 变更挂职状态: only the changes the lifecycle allows are offered; 召回 and 延期 need a reason. */
export function StatusChangeModal({ target, onClose, onDone }: { target: StatusTarget | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm();
  const rules = rulesFor(form, StatusChangeInputSchema);
  const to = Form.useWatch('to', form) as PostingStatus | undefined;
  const options = target ? nextStatuses(target.status) : [];
  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChanges(!!target && dirty);

  useEffect(() => {
    if (target) form.setFieldsValue({ id: target.postingId, to: options[0], date: dayOf(new Date()), reason: '', newPlannedEndDate: '' });
    setDirty(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);

  const { saving, submit } = useFormSubmit(form, async (v) => {
    await api('posting:changeStatus', v as StatusChangeInput);
    setDirty(false);
    unsaved.release();
    onDone();
    return `${target!.cadreName}：状态已改为“${v.to}”`;
  });

  return (
    <Modal title={target ? `变更挂职状态 · ${target.cadreName}` : ''} open={!!target} onCancel={() => unsaved.confirmLeave(onClose)} onOk={submit} okText="确定变更" cancelText="取消" confirmLoading={saving} okButtonProps={{ disabled: options.length === 0 }} destroyOnHidden>
      {target && options.length === 0 ? (
        <Alert type="info" showIcon message={`“${target.status}”是最终状态，不能再变更`} />
      ) : (
        <Form form={form} layout="vertical" onValuesChange={() => setDirty(true)}>
          <Typography.Paragraph>当前状态：{target?.status}</Typography.Paragraph>
          <Form.Item label="改为" name="to" rules={rules('to', true)}>
            <Select options={options.map((s) => ({ value: s, label: s }))} aria-label="新状态" />
          </Form.Item>
          <Form.Item label="变更日期" name="date" rules={rules('date', true)}>
            <DayInput aria-label="变更日期" />
          </Form.Item>
          {to === '延期' && (
            <Form.Item label="新的计划结束日期" name="newPlannedEndDate" rules={rules('newPlannedEndDate', true)}>
              <DayInput aria-label="新的计划结束日期" />
            </Form.Item>
          )}
          <Form.Item label="原因" name="reason" rules={rules('reason', to === '提前结束（召回）' || to === '延期')} tooltip="召回或延期须填写原因">
            <Input.TextArea rows={3} maxLength={500} aria-label="原因" placeholder={to === '提前结束（召回）' ? '如：长期不在岗，存在“空挂”问题，经研究予以召回' : ''} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
