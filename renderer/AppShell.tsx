import { ApartmentOutlined, CloudServerOutlined, DeleteOutlined, FileSearchOutlined, HomeOutlined, ImportOutlined, LockOutlined, RiseOutlined, SafetyCertificateOutlined, SettingOutlined, TeamOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Layout, Menu, type MenuProps } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import type { Permission } from '../shared/permissions';
import { useSession } from './auth/session';
import { UserMenu } from './auth/UserMenu';
import { HomePage } from './pages/HomePage';
import { ImportPage } from './pages/import/ImportPage';
import { BatchDetailPage } from './pages/batches/BatchDetailPage';
import { BatchListPage } from './pages/batches/BatchListPage';
import { CadreDetailPage } from './pages/cadres/CadreDetailPage';
import { CadreEditPage } from './pages/cadres/CadreEditPage';
import { CadreListPage } from './pages/cadres/CadreListPage';
import { PostingPage } from './pages/postings/PostingPage';
import { EvaluationPage } from './pages/growth/EvaluationPage';
import { TemplatesPage } from './pages/growth/TemplatesPage';
import { RecycleBinPage } from './pages/cadres/RecycleBinPage';
import { BackupPage } from './pages/system/BackupPage';
import { VerifyPage } from './pages/system/VerifyPage';
import { EncryptionPage } from './pages/system/EncryptionPage';
import { AuditLogPage } from './pages/system/AuditLogPage';
import { UsersPage } from './pages/system/UsersPage';
import { UnsavedChangesGuard } from './lib/unsavedChanges';

interface NavItem {
  key: string;
  icon: ReactNode;
  label: string;
  /** Hidden from a signed-in role without it (the service refuses the page's calls anyway). */
  permission?: Permission;
}

/** The side navigation: one entry per area of work. */
const NAV: NavItem[] = [
  { key: '/', icon: <HomeOutlined />, label: '首页' },
  { key: '/cadres', icon: <TeamOutlined />, label: '干部档案' },
  { key: '/batches', icon: <ApartmentOutlined />, label: '批次管理' },
  { key: '/growth/templates', icon: <RiseOutlined />, label: '评价模板' },
  { key: '/import', icon: <ImportOutlined />, label: '导入', permission: 'import' },
  { key: '/recycle', icon: <DeleteOutlined />, label: '回收站' },
];

/** 系统: keeping the data safe. */
const SYSTEM_NAV: NavItem[] = [
  { key: '/system/backup', icon: <CloudServerOutlined />, label: '数据备份', permission: 'backup' },
  { key: '/system/verify', icon: <SafetyCertificateOutlined />, label: '归档核验' },
  { key: '/system/encryption', icon: <LockOutlined />, label: '数据加密', permission: 'encryption' },
  { key: '/system/audit', icon: <FileSearchOutlined />, label: '操作日志', permission: 'audit' },
  { key: '/system/users', icon: <UserSwitchOutlined />, label: '用户管理', permission: 'users' },
];
const SYSTEM_KEY = 'system';

/** The menu a role sees: entries it has no permission for are left out (all of them without accounts). */
function menuItems(can: (p: Permission) => boolean): MenuProps['items'] {
  const shown = (n: NavItem) => !n.permission || can(n.permission);
  const item = (n: NavItem) => ({ key: n.key, icon: n.icon, label: n.label });
  const system = SYSTEM_NAV.filter(shown).map(item);
  return [...NAV.filter(shown).map(item), ...(system.length ? [{ key: SYSTEM_KEY, icon: <SettingOutlined />, label: '系统', children: system }] : [])];
}

function selectedKey(pathname: string): string {
  // A posting's page and an evaluation belong to the cadre files they are part of.
  if (pathname.startsWith('/postings') || (pathname.startsWith('/growth/') && !pathname.startsWith('/growth/templates'))) return '/cadres';
  const match = [...NAV, ...SYSTEM_NAV].filter((n) => n.key !== '/' && pathname.startsWith(n.key)).sort((a, b) => b.key.length - a.key.length)[0];
  return match?.key ?? '/';
}

export function AppShell() {
  const navigate = useNavigate();
  const location = useLocation();
  const { can } = useSession();
  const items = useMemo(() => menuItems(can), [can]);
  return (
    <Layout style={{ height: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', background: '#b7202e', paddingInline: 24 }}>
        <span className="app-brand">挂职干部管理系统</span>
        <span style={{ flex: 1 }} />
        <UserMenu />
      </Layout.Header>
      <Layout>
        <Layout.Sider width={180} theme="light" breakpoint="lg" collapsedWidth={56}>
          <Menu
            mode="inline"
            selectedKeys={[selectedKey(location.pathname)]}
            defaultOpenKeys={[SYSTEM_KEY]}
            items={items}
            onClick={(e) => navigate(e.key)}
            style={{ height: '100%', borderInlineEnd: 0 }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, overflow: 'auto' }}>
          <UnsavedChangesGuard />
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/cadres" element={<CadreListPage />} />
            <Route path="/cadres/new" element={<CadreEditPage />} />
            <Route path="/cadres/:id" element={<CadreDetailPage />} />
            <Route path="/cadres/:id/edit" element={<CadreEditPage />} />
            <Route path="/batches" element={<BatchListPage />} />
            <Route path="/batches/:id" element={<BatchDetailPage />} />
            <Route path="/postings/:id" element={<PostingPage />} />
            <Route path="/growth/templates" element={<TemplatesPage />} />
            <Route path="/growth/:id" element={<EvaluationPage />} />
            <Route path="/import" element={<ImportPage />} />
            <Route path="/recycle" element={<RecycleBinPage />} />
            <Route path="/system/backup" element={<BackupPage />} />
            <Route path="/system/verify" element={<VerifyPage />} />
            <Route path="/system/encryption" element={<EncryptionPage />} />
            <Route path="/system/audit" element={<AuditLogPage />} />
            <Route path="/system/users" element={<UsersPage />} />
            <Route path="*" element={<HomePage />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
