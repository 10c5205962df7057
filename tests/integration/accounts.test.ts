import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import { createHandlers, type Handlers } from '../../electron/api/handlers';
import { accessFor, type Access } from '../../electron/auth/Access';
import { demoCadres } from '../../electron/demo/demoCadres';
import type { AppServices } from '../../electron/services/AppServices';
import { tempServices, testCtx } from '../helpers/tempServices';

let s: AppServices;
let cleanup: () => Promise<void>;
let h: Handlers;
let access: Access;

const call = (channel: string, input: unknown = {}, sessionToken?: string) => dispatch(h, channel, input, { actor: 'os-user', mode: 'browser', sessionToken }, { error: () => undefined });

beforeEach(async () => {
  ({ s, cleanup } = await tempServices());
  h = createHandlers(s);
  access = accessFor(s);
});
afterEach(() => cleanup());

describe('a database without accounts', () => {
  it('works as before: no sign-in, the host’s actor writes, review needs no opinion and the submitter may review', async () => {
    expect(await call('auth:session')).toMatchObject({ ok: true, result: { accountsExist: false, signedIn: false } });
    const saved = await call('cadre:save', { data: demoCadres()[0] });
    expect(saved.ok).toBe(true);
    const id = (saved as { result: { id: number } }).result.id;
    expect((await s.audit.history('cadre', id))[0]).toMatchObject({ actor: 'os-user' });
    expect((await call('document:renmian', { cadreId: id })).ok).toBe(true);
    expect(await s.audit.history('export', 'document:renmian')).toEqual([]);
    expect(await call('user:list')).toEqual({ ok: true, result: [] });
  });
});

describe('accounts', () => {
  beforeEach(async () => {
    await access.accounts.createFirstAdmin(testCtx, { username: 'root', name: '王管理', dept: '干部科', password: 'Admin1234' });
  });

  it('createFirstAdmin only once; passwords are hashed with a salt, never stored as given', async () => {
    await expect(access.accounts.createFirstAdmin(testCtx, { username: 'x2', name: '二', password: 'Admin1234' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await access.accounts.add(testCtx, { username: 'a1', name: '甲', role: 'clerk', password: 'Admin1234' });
    const rows: { password_hash: string }[] = await s.db.manager.query('SELECT password_hash FROM user_account ORDER BY id');
    expect(rows[0].password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(rows[0].password_hash).not.toBe(rows[1].password_hash);
    expect(rows.map((r) => r.password_hash).join()).not.toContain('Admin1234');
  });

  it('password rules name the field; bad input adds nothing', async () => {
    const r = await call('user:add', { username: 'b1', name: '乙', role: 'clerk', password: 'short1' }, (await call('auth:signIn', { username: 'root', password: 'Admin1234' }) as any).result.token);
    expect(r).toEqual({ ok: false, error: { code: 'VALIDATION', message: '密码：至少8个字符' } });
    expect((await access.accounts.list()).map((u) => u.username)).toEqual(['root']);
  });

  it('an administrator-set password must be changed before anything else', async () => {
    await access.accounts.add(testCtx, { username: 'clerk1', name: '李经办', role: 'clerk', password: 'Initial123' });
    const signed = (await call('auth:signIn', { username: 'clerk1', password: 'Initial123' })) as any;
    expect(signed.result.session).toMatchObject({ signedIn: true, mustChangePassword: true });
    const t = signed.result.token;
    expect(await call('cadre:list', {}, t)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('请先修改密码') } });
    expect(await call('auth:changePassword', { current: 'wrong', next: 'Better789', nextAgain: 'Better789' }, t)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '当前密码：不正确' } });
    expect(await call('auth:changePassword', { current: 'Initial123', next: 'Better789', nextAgain: 'Better788' }, t)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await call('auth:changePassword', { current: 'Initial123', next: 'Better789', nextAgain: 'Better789' }, t)).toMatchObject({ ok: true, result: { mustChangePassword: false } });
    expect((await call('cadre:list', {}, t)).ok).toBe(true);
  });

  it('5 wrong passwords lock the account for 15 minutes (audited); it opens again after', async () => {
    const start = new Date('2026-03-05T06:00:00Z').getTime();
    access.clock.now = () => new Date(start);
    for (let i = 1; i <= 4; i++) {
      expect(await call('auth:signIn', { username: 'root', password: 'Wrong1234' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining(`再错${5 - i}次`) } });
    }
    expect(await call('auth:signIn', { username: 'root', password: 'Wrong1234' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('锁定至') } });
    // Locked: even the right password is refused, and the message says until when.
    access.clock.now = () => new Date(start + 14 * 60_000);
    const locked = await call('auth:signIn', { username: 'root', password: 'Admin1234' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/已锁定，至 \d{4}\.\d\d\.\d\d \d\d:\d\d 解除/) } });
    const audit = await s.audit.history('user', 'root');
    expect(audit.filter((e) => e.action === '登录失败')).toHaveLength(5);
    expect(audit.filter((e) => e.action === '锁定')).toHaveLength(1);

    access.clock.now = () => new Date(start + 15 * 60_000 + 1000);
    expect(await call('auth:signIn', { username: 'root', password: 'Admin1234' })).toMatchObject({ ok: true });
    // The count starts afresh after the lock.
    expect(await call('auth:signIn', { username: 'root', password: 'Wrong1234' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('再错4次') } });
  });

  it('an administrator’s reset lifts a lock and forces a change; the last administrator cannot be disabled', async () => {
    await access.accounts.add(testCtx, { username: 'clerk1', name: '李经办', role: 'clerk', password: 'Initial123' });
    for (let i = 0; i < 5; i++) await call('auth:signIn', { username: 'clerk1', password: 'Wrong1234' });
    expect((await access.accounts.find('clerk1'))?.lockedUntil).not.toBe('');
    await access.accounts.resetPassword(testCtx, { username: 'clerk1', password: 'Reset1234' });
    expect(await call('auth:signIn', { username: 'clerk1', password: 'Reset1234' })).toMatchObject({ ok: true, result: { session: { mustChangePassword: true } } });
    await expect(access.accounts.update(testCtx, { username: 'root', disabled: true })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(access.accounts.update(testCtx, { username: 'root', role: 'viewer' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await access.accounts.find('root'))?.role).toBe('admin');
  });

  it('idle minutes are a setting (1–60)', async () => {
    expect((await s.settings.get()).idleLockMinutes).toBe(10);
    await expect(s.settings.set(testCtx, { key: 'idleLockMinutes', value: 61 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await s.settings.set(testCtx, { key: 'idleLockMinutes', value: 2 });
    const t = ((await call('auth:signIn', { username: 'root', password: 'Admin1234' })) as any).result.token;
    const now = Date.now();
    access.clock.now = () => new Date(now + 3 * 60_000);
    expect(await call('user:list', {}, t)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
