import { Alert, Form, Input, Modal, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { UserAccount } from '../../../shared/channels/auth';
import { ROLES, ROLE_LABELS, type Role } from '../../../shared/roles';
import { api } from '../../api/client';
import { applyFieldErrors } from '../../auth/fieldErrors';

/** The label each refusal of user:add / user:update / user:resetPassword starts with → the form field. */
const FIELD_LABELS = { 用户名: 'username', 姓名: 'name', 科室: 'dept', 角色: 'role', 密码: 'password' } as const;

export const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** What each role may do, in a line under the select. */
export const ROLE_HINTS: Readonly<Record<Role, string>> = {
  admin: '管理账户、备份恢复、数据加密和系统设置；可查阅业务数据',
  clerk: '录入和修改干部档案、考核记录，导入导出，提交考核',
  reviewer: '经办人的全部权限，另可审核、归档、退回考核记录',
  viewer: '只能查阅和打印导出，不能修改',
};

interface UserForm {
  username: string;
  name: string;
  dept: string;
  role: Role;
  password: string;
  passwordAgain: string;
  disabled: boolean;
}

const samePassword = ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
  validator: async (_: unknown, value: string) => {
    if (value && value !== getFieldValue('password')) throw new Error('两次输入的密码不一致');
  },
});

/** 新建用户 (user = null) or 编辑 an account's 姓名/科室/角色/停用. */
export function UserFormModal({ open, user, onClose, onSaved }: { open: boolean; user: UserAccount | null; onClose: () => void; onSaved: (u: UserAccount, added: boolean) => void }) {
  const [form] = Form.useForm<UserForm>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const role = Form.useWatch('role', form);

  useEffect(() => {
    if (!open) return;
    setFailure(null);
    form.resetFields();
    if (user) form.setFieldsValue({ username: user.username, name: user.name, dept: user.dept, role: user.role, disabled: user.disabled });
  }, [open, user, form]);

  const save = async () => {
    let v: UserForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      const saved = user
        ? await api('user:update', { username: user.username, name: v.name, dept: v.dept ?? '', role: v.role, disabled: v.disabled })
        : await api('user:add', { username: v.username.trim(), name: v.name, dept: v.dept ?? '', role: v.role, password: v.password });
      onSaved(saved, !user);
    } catch (e) {
      setFailure(applyFieldErrors(form, e, FIELD_LABELS));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal title={user ? `编辑用户：${user.username}` : '新建用户'} open={open} onCancel={onClose} onOk={save} okText={user ? '保存' : '创建用户'} cancelText="取消" confirmLoading={saving} destroyOnHidden width={480}>
      {failure && <Alert type="error" showIcon title={user ? '未保存' : '未创建'} description={failure} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark={false} disabled={saving} initialValues={{ role: 'clerk', dept: '', disabled: false }}>
        <Form.Item name="username" label="用户名" extra={user ? '用户名创建后不能修改' : '登录时使用，2–32个字符：字母、数字、_ . - 或汉字'} rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
          <Input disabled={!!user} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="dept" label="科室">
          <Input placeholder="如：干部科" autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label="角色" extra={role ? ROLE_HINTS[role] : undefined} rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={ROLE_OPTIONS} />
        </Form.Item>
        {user ? (
          <Form.Item name="disabled" label="停用" valuePropName="checked" extra="停用后该账户不能登录，已登录的会话立即结束">
            <Switch checkedChildren="已停用" unCheckedChildren="正常" />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="password" label="初始密码" extra="至少8个字符，须同时包含字母和数字" rules={[{ required: true, message: '请输入初始密码' }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item name="passwordAgain" label="再次输入初始密码" dependencies={['password']} rules={[{ required: true, message: '请再次输入初始密码' }, samePassword]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Typography.Text type="secondary">请将初始密码当面告知本人；首次登录时须修改为自己的密码。</Typography.Text>
          </>
        )}
      </Form>
    </Modal>
  );
}

/** 重置密码: a password the user must change at the next sign-in; also lifts a lock. */
export function ResetPasswordModal({ user, onClose, onDone }: { user: UserAccount | null; onClose: () => void; onDone: (u: UserAccount) => void }) {
  const [form] = Form.useForm<{ password: string; passwordAgain: string }>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (user) {
      form.resetFields();
      setFailure(null);
    }
  }, [user, form]);

  const save = async () => {
    let v: { password: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (!user) return;
    setSaving(true);
    setFailure(null);
    try {
      onDone(await api('user:resetPassword', { username: user.username, password: v.password }));
    } catch (e) {
      setFailure(applyFieldErrors(form, e, FIELD_LABELS));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal title={user ? `重置密码：${user.name}（${user.username}）` : '重置密码'} open={!!user} onCancel={onClose} onOk={save} okText="重置密码" cancelText="取消" confirmLoading={saving} destroyOnHidden width={440}>
      <Typography.Paragraph type="secondary">该用户下次登录时须修改此密码；如账户因密码错误被锁定，将同时解除锁定。</Typography.Paragraph>
      {failure && <Alert type="error" showIcon title="密码未重置" description={failure} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark={false} disabled={saving}>
        <Form.Item name="password" label="新密码" extra="至少8个字符，须同时包含字母和数字" rules={[{ required: true, message: '请输入新密码' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="passwordAgain" label="再次输入新密码" dependencies={['password']} rules={[{ required: true, message: '请再次输入新密码' }, samePassword]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
