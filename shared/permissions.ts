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
  'demo:clear': 'import',
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
  'batch:alignPostings': 'edit',

  'posting:listByCadre': 'read',
  'posting:get': 'read',
  'posting:history': 'read',
  'posting:reminders': 'read',
  'posting:save': 'edit',
  'posting:changeStatus': 'edit',
  'posting:delete': 'edit',
  'posting:changeStatusMany': 'edit',

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
  'record:annualProposals': 'read',
  'record:acceptAnnualProposal': 'edit',
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

/**
 * The grants in code; an administrator may override them (role:setGrants), stored as one JSON row. Each list is in
 * the order of PERMISSION_LABELS, the order grants are stored and compared in (normalGrants).
 * 审核人（科长）: what the clerk may (查阅、打印与导出、编辑、导入、提交), plus 彻底删除、审核、归档、退回 and 操作日志.
 */
export const DEFAULT_GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: ['read', 'templates', 'settings', 'backup', 'restore', 'encryption', 'users', 'audit'],
  clerk: ['read', 'export', 'edit', 'import', 'submit'],
  reviewer: ['read', 'export', 'edit', 'import', 'purge', 'submit', 'review', 'archive', 'reopen', 'audit'],
  viewer: ['read', 'export'],
};

export type RoleGrants = Record<Role, Permission[]>;

/** What each grantable permission covers, in the words of the grants editor (系统 → 用户管理 → 角色权限). */
export const PERMISSION_HINTS: Readonly<Record<Exclude<Permission, 'public' | 'signedIn'>, string>> = {
  read: '查看干部档案、批次、挂职记录、考核记录、工作实绩和成长评价；归档核验',
  export: '打印Word表格，导出LRMX和Excel花名册（每次导出记入操作日志）',
  edit: '新建、修改干部档案、批次、挂职记录、考核记录、请销假、工作实绩和成长评价评分；移入回收站和恢复',
  import: '导入任免审批表（.lrmx）和Excel花名册',
  purge: '从回收站彻底删除档案（不可恢复）',
  submit: '提交考核记录和成长评价（提交后锁定）',
  review: '审核已提交的记录（须填写意见，不能审核本人提交的记录）',
  archive: '归档已审核的记录（归档后永久保存，不能再修改）',
  reopen: '将已提交或已审核的记录退回为草稿',
  templates: '新建、修改和启用成长评价指标模板',
  settings: '在岗率预警阈值、自动锁定时间等系统设置',
  backup: '立即备份、查看备份文件',
  restore: '用备份文件恢复全部数据',
  encryption: '启用数据加密、修改加密密码',
  users: '新建、停用账户，重置密码，调整角色权限',
  audit: '查看和导出操作日志',
};

/** How the editor groups the permissions. */
export const PERMISSION_GROUPS: readonly { label: string; permissions: readonly Permission[] }[] = [
  { label: '业务数据', permissions: ['read', 'export', 'edit', 'import', 'purge'] },
  { label: '审核流程', permissions: ['submit', 'review', 'archive', 'reopen'] },
  { label: '系统管理', permissions: ['templates', 'settings', 'backup', 'restore', 'encryption', 'users', 'audit'] },
];

/**
 * Grants no override may take away (the guard rails of role:setGrants): the administrator keeps account management,
 * so that somebody can always put the grants right again, and every role can at least read.
 */
export const FIXED_GRANTS: readonly { role: Role; permission: Permission; reason: string }[] = [
  { role: 'admin', permission: 'users', reason: `${ROLE_LABELS.admin}必须保留“${PERMISSION_LABELS.users}”权限，否则无人能再管理账号和权限` },
  ...ROLES.map((role) => ({ role, permission: 'read' as Permission, reason: `每个角色都须保留“${PERMISSION_LABELS.read}”权限：${ROLE_LABELS[role]}没有它就打不开任何页面` })),
];

/** The fixed grant of `role` × `permission`, if it is one. */
export const fixedGrant = (role: Role, permission: Permission) => FIXED_GRANTS.find((f) => f.role === role && f.permission === permission);

const permissionList = z.array(z.enum(GRANTABLE as [Permission, ...Permission[]], { error: `应为${GRANTABLE.join('、')}之一` })).max(GRANTABLE.length);

/** An override of the grants: every role listed with its permissions; the fixed grants (FIXED_GRANTS) kept. */
export const RoleGrantsSchema = z
  .object(Object.fromEntries(ROLES.map((r) => [r, permissionList])) as Record<Role, typeof permissionList>)
  .superRefine((g, ctx) => {
    for (const f of FIXED_GRANTS) if (!g[f.role].includes(f.permission)) ctx.addIssue({ code: 'custom', message: f.reason });
  });

/** The grants in GRANTABLE order without repeats (so that two equal grants compare equal). */
export function normalGrants(g: Readonly<Record<Role, readonly Permission[]>>): RoleGrants {
  return Object.fromEntries(ROLES.map((r) => [r, GRANTABLE.filter((p) => g[r]?.includes(p))])) as RoleGrants;
}

export function sameGrants(a: Readonly<Record<Role, readonly Permission[]>>, b: Readonly<Record<Role, readonly Permission[]>>): boolean {
  const x = normalGrants(a);
  const y = normalGrants(b);
  return ROLES.every((r) => x[r].join() === y[r].join());
}

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
