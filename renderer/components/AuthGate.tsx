import { KeyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Result, Spin, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SessionInfo } from '../../shared/channels/auth';
import { ROLE_LABELS } from '../../shared/roles';
import { api, errorMessage } from '../api/client';
import { AUTH_CARD_BODY, AUTH_CARD_STYLE, AuthFrame } from '../auth/AuthFrame';
import { ChangePasswordForm } from '../auth/ChangePasswordForm';
import { SessionContext, UNAUTHENTICATED_EVENT, makeSessionValue } from '../auth/session';
import { SignInCard } from '../auth/SignInCard';
import { IdleLock, type LockReason } from './IdleLock';

type GateState = { kind: 'checking' } | { kind: 'error'; message: string } | { kind: 'ready'; session: SessionInfo };

/** What the sign-in screen starts with: the name to fill in and a line above the form. */
interface SignInPrompt {
  username: string;
  notice: string | null;
}

/**
 * Accounts: a database without them opens as always (nobody signs in). Once they exist, the sign-in screen comes
 * first, then a password set by the administrator must be changed; the signed-in app locks itself after the idle
 * minutes, or when a call says the session has ended, without unmounting what is underneath.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<GateState>({ kind: 'checking' });
  const [locked, setLocked] = useState<LockReason | null>(null);
  const [prompt, setPrompt] = useState<SignInPrompt>({ username: '', notice: null });
  const current = useRef<SessionInfo | null>(null);
  current.current = state.kind === 'ready' ? state.session : null;

  const load = useCallback(async (showChecking: boolean) => {
    if (showChecking) setState({ kind: 'checking' });
    try {
      const session = await api('auth:session', {});
      setState({ kind: 'ready', session });
    } catch (e) {
      setState({ kind: 'error', message: errorMessage(e) });
    }
  }, []);

  const reload = useCallback(() => load(false), [load]);

  const signOut = useCallback(
    async ({ username = current.current?.user?.username ?? '', notice = null }: { username?: string; notice?: string | null } = {}) => {
      try {
        await api('auth:signOut', {});
      } catch {
        // Already ended (timed out): the sign-in screen is what follows either way.
      }
      setLocked(null);
      setPrompt({ username, notice });
      await load(false);
    },
    [load],
  );

  const lock = useCallback((reason: LockReason = 'idle') => {
    setLocked((was) => was ?? reason);
    // The session ends on the server as well: nothing can be read with it while the screen is locked.
    void api('auth:signOut', {}).catch(() => undefined);
  }, []);

  useEffect(() => {
    void load(true);
    const onUnauthenticated = () => {
      const s = current.current;
      if (s?.signedIn && !s.mustChangePassword) setLocked((was) => was ?? 'expired');
      else void load(false);
    };
    window.addEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
  }, [load]);

  const session = state.kind === 'ready' ? state.session : null;
  const value = useMemo(() => session && makeSessionValue(session, { signOut, reload, lock: () => lock('idle') }), [session, signOut, reload, lock]);
  const signedIn = (s: SessionInfo) => {
    setLocked(null);
    setPrompt({ username: '', notice: null });
    setState({ kind: 'ready', session: s });
  };

  if (state.kind === 'checking')
    return (
      <AuthFrame>
        <Spin size="large" tip="正在检查登录状态…">
          <div style={{ width: 240, height: 120 }} />
        </Spin>
      </AuthFrame>
    );
  if (state.kind === 'error')
    return (
      <AuthFrame>
        <Card style={{ width: 520, maxWidth: '100%' }}>
          <Result status="error" title="无法检查登录状态" subTitle={state.message} extra={<Button type="primary" onClick={() => void load(true)}>重试</Button>} />
        </Card>
      </AuthFrame>
    );

  const s = state.session;
  if (s.accountsExist && !s.signedIn)
    return (
      <AuthFrame>
        <SignInCard key={`${prompt.username}|${prompt.notice}`} initialUsername={prompt.username} notice={prompt.notice} onSignedIn={signedIn} />
      </AuthFrame>
    );
  if (s.signedIn && s.mustChangePassword && s.user)
    return (
      <AuthFrame>
        <Card style={AUTH_CARD_STYLE} styles={AUTH_CARD_BODY}>
          <Flex vertical align="center" gap={6} style={{ marginBottom: 20 }}>
            <KeyOutlined style={{ fontSize: 36, color: '#b7202e' }} />
            <Typography.Title level={3} style={{ margin: '8px 0 0' }}>
              修改密码
            </Typography.Title>
            <Typography.Text strong>
              {s.user.name}（{ROLE_LABELS[s.user.role]}）
            </Typography.Text>
          </Flex>
          <Alert type="info" showIcon title="您的密码由系统管理员设置，须修改后才能使用本系统。" style={{ marginBottom: 16 }} />
          <ChangePasswordForm
            submitText="修改密码并进入系统"
            onChanged={signedIn}
            extraButton={
              <Button type="link" block style={{ marginTop: 8 }} onClick={() => void signOut({ username: '' })}>
                切换用户
              </Button>
            }
          />
        </Card>
      </AuthFrame>
    );

  return (
    <SessionContext.Provider value={value!}>
      {/* inert while locked: nothing underneath can be reached with the keyboard, and nothing is unmounted. */}
      <div inert={locked !== null} aria-hidden={locked !== null || undefined} style={{ height: '100%' }}>
        {children}
      </div>
      {s.signedIn && s.user && <IdleLock user={s.user} idleMinutes={s.idleMinutes} locked={locked} onLock={lock} onUnlocked={signedIn} onSwitchUser={() => void signOut({ username: '' })} />}
    </SessionContext.Provider>
  );
}
