import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Form, Input, Row, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { applyFieldErrors } from '../../auth/fieldErrors';
import { useSession } from '../../auth/session';

interface SetupForm {
  username: string;
  name: string;
  dept: string;
  password: string;
  passwordAgain: string;
}

const FIELD_LABELS = { 用户名: 'username', 姓名: 'name', 科室: 'dept', 密码: 'password' } as const;

/** A database without accounts: anyone may use it until the first administrator is set up here (auth:setupAdmin). */
export function SetupAdminCard() {
  const { signOut } = useSession();
  const [form] = Form.useForm<SetupForm>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const setup = async (v: SetupForm) => {
    setSaving(true);
    setFailure(null);
    try {
      const r = await api('auth:setupAdmin', { username: v.username.trim(), name: v.name, dept: v.dept ?? '', password: v.password });
      // From now on everyone signs in; the administrator does so first, with the password just chosen.
      await signOut({ username: r.session.user?.username ?? v.username.trim(), notice: '管理员账户已设置：请用刚设置的密码登录' });
    } catch (e) {
      setFailure(applyFieldErrors(form, e, FIELD_LABELS));
      setSaving(false);
    }
  };

  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <SafetyOutlined style={{ color: '#b7202e' }} />
          设置管理员账户
        </Flex>
      }
      style={{ maxWidth: 880 }}
    >
      <Alert type="info" showIcon title="尚未设置账户：所有人都可使用本系统。设置管理员账户后，需登录才能使用。" style={{ marginBottom: 16 }} />
      <Typography.Paragraph type="secondary">
        管理员负责新建干部科经办人、审核人和查阅人员的账户，并管理备份、加密和系统设置。设置完成后将回到登录界面，请用刚设置的用户名和密码登录。
      </Typography.Paragraph>
      {failure && <Alert type="error" showIcon title="管理员账户未设置" description={failure} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark={false} disabled={saving} onFinish={setup} initialValues={{ dept: '干部科' }}>
        <Row gutter={32}>
          <Col xs={24} md={12}>
        <Form.Item name="username" label="用户名" extra="登录时使用，2–32个字符：字母、数字、_ . - 或汉字" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="dept" label="科室">
          <Input autoComplete="off" />
        </Form.Item>
          </Col>
          <Col xs={24} md={12}>
        <Form.Item name="password" label="密码" extra="至少8个字符，须同时包含字母和数字" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="passwordAgain"
          label="再次输入密码"
          dependencies={['password']}
          rules={[
            { required: true, message: '请再次输入密码' },
            ({ getFieldValue }) => ({
              validator: async (_, value) => {
                if (value && value !== getFieldValue('password')) throw new Error('两次输入的密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
          </Col>
        </Row>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" loading={saving}>
            设置管理员账户
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
