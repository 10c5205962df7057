import { Form, InputNumber, Modal, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { DEFAULT_SETTINGS, SETTING_LABELS } from '../../shared/settings';
import { api } from '../api/client';
import { useUnsavedChanges } from '../lib/unsavedChanges';
import { useFormSubmit } from '../lib/useFormSubmit';

/** 设置在岗率预警阈值: entered as a percentage, stored as a ratio (setting:set). */
export function OnPostThresholdModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm();

  const [loaded, setLoaded] = useState(false);
  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChanges(open && dirty);

  // The field shows once the stored value is in, so that nothing typed is overwritten by a late answer.
  useEffect(() => {
    setDirty(false);
    if (!open) return setLoaded(false);
    let live = true;
    api('setting:get', {})
      .then((s) => live && form.setFieldsValue({ percent: Math.round(s.onPostThreshold * 1000) / 10 }))
      .catch(() => live && form.setFieldsValue({ percent: DEFAULT_SETTINGS.onPostThreshold * 100 }))
      .finally(() => live && setLoaded(true));
    return () => {
      live = false;
    };
  }, [open, form]);

  const { saving, submit } = useFormSubmit<{ percent: number }>(form, async ({ percent }) => {
    const s = await api('setting:set', { key: 'onPostThreshold', value: Math.round(percent * 10) / 1000 });
    setDirty(false);
    unsaved.release();
    onSaved();
    return `${SETTING_LABELS.onPostThreshold}已设为 ${Math.round(s.onPostThreshold * 1000) / 10}%`;
  });

  return (
    <Modal title={`设置${SETTING_LABELS.onPostThreshold}`} open={open} onCancel={() => unsaved.confirmLeave(onClose)} onOk={submit} okText="保存" cancelText="取消" confirmLoading={saving} okButtonProps={{ disabled: !loaded }} destroyOnHidden>
      <Form form={form} layout="vertical" onValuesChange={() => setDirty(true)}>
        <Typography.Paragraph type="secondary">
          在岗率 = 在岗天数 ÷ 挂职天数（按自然日计算，请假天数不计入在岗）。在岗或延期的挂职干部在岗率低于此值时，在挂职页面和首页提示预警。默认 {DEFAULT_SETTINGS.onPostThreshold * 100}%。
        </Typography.Paragraph>
        {loaded ? (
          <Form.Item
            label={SETTING_LABELS.onPostThreshold}
            name="percent"
            rules={[
              { required: true, message: '不能为空' },
              { type: 'number', min: 0, max: 100, message: '应为0到100之间的百分比' },
            ]}
          >
            <InputNumber min={0} max={100} precision={1} step={5} suffix="%" style={{ width: 160 }} aria-label="在岗率预警阈值（%）" />
          </Form.Item>
        ) : (
          <Skeleton.Input active />
        )}
      </Form>
    </Modal>
  );
}
