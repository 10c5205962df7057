import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Layout, Result, Spin, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError, api, errorMessage } from '../api/client';
import { AUTH_CARD_BODY, AUTH_CARD_STYLE } from '../auth/AuthFrame';
import { usePasswordEntry } from '../auth/usePasswordEntry';

/** Sent by `api()` whenever a call answers LOCKED: the database is waiting for its password again. */
export const LOCKED_EVENT = 'cadre-desk:locked';

type GateState = { kind: 'checking' } | { kind: 'locked' } | { kind: 'open' } | { kind: 'error'; message: string };

/** The app's red band, the same as in AppShell, above the screens shown before the app. */
function GateFrame({ children }: { children: ReactNode }) {
  return (
    <Layout style={{ height: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', background: '#b7202e', paddingInline: 24 }}>
        <span className="app-brand">挂职干部管理系统</span>
      </Layout.Header>
      <Layout.Content style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 24, overflow: 'auto' }}>{children}</Layout.Content>
    </Layout>
  );
}

/**
 * Shows the app only once the database is open: while an encrypted database waits for its password, a full-window
 * unlock screen. Checks again whenever a call answers LOCKED (e.g. the database worker restarted).
 */
export function UnlockGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<GateState>({ kind: 'checking' });
  const inFlight = useRef(false);

  const check = useCallback(async (showChecking: boolean) => {
    if (inFlight.current) return;
    inFlight.current = true;
    if (showChecking) setState({ kind: 'checking' });
    try {
      const s = await api('security:status', {});
      setState(s.locked ? { kind: 'locked' } : { kind: 'open' });
    } catch (e) {
      // A worker that already locked again answers status (locked: true); LOCKED here would be odd, but means the same.
      if (e instanceof ApiError && e.code === 'LOCKED') setState({ kind: 'locked' });
      else setState({ kind: 'error', message: errorMessage(e) });
    } finally {
      inFlight.current = false;
    }
  }, []);

  useEffect(() => {
    void check(true);
    const onLocked = () => void check(false);
    window.addEventListener(LOCKED_EVENT, onLocked);
    return () => window.removeEventListener(LOCKED_EVENT, onLocked);
  }, [check]);

  switch (state.kind) {
    case 'open':
      return children;
    case 'checking':
      return (
        <GateFrame>
          <Spin size="large" tip="正在打开数据库…">
            <div style={{ width: 240, height: 120 }} />
          </Spin>
        </GateFrame>
      );
    case 'error':
      return (
        <GateFrame>
          <Card style={{ width: 520, maxWidth: '100%' }}>
            <Result
              status="error"
              title="无法连接数据库"
              subTitle={state.message}
              extra={
                <Button type="primary" onClick={() => void check(true)}>
                  重试
                </Button>
              }
            />
          </Card>
        </GateFrame>
      );
    case 'locked':
      return (
        <GateFrame>
          <UnlockCard onUnlocked={() => setState({ kind: 'open' })} />
        </GateFrame>
      );
  }
}

/** The password card of the unlock screen: Enter submits; a wrong password is said under the field, which is emptied. */
function UnlockCard({ onUnlocked }: { onUnlocked: () => void }) {
  const { form, busy, input, onFinish } = usePasswordEntry(async (password) => {
    const s = await api('security:unlock', { password });
    if (!s.locked) {
      onUnlocked();
      return null;
    }
    return '数据库仍未解锁，请重试';
  });

  return (
    <Card style={AUTH_CARD_STYLE} styles={AUTH_CARD_BODY}>
      <Flex vertical align="center" gap={6} style={{ marginBottom: 24 }}>
        <LockOutlined style={{ fontSize: 36, color: '#b7202e' }} />
        <Typography.Title level={3} style={{ margin: '8px 0 0' }}>
          数据库已加密
        </Typography.Title>
        <Typography.Text type="secondary">请输入数据库密码以打开干部档案</Typography.Text>
      </Flex>
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={busy}>
        <Form.Item name="password" label="数据库密码" rules={[{ required: true, message: '请输入数据库密码' }]}>
          <Input.Password ref={input} size="large" autoComplete="current-password" placeholder="请输入密码，按回车解锁" />
        </Form.Item>
        <Form.Item style={{ marginBottom: 16 }}>
          <Button type="primary" htmlType="submit" size="large" block icon={<UnlockOutlined />} loading={busy}>
            解锁
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12, textAlign: 'center' }}>
        忘记密码无法找回数据，请联系本单位保管密码的负责人
      </Typography.Paragraph>
    </Card>
  );
}
