import { Alert, App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { splitFieldErrors } from './securityErrors';

interface ChangeForm {
  current: string;
  next: string;
  nextAgain: string;
}

/** The field each refusal of security:changePassword starts with. */
const FIELD_LABELS = { 当前密码: 'current', 新密码: 'next', 再次输入新密码: 'nextAgain' } as const;

const BACKUP_NOTE = '此前的备份仍需用备份时的密码恢复';

/** 修改密码: the database and the evidence files are encrypted again with the new password. */
export function ChangePasswordCard() {
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangeForm>();
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const change = async (v: ChangeForm) => {
    setSaving(true);
    setFailure(null);
    setDone(false);
    try {
      await api('security:changePassword', v);
      form.resetFields();
      setDone(true);
      message.success('数据库密码已修改');
    } catch (e) {
      const { fields, rest } = splitFieldErrors(e, FIELD_LABELS);
      if (fields.length) form.setFields(fields);
      setFailure(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="修改密码">
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">
          修改后，数据库和佐证材料将用新密码重新加密，下次启动本系统请输入新密码。{BACKUP_NOTE}，请将新旧密码一并密封交本单位负责人保管。
        </Typography.Text>
        {done && (
          <Alert
            type="success"
            showIcon
            closable={{ onClose: () => setDone(false) }}
            title="数据库密码已修改"
            description={`数据库和佐证材料已用新密码重新加密。${BACKUP_NOTE}。`}
          />
        )}
        {failure && <Alert type="error" showIcon title="密码未修改" description={failure} closable={{ onClose: () => setFailure(null) }} />}
        <Form form={form} layout="vertical" requiredMark={false} disabled={saving} onFinish={change} style={{ maxWidth: 420 }}>
          <Form.Item name="current" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="next" label="新密码" extra="至少8个字符，须同时包含字母和数字" rules={[{ required: true, message: '请输入新密码' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="nextAgain" label="再次输入新密码" rules={[{ required: true, message: '请再次输入新密码' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 0 }}>
            <Button type="primary" htmlType="submit" loading={saving}>
              修改密码
            </Button>
          </Form.Item>
        </Form>
      </Flex>
    </Card>
  );
}
