import { Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';

/**
 * 审核 when signed in: the reviewer's opinion is required (it is kept in the record's history as the step's reason).
 * `onSubmit` answers whether the review went through; the dialog stays open otherwise.
 */
export function ReviewOpinionModal({ open, title, onCancel, onSubmit }: { open: boolean; title: string; onCancel: () => void; onSubmit: (opinion: string) => Promise<boolean> }) {
  const [form] = Form.useForm<{ opinion: string }>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const ok = async () => {
    let v: { opinion: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      await onSubmit(v.opinion.trim());
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={`审核${title}`} open={open} onCancel={onCancel} onOk={ok} okText="审核通过" cancelText="取消" confirmLoading={busy} destroyOnHidden width={480}>
      <Typography.Paragraph type="secondary">审核通过后记录改为“已审核”，审核意见记入该记录的历史。如需修改，请取消后用“退回为草稿”。</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} disabled={busy}>
        <Form.Item name="opinion" label="审核意见" rules={[{ required: true, whitespace: true, message: '请填写审核意见' }, { max: 500, message: '不能超过500个字' }]}>
          <Input.TextArea rows={4} showCount maxLength={500} placeholder="如：材料齐全，情况属实，同意。" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
