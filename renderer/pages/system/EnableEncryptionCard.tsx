import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Flex, Form, Input, Popconfirm, Spin, Typography } from 'antd';
import { useState } from 'react';
import type { BackupInfo } from '../../../shared/backup';
import type { JobProgress } from '../../../shared/jobProgress';
import { api } from '../../api/client';
import { JobProgressBar } from './JobProgressBar';
import { splitFieldErrors } from './securityErrors';

export interface EnableResult {
  safetyBackup: BackupInfo;
  encryptedBackups: number;
}

interface EnableForm {
  password: string;
  passwordAgain: string;
  acknowledge: boolean;
}

/** The field each refusal of security:enable starts with. */
const FIELD_LABELS = { 数据库密码: 'password', 密码: 'password', 再次输入密码: 'passwordAgain', 确认: 'acknowledge' } as const;

/** 启用加密: the warning first, then the password twice, the tick, and a confirmation. */
export function EnableEncryptionCard({ onEnabled }: { onEnabled: (r: EnableResult) => void }) {
  const [form] = Form.useForm<EnableForm>();
  const acknowledged = Form.useWatch('acknowledge', form) === true;
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const enable = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const v = form.getFieldsValue(true) as EnableForm;
    setRunning(true);
    setFailure(null);
    setProgress(null);
    try {
      const r = await api('security:enable', { password: v.password, passwordAgain: v.passwordAgain, acknowledge: true }, { onProgress: setProgress });
      form.resetFields();
      onEnabled(r);
    } catch (e) {
      const { fields, rest } = splitFieldErrors(e, FIELD_LABELS);
      if (fields.length) form.setFields(fields);
      setFailure(rest);
    } finally {
      setRunning(false);
      setProgress(null);
    }
  };

  return (
    <Card title="启用加密">
      <Flex vertical gap={16}>
        <Alert
          type="error"
          showIcon
          title={<strong>忘记密码将无法恢复任何数据</strong>}
          description="本系统不保存密码，也没有任何找回办法：密码一旦遗忘，数据库、佐证材料和全部备份都将无法打开。请将密码写在纸上密封，交本单位负责人保管。"
        />
        <Form form={form} layout="vertical" requiredMark={false} disabled={running} style={{ maxWidth: 420 }} initialValues={{ acknowledge: false }}>
          <Form.Item name="password" label="数据库密码" extra="至少8个字符，须同时包含字母和数字" rules={[{ required: true, message: '请输入数据库密码' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="passwordAgain" label="再次输入密码" rules={[{ required: true, message: '请再次输入密码' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="acknowledge" valuePropName="checked" style={{ marginBottom: 16 }}>
            <Checkbox>我已知晓：忘记密码将无法恢复数据</Checkbox>
          </Form.Item>
          <Form.Item style={{ marginBottom: 0 }}>
            <Popconfirm
              title="确认启用数据加密？"
              description={
                <div style={{ maxWidth: 300 }}>
                  启用后每次打开本系统都要输入这个密码；忘记密码将无法恢复任何数据。
                </div>
              }
              okText="启用加密"
              cancelText="取消"
              okButtonProps={{ danger: true }}
              // Closes at once: the card shows the progress of the (long) job.
              onConfirm={() => void enable()}
              disabled={!acknowledged || running}
            >
              <Button type="primary" danger icon={<LockOutlined />} disabled={!acknowledged} loading={running}>
                启用加密
              </Button>
            </Popconfirm>
            {!acknowledged && !running && (
              <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
                请先勾选上面的确认项
              </Typography.Text>
            )}
          </Form.Item>
        </Form>
        {running && (
          <Alert
            type="info"
            title={
              <Flex gap={12} align="center">
                <Spin size="small" />
                <span>正在加密，请勿关闭本系统……</span>
              </Flex>
            }
            description={
              <Flex vertical gap={8}>
                <span>先备份当前数据（备份本身也加密），再加密此前的备份、数据库和佐证材料；数据较多时可能需要几分钟。</span>
                {progress && <JobProgressBar progress={progress} />}
              </Flex>
            }
          />
        )}
        {failure && <Alert type="error" showIcon title="未能启用加密" description={failure} closable={{ onClose: () => setFailure(null) }} />}
      </Flex>
    </Card>
  );
}
