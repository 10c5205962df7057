import { DownOutlined, KeyOutlined, LogoutOutlined, SwapOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS } from '../../shared/roles';
import { ChangePasswordForm } from './ChangePasswordForm';
import { useSession } from './session';

/** The header's 姓名（角色） with 修改密码, 切换用户 and 注销; nothing on a database without accounts. */
export function UserMenu() {
  const { session, signOut } = useSession();
  const { message } = App.useApp();
  const [changing, setChanging] = useState(false);
  const user = session.signedIn ? session.user : null;
  if (!user) return null;
  return (
    <>
      <Dropdown
        trigger={['click']}
        placement="bottomRight"
        menu={{
          items: [
            { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
            { key: 'switch', icon: <SwapOutlined />, label: '切换用户' },
            { type: 'divider' },
            { key: 'signOut', icon: <LogoutOutlined />, label: '注销', danger: true },
          ],
          onClick: ({ key }) => {
            if (key === 'password') setChanging(true);
            else if (key === 'switch') void signOut({ username: '' });
            else void signOut({ notice: '已注销' });
          },
        }}
      >
        <Button type="text" className="app-user-button" icon={<UserOutlined />} aria-label={`当前用户：${user.name}（${ROLE_LABELS[user.role]}）`}>
          {user.name}（{ROLE_LABELS[user.role]}）
          <DownOutlined style={{ fontSize: 11 }} />
        </Button>
      </Dropdown>
      <Modal title="修改密码" open={changing} onCancel={() => setChanging(false)} footer={null} destroyOnHidden width={420}>
        <Typography.Paragraph type="secondary">修改后，下次登录和解锁请使用新密码。</Typography.Paragraph>
        <ChangePasswordForm
          onChanged={() => {
            setChanging(false);
            message.success('密码已修改');
          }}
        />
      </Modal>
    </>
  );
}
