import { LoginOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { SessionInfo } from '../../shared/channels/auth';
import { ApiError, api, errorMessage } from '../api/client';
import { AUTH_CARD_BODY, AUTH_CARD_STYLE } from './AuthFrame';

interface SignInForm {
  username: string;
  password: string;
}

/** A refusal that is about the account, not the password typed: shown as an alert above the form. */
const isAccountRefusal = (text: string) => /已停用|已锁定/.test(text);

/** 登录: 用户名 and 密码; Enter submits; a wrong password is said under the field, a locked or disabled account above. */
export function SignInCard({ initialUsername, notice, onSignedIn }: { initialUsername: string; notice: string | null; onSignedIn: (s: SessionInfo) => void }) {
  const [form] = Form.useForm<SignInForm>();
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const userRef = useRef<InputRef>(null);
  const passwordRef = useRef<InputRef>(null);

  useEffect(() => {
    if (busy) return;
    if (form.getFieldValue('username')) passwordRef.current?.focus();
    else userRef.current?.focus();
  }, [busy, form]);

  const signIn = async (v: SignInForm) => {
    setBusy(true);
    setAlert(null);
    try {
      const r = await api('auth:signIn', { username: v.username.trim(), password: v.password });
      onSignedIn(r.session);
    } catch (e) {
      const text = errorMessage(e);
      if (e instanceof ApiError && e.code === 'VALIDATION' && text.startsWith('用户名：')) form.setFields([{ name: 'username', errors: [text.slice(4)] }]);
      else if (e instanceof ApiError && e.code === 'FORBIDDEN' && !isAccountRefusal(text)) form.setFields([{ name: 'password', value: '', errors: [text] }]);
      else {
        form.setFieldValue('password', '');
        setAlert(text);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={AUTH_CARD_STYLE} styles={AUTH_CARD_BODY}>
      <Flex vertical align="center" gap={6} style={{ marginBottom: 24 }}>
        <UserOutlined style={{ fontSize: 36, color: '#b7202e' }} />
        <Typography.Title level={3} style={{ margin: '8px 0 0' }}>
          登录
        </Typography.Title>
        <Typography.Text type="secondary">请使用本人账户登录干部档案系统</Typography.Text>
      </Flex>
      {notice && <Alert type="success" showIcon title={notice} style={{ marginBottom: 16 }} />}
      {alert && <Alert type="error" showIcon title="无法登录" description={alert} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={signIn} requiredMark={false} disabled={busy} initialValues={{ username: initialUsername, password: '' }}>
        <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
          <Input ref={userRef} size="large" autoComplete="username" placeholder="请输入用户名" />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password ref={passwordRef} size="large" autoComplete="current-password" placeholder="请输入密码，按回车登录" />
        </Form.Item>
        <Form.Item style={{ marginBottom: 16 }}>
          <Button type="primary" htmlType="submit" size="large" block icon={<LoginOutlined />} loading={busy}>
            登录
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12, textAlign: 'center' }}>
        忘记密码请联系系统管理员重置；连续5次密码错误，账户将锁定15分钟
      </Typography.Paragraph>
    </Card>
  );
}
