import './auth.css';
import { Layout } from 'antd';
import type { ReactNode } from 'react';

/** The app's red band above the screens shown instead of the app (登录, 修改密码, 已锁定). */
export function AuthFrame({ children, fixed = false }: { children: ReactNode; fixed?: boolean }) {
  return (
    <Layout className={fixed ? 'auth-cover' : undefined} style={{ height: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', background: '#b7202e', paddingInline: 24 }}>
        <span className="app-brand">挂职干部管理系统</span>
      </Layout.Header>
      <Layout.Content style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 24, overflow: 'auto' }}>{children}</Layout.Content>
    </Layout>
  );
}

export const AUTH_CARD_STYLE = { width: 420, maxWidth: '100%', boxShadow: '0 6px 24px rgba(0, 0, 0, 0.08)' } as const;
export const AUTH_CARD_BODY = { body: { padding: '32px 36px 24px' } } as const;
