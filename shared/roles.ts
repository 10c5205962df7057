import { z } from 'zod';

/** The four roles of the cadre section; an account has exactly one. */
export const ROLES = ['admin', 'clerk', 'reviewer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: '系统管理员',
  clerk: '干部科经办人',
  reviewer: '审核人（科长）',
  viewer: '查阅',
};

export const RoleSchema = z.enum(ROLES, { error: `应为${ROLES.map((r) => `${r}（${ROLE_LABELS[r]}）`).join('、')}之一` });
