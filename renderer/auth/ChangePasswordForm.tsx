import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import type { SessionInfo } from '../../shared/channels/auth';
import { api } from '../api/client';
import { applyFieldErrors } from './fieldErrors';

interface ChangeForm {
  current: string;
  next: string;
  nextAgain: string;
}

const FIELD_LABELS = { 当前密码: 'current', 新密码: 'next', 再次输入新密码: 'nextAgain' } as const;

/** 修改密码 of the signed-in user (auth:changePassword): refusals under their fields. */
export function ChangePasswordForm({ onChanged, submitText = '修改密码', extraButton }: { onChanged: (s: SessionInfo) => void; submitText?: string; extraButton?: React.ReactNode }) {
  const [form] = Form.useForm<ChangeForm>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const change = async (v: ChangeForm) => {
    setSaving(true);
    setFailure(null);
    try {
      const s = await api('auth:changePassword', v);
      form.resetFields();
      onChanged(s);
    } catch (e) {
      setFailure(applyFieldErrors(form, e, FIELD_LABELS));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} layout="vertical" requiredMark={false} disabled={saving} onFinish={change}>
      {failure && <Alert type="error" showIcon title="密码未修改" description={failure} style={{ marginBottom: 16 }} />}
      <Form.Item name="current" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="next" label="新密码" extra="至少8个字符，须同时包含字母和数字" rules={[{ required: true, message: '请输入新密码' }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="nextAgain"
        label="再次输入新密码"
        dependencies={['next']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({ validator: async (_, value) => { if (value && value !== getFieldValue('next')) throw new Error('两次输入的新密码不一致'); } }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" block loading={saving}>
          {submitText}
        </Button>
        {extraButton}
      </Form.Item>
    </Form>
  );
}
