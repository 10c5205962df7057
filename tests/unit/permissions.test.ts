import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/contract';
import { CHANNEL_PERMISSIONS, DEFAULT_GRANTS, PERMISSIONS, RoleGrantsSchema, forbiddenMessage, roleHas } from '../../shared/permissions';
import { ROLES } from '../../shared/roles';
import { NewPasswordSchema, UsernameSchema } from '../../shared/channels/auth';

describe('permissions', () => {
  it('maps every contract channel to exactly one known permission, and nothing else', () => {
    for (const channel of CHANNELS) expect(PERMISSIONS, channel).toContain(CHANNEL_PERMISSIONS[channel]);
    expect(Object.keys(CHANNEL_PERMISSIONS).sort()).toEqual([...CHANNELS].sort());
  });

  it('default grants: viewer reads and exports only; admin does no business edits; reviewer = clerk + review/archive/reopen', () => {
    expect(DEFAULT_GRANTS.viewer).toEqual(['read', 'export']);
    expect(roleHas(DEFAULT_GRANTS, 'admin', 'edit')).toBe(false);
    for (const p of DEFAULT_GRANTS.clerk) expect(roleHas(DEFAULT_GRANTS, 'reviewer', p)).toBe(true);
    for (const p of ['review', 'archive', 'reopen'] as const) {
      expect(roleHas(DEFAULT_GRANTS, 'reviewer', p)).toBe(true);
      expect(roleHas(DEFAULT_GRANTS, 'clerk', p)).toBe(false);
    }
    for (const r of ROLES) expect(roleHas(DEFAULT_GRANTS, r, 'public')).toBe(true);
  });

  it('names the roles that hold a permission', () => {
    expect(forbiddenMessage(DEFAULT_GRANTS, 'review')).toBe('需要“审核人（科长）”权限：审核');
    expect(forbiddenMessage(DEFAULT_GRANTS, 'users')).toBe('需要“系统管理员”权限：账号与权限管理');
  });

  it('a grants override lists known permissions and keeps the administrator’s account management', () => {
    expect(RoleGrantsSchema.safeParse(DEFAULT_GRANTS).success).toBe(true);
    expect(RoleGrantsSchema.safeParse({ ...DEFAULT_GRANTS, viewer: ['fly'] }).success).toBe(false);
    expect(RoleGrantsSchema.safeParse({ ...DEFAULT_GRANTS, admin: ['read'] }).success).toBe(false);
  });

  it('usernames and passwords', () => {
    expect(UsernameSchema.safeParse('张三').success).toBe(true);
    expect(UsernameSchema.safeParse('li.ming_2').success).toBe(true);
    expect(UsernameSchema.safeParse('a').success).toBe(false);
    expect(UsernameSchema.safeParse('a b').success).toBe(false);
    expect(UsernameSchema.safeParse('x'.repeat(33)).success).toBe(false);
    expect(NewPasswordSchema.safeParse('abcd1234').success).toBe(true);
    expect(NewPasswordSchema.safeParse('abc123').error?.issues[0].message).toBe('至少8个字符');
    expect(NewPasswordSchema.safeParse('abcdefgh').error?.issues[0].message).toBe('须同时包含字母和数字');
  });
});
