import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import type { GrowthEvaluation } from '../../../shared/growth';
import { TransitionInputSchema } from '../../../shared/workflow';
import { api } from '../../api/client';
import { useUnsavedChanges } from '../../lib/unsavedChanges';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { rulesFor } from '../../lib/zodFormRule';

/** 退回为草稿 of a submitted or reviewed growth evaluation: the reason is required and goes into the history. */
export function GrowthReopenModal({ e, open, onClose, onDone }: { e: GrowthEvaluation; open: boolean; onClose: () => void; onDone: (e: GrowthEvaluation) => void }) {
  const [form] = Form.useForm();
  const rules = rulesFor(form, TransitionInputSchema);
  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChanges(open && dirty);
  useEffect(() => {
    if (open) form.setFieldsValue({ id: e.id, action: 'reopen', reason: '' });
    setDirty(false);
  }, [open, e.id, form]);
  const { saving, submit } = useFormSubmit(form, async (v) => {
    const next = await api('growth:transition', { id: e.id, action: 'reopen', reason: v.reason });
    setDirty(false);
    unsaved.release();
    onDone(next);
    return `成长评价（${e.period}）已退回为草稿`;
  });
  return (
    <Modal title={`退回为草稿 · 成长评价（${e.period}）`} open={open} onCancel={() => unsaved.confirmLeave(onClose)} onOk={submit} okText="确定退回" cancelText="取消" confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical" onValuesChange={() => setDirty(true)}>
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`评价当前为“${e.state}”。退回为草稿后各评价主体可以修改评分，退回原因将写入修改记录。`} />
        <Form.Item label="退回原因" name="reason" rules={rules('reason', true)}>
          <Input.TextArea rows={3} maxLength={500} showCount aria-label="退回原因" placeholder="如：派出单位评分有误，需更正后重新提交" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
