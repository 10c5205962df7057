import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import type { TransitionResult } from '../../../shared/assessment';
import { TransitionInputSchema, type WorkflowState } from '../../../shared/workflow';
import { api } from '../../api/client';
import { useUnsavedChanges } from '../../lib/unsavedChanges';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { rulesFor } from '../../lib/zodFormRule';

export interface ReopenTarget {
  id: number;
  title: string;
  state: WorkflowState;
}

/** 退回为草稿: takes a submitted or reviewed record back to a draft; the reason is required and audited. */
export function ReopenModal({ target, onClose, onDone }: { target: ReopenTarget | null; onClose: () => void; onDone: (r: TransitionResult) => void }) {
  const [form] = Form.useForm();
  const rules = rulesFor(form, TransitionInputSchema);
  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChanges(!!target && dirty);

  useEffect(() => {
    if (target) form.setFieldsValue({ id: target.id, action: 'reopen', reason: '' });
    setDirty(false);
  }, [target, form]);

  const { saving, submit } = useFormSubmit(form, async (v) => {
    const r = await api('record:transition', { id: target!.id, action: 'reopen', reason: v.reason });
    setDirty(false);
    unsaved.release();
    onDone(r);
    return `${target!.title}已退回为草稿`;
  });

  return (
    <Modal title={target ? `退回为草稿 · ${target.title}` : ''} open={!!target} onCancel={() => unsaved.confirmLeave(onClose)} onOk={submit} okText="确定退回" cancelText="取消" confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical" onValuesChange={() => setDirty(true)}>
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`记录当前为“${target?.state ?? ''}”。退回为草稿后可以修改，退回原因将写入修改记录。`} />
        <Form.Item label="退回原因" name="reason" rules={rules('reason', true)} validateFirst>
          <Input.TextArea rows={3} maxLength={500} showCount aria-label="退回原因" placeholder="如：等次录入有误，需更正后重新提交" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
