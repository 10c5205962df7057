import { z } from 'zod';
import type { Channel } from './contract';
import { ROLES, ROLE_LABELS, type Role } from './roles';
import type { WorkflowAction } from './workflow';

/**
 * Who may do what. Every contract channel needs exactly one permission (CHANNEL_PERMISSIONS); a workflow
 * transition needs, besides its channel's, the permission of its action. Checked in one place, `dispatch`, and only
 * once the database has accounts (before that, everything works as it always did).
 */
export const PERMISSION_LABELS = {
  /** Answered without signing in (the sign-in screen, the first-run administrator, the database unlock). */
  public: '无需登录',
  /** Any signed-in user (sign out, change one's own password). */
  signedIn: '已登录',
  read: '查阅',
  /** Print and export (Word, LRMX, Excel): recorded in the audit log. */
  export: '打印与导出',
  edit: '编辑业务数据',
  import: '导入',
  purge: '彻底删除',
  submit: '提交',
  review: '审核',
  archive: '归档',
  reopen: '退回为草稿',
  templates: '成长评价模板',
  settings: '系统设置',
  backup: '备份',
  restore: '恢复',
  encryption: '数据加密',
  users: '账号与权限管理',
  audit: '操作日志',
} as const;
export type Permission = keyof typeof PERMISSION_LABELS;
export const PERMISSIONS = Object.keys(PERMISSION_LABELS) as Permission[];
/** Permissions a role can be granted or refused (public and signedIn are everyone's). */
export const GRANTABLE = PERMISSIONS.filter((p) => p !== 'public' && p !== 'signedIn');

/** The one table: each channel → the permission it needs. A channel missing here fails tests/unit/permissions.test.ts. */
export const CHANNEL_PERMISSIONS: Readonly<Record<Channel, Permission>> = {
  'app:info': 'public',
  'auth:signIn': 'public',
  'auth:session': 'public',
  'auth:setupAdmin': 'public',
  'auth:signOut': 'signedIn',
  'auth:changePassword': 'signedIn',
  'role:grants': 'signedIn',
  'role:setGrants': 'users',
  'user:list': 'users',
  'user:add': 'users',
  'user:update': 'users',
  'user:resetPassword': 'users',
  'security:status': 'public',
  'security:unlock': 'public',
  'security:enable': 'encryption',
  'security:changePassword': 'encryption',
  'setting:get': 'read',
  'setting:set': 'settings',
  'backup:list': 'backup',
  'backup:now': 'backup',
  'backup:preview': 'restore',
  'backup:restore': 'restore',
  'demo:load': 'import',
  'archive:verify': 'read',
  'audit:list': 'audit',
  'audit:options': 'audit',
  'audit:export': 'audit',

  'cadre:list': 'read',
  'cadre:get': 'read',
  'cadre:history': 'read',
  'cadre:save': 'edit',
  'cadre:delete': 'edit',
  'cadre:restore': 'edit',
  'cadre:purge': 'purge',
  'cadre:photo:get': 'read',
  'cadre:photo:set': 'edit',

  'batch:list': 'read',
  'batch:get': 'read',
  'batch:history': 'read',
  'batch:save': 'edit',
  'batch:delete': 'edit',
  'batch:addMembers': 'edit',
  'batch:removeMember': 'edit',
  'batch:saveSubGroups': 'edit',
  'batch:savePartyBranch': 'edit',
  'batch:saveThemes': 'edit',
  'batch:saveMeeting': 'edit',
  'batch:deleteMeeting': 'edit',

  'posting:listByCadre': 'read',
  'posting:get': 'read',
  'posting:history': 'read',
  'posting:reminders': 'read',
  'posting:save': 'edit',
  'posting:changeStatus': 'edit',
  'posting:delete': 'edit',

  'record:listByPosting': 'read',
  'record:get': 'read',
  'record:history': 'read',
  'record:saveMonthly': 'edit',
  'record:saveQuarterly': 'edit',
  'record:saveTalk': 'edit',
  'record:saveAnnual': 'edit',
  'record:saveTerm': 'edit',
  'record:saveNote': 'edit',
  'record:delete': 'edit',
  // The action's own permission (ACTION_PERMISSIONS) is checked as well.
  'record:transition': 'read',
  'assessment:batchCompletion': 'read',

  'leave:listByPosting': 'read',
  'leave:history': 'read',
  'leave:save': 'edit',
  'leave:delete': 'edit',
  'onpost:summary': 'read',
  'onpost:warnings': 'read',

  'ledger:list': 'read',
  'ledger:totals': 'read',
  'ledger:get': 'read',
  'ledger:history': 'read',
  'ledger:save': 'edit',
  'ledger:delete': 'edit',
  'evidence:add': 'edit',
  'evidence:remove': 'edit',
  'evidence:path': 'read',
  'evidence:get': 'read',
  'desktop:openEvidence': 'read',

  'document:renmian': 'export',
  'document:roster': 'export',
  'document:appraisal': 'export',
  'document:growth': 'export',
  'document:summary': 'export',
  'document:batchMember': 'export',
  'lrmx:preview': 'import',
  'lrmx:import': 'import',
  'lrmx:export': 'export',
  'roster:preview': 'import',
  'roster:import': 'import',
  'roster:export': 'export',
  'roster:template': 'read',

  'growth:templateList': 'read',
  'growth:templateGet': 'read',
  'growth:templateActive': 'read',
  'growth:templateHistory': 'read',
  'growth:templateSave': 'templates',
  'growth:templateActivate': 'templates',
  'growth:templateDelete': 'templates',
  'growth:listByPosting': 'read',
  'growth:get': 'read',
  'growth:history': 'read',
  'growth:evidenceCandidates': 'read',
  'growth:preview': 'read',
  'growth:trajectory': 'read',
  'growth:batchOverview': 'read',
  'growth:save': 'edit',
  'growth:saveRater': 'edit',
  'growth:delete': 'edit',
  'growth:transition': 'read',
};

/** Channels whose input carries a workflow `action`, each action needing its own permission. */
export const TRANSITION_CHANNELS: readonly Channel[] = ['record:transition', 'growth:transition'];
export const ACTION_PERMISSIONS: Readonly<Record<WorkflowAction, Permission>> = { submit: 'submit', review: 'review', archive: 'archive', reopen: 'reopen' };

const CLERK: Permission[] = ['read', 'export', 'edit', 'import', 'submit'];

/** The grants in code; an administrator may override them (role:setGrants), stored as one JSON row. */
export const DEFAULT_GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: ['read', 'templates', 'settings', 'backup', 'restore', 'encryption', 'users', 'audit'],
  clerk: CLERK,
  reviewer: [...CLERK, 'review', 'archive', 'reopen', 'purge', 'audit'],
  viewer: ['read', 'export'],
};

export type RoleGrants = Record<Role, Permission[]>;

const permissionList = z.array(z.enum(GRANTABLE as [Permission, ...Permission[]], { error: `应为${GRANTABLE.join('、')}之一` })).max(GRANTABLE.length);

/** An override of the grants: every role listed with its permissions; the administrator keeps 账号与权限管理. */
export const RoleGrantsSchema = z
  .object(Object.fromEntries(ROLES.map((r) => [r, permissionList])) as Record<Role, typeof permissionList>)
  .refine((g) => g.admin.includes('users'), { path: ['admin'], message: `${ROLE_LABELS.admin}必须保留“${PERMISSION_LABELS.users}”权限，否则无人能再管理账号` });

/** Whether `role` holds `permission` under `grants`. */
export function roleHas(grants: Readonly<Record<Role, readonly Permission[]>>, role: Role, permission: Permission): boolean {
  if (permission === 'public' || permission === 'signedIn') return true;
  return grants[role]?.includes(permission) ?? false;
}

/** "需要“审核人（科长）”权限：审核" — names the roles that hold the permission under these grants. */
export function forbiddenMessage(grants: Readonly<Record<Role, readonly Permission[]>>, permission: Permission): string {
  const holders = ROLES.filter((r) => roleHas(grants, r, permission)).map((r) => `“${ROLE_LABELS[r]}”`);
  const label = PERMISSION_LABELS[permission];
  return holders.length ? `需要${holders.join('或')}权限：${label}` : `没有任何角色被授予此权限：${label}`;
}
