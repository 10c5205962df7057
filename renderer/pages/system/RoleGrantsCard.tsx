import { ReloadOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Flex, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { DEFAULT_GRANTS, PERMISSION_GROUPS, PERMISSION_HINTS, PERMISSION_LABELS, fixedGrant, normalGrants, sameGrants, type Permission, type RoleGrants } from '../../../shared/permissions';
import { ROLES, ROLE_LABELS, type Role } from '../../../shared/roles';
import { api, errorMessage } from '../../api/client';
import { useSession } from '../../auth/session';
import './roleGrants.css';

interface Row {
  permission: Exclude<Permission, 'public' | 'signedIn'>;
  group: string;
  /** Rows of the group this row starts (0 for the others): the 类别 cell spans them. */
  span: number;
}

const ROWS: Row[] = PERMISSION_GROUPS.flatMap((g) => g.permissions.map((p, i) => ({ permission: p as Row['permission'], group: g.label, span: i === 0 ? g.permissions.length : 0 })));
const DEFAULTS = normalGrants(DEFAULT_GRANTS);

const differs = (g: RoleGrants, role: Role, p: Permission) => g[role].includes(p) !== DEFAULTS[role].includes(p);
const countDifferences = (g: RoleGrants) => ROLES.reduce((n, r) => n + ROWS.filter((row) => differs(g, r, row.permission)).length, 0);

/**
 * 角色权限 (系统 → 用户管理): which role holds which permission, as a table of checkboxes. 保存 stores an override
 * (role:setGrants), 恢复默认 drops it; cells that differ from the defaults are marked. The fixed grants (the
 * administrator's 账号与权限管理, everyone's 查阅) cannot be unticked — the service refuses them as well.
 */
export function RoleGrantsCard() {
  const { message } = App.useApp();
  const { reload, canCall } = useSession();
  const [stored, setStored] = useState<{ grants: RoleGrants; overridden: boolean } | null>(null);
  const [draft, setDraft] = useState<RoleGrants | null>(null);
  const [loadError, setLoadError] = useState<string>();
  const [saveError, setSaveError] = useState<string>();
  const [busy, setBusy] = useState<'save' | 'reset' | null>(null);
  const mayChange = canCall('role:setGrants');

  const load = async () => {
    setLoadError(undefined);
    try {
      const g = await api('role:grants', {});
      setStored(g);
      setDraft(normalGrants(g.grants));
    } catch (e) {
      setLoadError(errorMessage(e));
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const dirty = !!stored && !!draft && !sameGrants(stored.grants, draft);
  const differences = useMemo(() => (draft ? countDifferences(draft) : 0), [draft]);

  const toggle = (role: Role, p: Permission, on: boolean) => {
    setSaveError(undefined);
    setDraft((d) => d && normalGrants({ ...d, [role]: on ? [...d[role], p] : d[role].filter((x) => x !== p) }));
  };

  const store = async (grants: RoleGrants | null) => {
    setBusy(grants ? 'save' : 'reset');
    setSaveError(undefined);
    try {
      const g = await api('role:setGrants', { grants });
      setStored(g);
      setDraft(normalGrants(g.grants));
      message.success(grants ? '角色权限已保存，立即生效' : '已恢复默认的角色权限');
      // The signed-in administrator's own buttons follow at once; other people's screens on their next sign-in or refresh.
      await reload();
    } catch (e) {
      setSaveError(errorMessage(e).replace(/^权限：/, ''));
    } finally {
      setBusy(null);
    }
  };

  const cell = (role: Role, row: Row) => {
    const p = row.permission;
    const fixed = fixedGrant(role, p);
    const checked = draft![role].includes(p);
    const changed = differs(draft!, role, p);
    const box = (
      <Checkbox
        checked={checked}
        disabled={!!fixed || !mayChange || busy !== null}
        onChange={(e) => toggle(role, p, e.target.checked)}
        aria-label={`${ROLE_LABELS[role]}：${PERMISSION_LABELS[p]}`}
      />
    );
    const tip = fixed ? fixed.reason : changed ? `默认设置：${DEFAULTS[role].includes(p) ? '授予' : '不授予'}` : undefined;
    return tip ? <Tooltip title={tip}>{box}</Tooltip> : box;
  };

  const actions = mayChange && draft && (
    <>
      {dirty && (
        <Button icon={<UndoOutlined />} onClick={() => (setDraft(normalGrants(stored!.grants)), setSaveError(undefined))} disabled={busy !== null}>
          撤销修改
        </Button>
      )}
      <Popconfirm
        title="恢复默认的角色权限？"
        description="各角色的权限恢复为系统默认设置，此前的调整不再保留。"
        okText="恢复默认"
        cancelText="取消"
        onConfirm={() => store(null)}
        disabled={!stored?.overridden && !dirty}
      >
        <Button loading={busy === 'reset'} disabled={(!stored?.overridden && !dirty) || busy === 'save'}>
          恢复默认
        </Button>
      </Popconfirm>
      <Button type="primary" onClick={() => store(draft)} loading={busy === 'save'} disabled={!dirty || busy === 'reset'}>
        保存
      </Button>
    </>
  );

  return (
    <Card
      title="角色权限"
      className="role-grants"
      extra={
        <Space wrap>
          {stored && <Tag color={stored.overridden ? 'gold' : 'default'}>{stored.overridden ? '已调整' : '默认设置'}</Tag>}
          <Button icon={<ReloadOutlined />} onClick={load} aria-label="重新读取角色权限" disabled={busy !== null} />
        </Space>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          勾选各角色可以使用的功能。保存后立即生效：系统按新权限检查每一项操作；其他已登录人员的界面在刷新或重新登录后按新权限显示按钮。
          系统管理员始终保留“账号与权限管理”，每个角色都保留“查阅”。
        </Typography.Text>
        {loadError && <Alert type="error" showIcon title="无法读取角色权限" description={loadError} action={<Button onClick={load}>重试</Button>} />}
        {saveError && <Alert type="error" showIcon title="权限未保存" description={saveError} closable onClose={() => setSaveError(undefined)} />}
        <Table<Row>
          rowKey="permission"
          size="small"
          bordered
          loading={!draft && !loadError}
          dataSource={draft ? ROWS : []}
          pagination={false}
          scroll={{ x: 860 }}
          columns={[
            { title: '类别', dataIndex: 'group', width: 88, onCell: (r) => ({ rowSpan: r.span }), className: 'role-grants-group' },
            {
              title: '权限',
              key: 'permission',
              render: (_, r) => (
                <Flex vertical>
                  <Typography.Text strong>{PERMISSION_LABELS[r.permission]}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {PERMISSION_HINTS[r.permission]}
                  </Typography.Text>
                </Flex>
              ),
            },
            ...ROLES.map((role) => ({
              title: (
                <Flex vertical align="center">
                  <span>{ROLE_LABELS[role]}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
                    {draft ? `${draft[role].length} 项` : ''}
                  </Typography.Text>
                </Flex>
              ),
              key: role,
              width: 128,
              align: 'center' as const,
              onCell: (r: Row) => ({ className: draft && differs(draft, role, r.permission) ? 'role-grants-changed' : undefined }),
              render: (_: unknown, r: Row) => cell(role, r),
            })),
          ]}
        />
        {actions && (
          // Stays in sight at the bottom of the window while the table is scrolled.
          <Flex className="role-grants-bar" justify="space-between" align="center" wrap gap={8}>
            <Space size={8} wrap>
              {differences > 0 ? (
                <>
                  <span className="role-grants-legend" aria-hidden />
                  <Typography.Text type="secondary">{`底色标出与默认设置不同的 ${differences} 处`}</Typography.Text>
                </>
              ) : (
                <Typography.Text type="secondary">与默认设置相同</Typography.Text>
              )}
              {dirty && <Tag color="orange">有未保存的修改</Tag>}
            </Space>
            <Space>{actions}</Space>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
