import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, InputNumber, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { UserAccount } from '../../../shared/channels/auth';
import { ROLE_LABELS } from '../../../shared/roles';
import { api, errorMessage } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useSession } from '../../auth/session';
import { SetupAdminCard } from './SetupAdminCard';
import { RoleGrantsCard } from './RoleGrantsCard';
import { ResetPasswordModal, UserFormModal } from './UserFormModal';
import { formatDateTime } from '../../../shared/dateText';

const time = (iso: string) => (iso ? formatDateTime(iso) : '');

/** 正常 / 已停用 / 锁定至 HH:mm, and whether the password set by the administrator is still to be changed. */
function StatusTags({ u }: { u: UserAccount }) {
  const lockedUntil = u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs()) ? dayjs(u.lockedUntil) : null;
  return (
    <Space size={4}>
      {u.disabled ? <Tag color="default">已停用</Tag> : lockedUntil ? <Tag color="orange">锁定至 {lockedUntil.format('HH:mm')}</Tag> : <Tag color="green">正常</Tag>}
      {u.mustChangePassword && !u.disabled && <Tag color="blue">待修改初始密码</Tag>}
    </Space>
  );
}

/** 系统 → 用户管理: the accounts (administrator), the idle lock; on a database without accounts, the first administrator. */
export function UsersPage() {
  const { session } = useSession();
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1200 }}>
      <div>
        <h1 className="page-title" style={{ marginBottom: 4 }}>
          用户管理
        </h1>
        <Typography.Text type="secondary">为干部科的每位工作人员设置账户和角色：登录后按角色使用相应功能，所有操作记入操作日志。</Typography.Text>
      </div>
      {session.accountsExist ? (
        <>
          <UserListCard />
          <RoleGrantsCard />
          <IdleSettingCard />
        </>
      ) : (
        <SetupAdminCard />
      )}
    </Flex>
  );
}

function UserListCard() {
  const { message } = App.useApp();
  const { session } = useSession();
  const users = useApi('user:list', {});
  const [editing, setEditing] = useState<UserAccount | null | 'new'>(null);
  const [resetting, setResetting] = useState<UserAccount | null>(null);

  return (
    <Card
      title="用户列表"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={users.reload} aria-label="刷新用户列表" />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新建用户
          </Button>
        </Space>
      }
    >
      {users.error && <Alert type="error" showIcon title="无法读取用户列表" description={users.error} action={<Button onClick={users.reload}>重试</Button>} style={{ marginBottom: 16 }} />}
      <Table<UserAccount>
        rowKey="username"
        size="middle"
        loading={users.loading}
        dataSource={users.data ?? []}
        pagination={false}
        locale={{ emptyText: users.error ? '未能读取' : '还没有用户' }}
        scroll={{ x: 900 }}
        columns={[
          {
            title: '用户名',
            dataIndex: 'username',
            render: (v: string) => (
              <Space size={4}>
                {v}
                {v === session.user?.username && <Tag>本人</Tag>}
              </Space>
            ),
          },
          { title: '姓名', dataIndex: 'name' },
          { title: '科室', dataIndex: 'dept', render: (v: string) => v || <Typography.Text type="secondary">—</Typography.Text> },
          { title: '角色', dataIndex: 'role', render: (r: UserAccount['role']) => ROLE_LABELS[r] },
          { title: '状态', key: 'status', width: 210, render: (_, u) => <StatusTags u={u} /> },
          { title: '上次登录', dataIndex: 'lastSignInAt', render: (v: string) => time(v) || <Typography.Text type="secondary">从未登录</Typography.Text> },
          {
            title: '操作',
            key: 'actions',
            width: 170,
            fixed: 'right',
            render: (_, u) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(u)}>
                  编辑
                </Button>
                <Button type="link" size="small" onClick={() => setResetting(u)}>
                  重置密码
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <UserFormModal
        open={editing !== null}
        user={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={(u, added) => {
          setEditing(null);
          message.success(added ? `已新建用户“${u.name}”（${ROLE_LABELS[u.role]}）：首次登录时须修改初始密码` : `已保存用户“${u.name}”`);
          users.reload();
        }}
      />
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={(u) => {
          setResetting(null);
          message.success(`已重置“${u.name}”的密码：下次登录时须修改`);
          users.reload();
        }}
      />
    </Card>
  );
}

/** 无操作自动锁定: the minutes after which the screen locks and the session ends (setting idleLockMinutes). */
function IdleSettingCard() {
  const { message } = App.useApp();
  const { reload, can } = useSession();
  const [minutes, setMinutes] = useState<number | null>(null);
  const [loadError, setLoadError] = useState<string>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    api('setting:get', {})
      .then((s) => live && setMinutes(s.idleLockMinutes))
      .catch((e) => live && setLoadError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, []);

  const save = async () => {
    if (minutes === null) return setError('请输入1到60之间的整数');
    setSaving(true);
    try {
      const s = await api('setting:set', { key: 'idleLockMinutes', value: minutes });
      setError(undefined);
      message.success(`已保存：无操作 ${s.idleLockMinutes} 分钟后自动锁定`);
      await reload();
    } catch (e) {
      setError(errorMessage(e).replace(/^设置值：/, ''));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="自动锁定">
      {loadError ? (
        <Alert type="error" showIcon title="无法读取设置" description={loadError} />
      ) : (
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">超过设定时间没有鼠标或键盘操作，屏幕自动锁定（未保存的内容保留），须输入密码才能继续使用。</Typography.Text>
          <Space align="start" wrap>
            <label htmlFor="idle-lock-minutes" style={{ lineHeight: '32px' }}>
              无操作自动锁定（分钟）
            </label>
            <Flex vertical>
              <InputNumber id="idle-lock-minutes" min={1} max={60} precision={0} value={minutes} onChange={(v) => (setMinutes(v), setError(undefined))} status={error ? 'error' : undefined} disabled={minutes === null && !error} style={{ width: 120 }} />
              {error && <Typography.Text type="danger">{error}</Typography.Text>}
            </Flex>
            <Button type="primary" onClick={save} loading={saving} disabled={!can('settings')}>
              保存
            </Button>
          </Space>
          <Typography.Text type="secondary">可设 1–60 分钟，默认 10 分钟。</Typography.Text>
        </Flex>
      )}
    </Card>
  );
}
