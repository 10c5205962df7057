import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import type { SessionInfo, UserAccount } from '../../shared/channels/auth';
import { ROLE_LABELS } from '../../shared/roles';
import { api } from '../api/client';
import { AUTH_CARD_BODY, AUTH_CARD_STYLE, AuthFrame } from '../auth/AuthFrame';
import { usePasswordEntry } from '../auth/usePasswordEntry';

export type LockReason = 'idle' | 'expired';

/** Input that counts as someone being at the desk. */
const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;
/** How often the idle time is looked at. */
const CHECK_EVERY_MS = 15_000;
/** While someone works without calling the service (typing a long text), the session is kept alive this often. */
const KEEP_ALIVE_MS = 60_000;

/**
 * Locks the screen after `idleMinutes` without mouse or keyboard input. The cover lies over the app, which stays
 * mounted underneath (what was typed and not saved is kept); the password signs in again and lifts it.
 */
export function IdleLock({ user, idleMinutes, locked, onLock, onUnlocked, onSwitchUser }: { user: UserAccount; idleMinutes: number; locked: LockReason | null; onLock: (reason: LockReason) => void; onUnlocked: (s: SessionInfo) => void; onSwitchUser: () => void }) {
  const lastInput = useRef(Date.now());
  const lastKeepAlive = useRef(Date.now());

  useEffect(() => {
    if (locked) return;
    lastInput.current = Date.now();
    const onInput = () => {
      const now = Date.now();
      lastInput.current = now;
      if (now - lastKeepAlive.current > KEEP_ALIVE_MS) {
        lastKeepAlive.current = now;
        // auth:session extends the server-side session; an ended one is noticed by the next real call.
        void api('auth:session', {}).then((s) => !s.signedIn && onLock('expired'), () => undefined);
      }
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onInput, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - lastInput.current >= idleMinutes * 60_000) onLock('idle');
    }, CHECK_EVERY_MS);
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onInput, { capture: true });
      window.clearInterval(timer);
    };
  }, [locked, idleMinutes, onLock]);

  if (!locked) return null;
  return (
    <div className="idle-lock" role="dialog" aria-modal="true" aria-label="已锁定">
      <AuthFrame>
        <LockCard user={user} reason={locked} idleMinutes={idleMinutes} onUnlocked={onUnlocked} onSwitchUser={onSwitchUser} />
      </AuthFrame>
    </div>
  );
}

function LockCard({ user, reason, idleMinutes, onUnlocked, onSwitchUser }: { user: UserAccount; reason: LockReason; idleMinutes: number; onUnlocked: (s: SessionInfo) => void; onSwitchUser: () => void }) {
  const { form, busy, input, onFinish } = usePasswordEntry(async (password) => {
    onUnlocked((await api('auth:signIn', { username: user.username, password })).session);
    return null;
  });

  return (
    <Card style={AUTH_CARD_STYLE} styles={AUTH_CARD_BODY}>
      <Flex vertical align="center" gap={6} style={{ marginBottom: 24 }}>
        <LockOutlined style={{ fontSize: 36, color: '#b7202e' }} />
        <Typography.Title level={3} style={{ margin: '8px 0 0' }}>
          已锁定
        </Typography.Title>
        <Typography.Text strong>
          {user.name}（{ROLE_LABELS[user.role]}）
        </Typography.Text>
        <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
          {reason === 'idle' ? `超过 ${idleMinutes} 分钟无操作，已自动锁定。` : '登录已超时，已自动锁定。'}
          <br />
          未保存的内容仍保留，输入密码即可继续。
        </Typography.Text>
      </Flex>
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={busy}>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password ref={input} size="large" autoComplete="current-password" placeholder="请输入密码，按回车解锁" />
        </Form.Item>
        <Form.Item style={{ marginBottom: 8 }}>
          <Button type="primary" htmlType="submit" size="large" block icon={<UnlockOutlined />} loading={busy}>
            解锁
          </Button>
        </Form.Item>
      </Form>
      <Flex justify="center">
        <Button type="link" onClick={onSwitchUser} disabled={busy}>
          切换用户
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12, textAlign: 'center' }}>
        切换用户将退出当前账户，未保存的内容不再保留
      </Typography.Paragraph>
    </Card>
  );
}
