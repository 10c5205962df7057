import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import { createHandlers, type CallContext, type Handlers } from '../../electron/api/handlers';
import { accessFor } from '../../electron/auth/Access';
import { demoCadres } from '../../electron/demo/demoCadres';
import type { AppServices } from '../../electron/services/AppServices';
import { DEFAULT_GRANTS } from '../../shared/permissions';
import { saveDemoCadres } from '../helpers/refusal';
import { tempServices, testCtx } from '../helpers/tempServices';

let s: AppServices;
let cleanup: () => Promise<void>;
let h: Handlers;
let ids: number[];
let postingId: number;
const tokens: Record<string, string> = {};

const call = (who: string | null, channel: string, input: unknown = {}) => {
  const ctx: CallContext = { actor: 'os-user', mode: 'browser', sessionToken: who ? tokens[who] : undefined };
  return dispatch(h, channel, input, ctx, { error: () => undefined });
};
const ok = async (who: string | null, channel: string, input: unknown = {}) => {
  const r = await call(who, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.result as any;
};

/** Signs in with the administrator's password and changes it as the first sign-in requires. */
async function signInFirstTime(username: string): Promise<void> {
  const r = await ok(null, 'auth:signIn', { username, password: 'Initial123' });
  tokens[username] = r.token;
  expect(r.session.mustChangePassword).toBe(true);
  await ok(username, 'auth:changePassword', { current: 'Initial123', next: 'Changed456', nextAgain: 'Changed456' });
}

beforeEach(async () => {
  ({ s, cleanup } = await tempServices());
  h = createHandlers(s);
  // Data entered before the first account: the database worked as today.
  ids = await saveDemoCadres(s, 2);
  const batchId = (await s.batches.save(testCtx, { name: '第9批挂职干部', type: '东西部协作/对口支援', direction: '派出', startDate: '2025.12.01', endDate: '2026.11.30' })).id;
  const added = await s.batches.addMembers(testCtx, { batchId, cadreIds: [ids[0]], defaults: { status: '在岗', hostUnit: '常州市武进区商务局' } });
  postingId = added.added[0].postingId;

  tokens.root = (await ok(null, 'auth:setupAdmin', { username: 'root', name: '王管理', dept: '干部科', password: 'Admin1234' })).token;
  for (const [username, role, name] of [['clerk1', 'clerk', '李经办'], ['chief1', 'reviewer', '张科长'], ['chief2', 'reviewer', '赵科长'], ['view1', 'viewer', '钱查阅']]) {
    await ok('root', 'user:add', { username, name, dept: '干部科', role, password: 'Initial123' });
    await signInFirstTime(username);
  }
});
afterEach(() => cleanup());

const cadreInput = () => ({ data: { ...demoCadres()[3] } });

describe('roles through dispatch', () => {
  it('without a session nothing but the public channels answers, and nothing is written', async () => {
    expect(await call(null, 'cadre:list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await call(null, 'cadre:save', cadreInput())).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await s.cadres.list({ pageSize: 50 })).total).toBe(2);
    expect(await ok(null, 'auth:session')).toMatchObject({ accountsExist: true, signedIn: false, permissions: [] });
    expect((await call(null, 'app:info')).ok).toBe(true);
    expect(await call(null, 'auth:setupAdmin', { username: 'again', name: '再来', password: 'Admin1234' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('viewer: lists and exports (audited), cannot save a cadre', async () => {
    expect((await ok('view1', 'cadre:list')).total).toBe(2);
    const refused = await call('view1', 'cadre:save', cadreInput());
    expect(refused).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '需要“干部科经办人”或“审核人（科长）”权限：编辑业务数据' } });
    expect((await s.cadres.list({ pageSize: 50 })).total).toBe(2);
    const form = await ok('view1', 'document:renmian', { cadreId: ids[0] });
    expect(form.fileName).toMatch(/\.docx$/);
    const audit = await s.audit.history('export', 'document:renmian');
    expect(audit).toEqual([expect.objectContaining({ actor: 'view1', action: '导出' })]);
  });

  it('clerk saves and submits but cannot review; the reviewer reviews with an opinion, not their own submission, and archives', async () => {
    const cadre = await ok('clerk1', 'cadre:save', cadreInput());
    expect(cadre.id).toBeGreaterThan(0);
    expect((await s.audit.history('cadre', cadre.id))[0]).toMatchObject({ actor: 'clerk1' });

    const rec = await ok('clerk1', 'record:saveAnnual', { data: { postingId, year: 2026, grade: '称职' } });
    await ok('clerk1', 'record:transition', { id: rec.id, action: 'submit' });
    expect(await call('clerk1', 'record:transition', { id: rec.id, action: 'review', reason: '同意' })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: '需要“审核人（科长）”权限：审核' },
    });
    expect(await call('chief1', 'record:transition', { id: rec.id, action: 'review' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('意见') } });
    const reviewed = await ok('chief1', 'record:transition', { id: rec.id, action: 'review', reason: '同意，评定称职' });
    expect(reviewed.workflow.state).toBe('已审核');
    expect(reviewed.workflow.steps.at(-1)).toMatchObject({ action: 'review', actor: 'chief1', reason: '同意，评定称职' });
    expect(await call('clerk1', 'record:transition', { id: rec.id, action: 'archive' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await ok('chief1', 'record:transition', { id: rec.id, action: 'archive' })).workflow.state).toBe('已归档');

    // Separation of duties: a reviewer who submitted cannot review; another reviewer can.
    const own = await ok('chief1', 'record:saveQuarterly', { data: { postingId, quarter: 2, selfSummary: '务实推进', grade: '好', score: 92 } });
    await ok('chief1', 'record:transition', { id: own.id, action: 'submit' });
    expect(await call('chief1', 'record:transition', { id: own.id, action: 'review', reason: '同意' })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('不能审核自己提交的记录') },
    });
    expect((await s.assessments.get(own.id)) as unknown).toMatchObject({ workflow: { state: '已提交' } });
    expect((await ok('chief2', 'record:transition', { id: own.id, action: 'review', reason: '同意' })).workflow.state).toBe('已审核');
  });

  it('admin backs up and manages users but cannot save a cadre until a grant override allows it', async () => {
    expect((await ok('root', 'backup:now')).file).toBeTruthy();
    expect((await ok('root', 'user:list')).map((u: { username: string }) => u.username)).toEqual(['chief1', 'chief2', 'clerk1', 'root', 'view1']);
    expect(await call('root', 'cadre:save', cadreInput())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('clerk1', 'role:setGrants', { grants: null })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('系统管理员') } });
    expect(await call('clerk1', 'user:list')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const grants = { ...DEFAULT_GRANTS, admin: [...DEFAULT_GRANTS.admin, 'edit'] };
    expect((await ok('root', 'role:setGrants', { grants })).overridden).toBe(true);
    expect((await ok('root', 'cadre:save', cadreInput())).id).toBeGreaterThan(0);
    expect((await ok('view1', 'role:grants')).grants.admin).toContain('edit');
    // The administrator cannot take account management away from themselves; bad input changes nothing.
    expect(await call('root', 'role:setGrants', { grants: { ...grants, admin: ['read'] } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await ok('root', 'role:grants')).grants.admin).toContain('edit');
    await ok('root', 'role:setGrants', { grants: null });
    expect(await call('root', 'cadre:save', { data: { ...demoCadres()[4] } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('a disabled account loses its session; sessions expire after the idle minutes and extend with every call', async () => {
    const access = accessFor(s);
    const start = Date.now();
    access.clock.now = () => new Date(start);
    const t = (await ok(null, 'auth:signIn', { username: 'clerk1', password: 'Changed456' })).token;
    const asClerk = (channel: string) => dispatch(h, channel, {}, { actor: 'x', mode: 'browser', sessionToken: t });
    access.clock.now = () => new Date(start + 9 * 60_000);
    expect((await asClerk('cadre:list')).ok).toBe(true);
    access.clock.now = () => new Date(start + 18 * 60_000);
    expect((await asClerk('cadre:list')).ok).toBe(true);
    access.clock.now = () => new Date(start + 29 * 60_000);
    expect(await asClerk('cadre:list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    access.clock.now = () => new Date();

    await ok('root', 'user:update', { username: 'view1', disabled: true });
    expect(await call('view1', 'cadre:list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await call(null, 'auth:signIn', { username: 'view1', password: 'Changed456' })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('已停用') } });
  });
});

describe('role grants (role:grants / role:setGrants)', () => {
  const grantsNow = async () => (await ok('root', 'role:grants')) as { grants: Record<string, string[]>; overridden: boolean };
  const grantEntries = () => s.audit.history('setting', 'roleGrants');

  it('an administrator changes a grant: stored, audited in Chinese, in every session, and what the contract refuses follows it', async () => {
    expect(await grantsNow()).toEqual({ grants: DEFAULT_GRANTS, overridden: false });
    expect((await ok('view1', 'auth:session')).grants).toEqual(DEFAULT_GRANTS);
    expect((await ok('view1', 'document:renmian', { cadreId: ids[1] })).fileName).toMatch(/\.docx$/);
    await ok('clerk1', 'cadre:delete', { id: ids[1] });
    expect(await call('clerk1', 'cadre:purge', { id: ids[1] })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '需要“审核人（科长）”权限：彻底删除' } });

    // 查阅 loses 打印与导出; 干部科经办人 gains 彻底删除 (the list in any order, repeats dropped).
    const changed = { ...DEFAULT_GRANTS, viewer: ['read'], clerk: ['purge', ...DEFAULT_GRANTS.clerk, 'purge'] };
    const saved = await ok('root', 'role:setGrants', { grants: changed });
    expect(saved.overridden).toBe(true);
    expect(saved.grants.viewer).toEqual(['read']);
    expect(saved.grants.clerk).toEqual(['read', 'export', 'edit', 'import', 'purge', 'submit']);
    expect(await grantsNow()).toEqual(saved);

    const [entry] = await grantEntries();
    expect(entry).toMatchObject({
      actor: 'root',
      action: '修改角色权限',
      changes: { 干部科经办人: ['查阅、打印与导出、编辑业务数据、导入、提交', '查阅、打印与导出、编辑业务数据、导入、彻底删除、提交'], 查阅: ['查阅、打印与导出', '查阅'] },
      note: '干部科经办人增加“彻底删除”；查阅取消“打印与导出”',
    });
    // 系统 → 操作日志 shows it named and labelled in Chinese.
    const shown = (await ok('root', 'audit:list', { entityType: 'setting' })).items[0];
    expect(shown).toMatchObject({ object: '系统设置“角色权限”', action: '修改角色权限' });
    expect(shown.changes).toContainEqual(expect.objectContaining({ label: '查阅', before: '查阅、打印与导出', after: '查阅' }));

    // The sessions already open answer with the new grants, and the contract refuses and allows accordingly.
    const viewerSession = await ok('view1', 'auth:session');
    expect(viewerSession.permissions).toEqual(['read']);
    expect(viewerSession.grants.viewer).toEqual(['read']);
    expect(await call('view1', 'document:renmian', { cadreId: ids[0] })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: '需要“干部科经办人”或“审核人（科长）”权限：打印与导出' },
    });
    await ok('clerk1', 'cadre:purge', { id: ids[1] });
    expect((await s.cadres.list({ pageSize: 50, deleted: true })).total).toBe(0);

    // 恢复默认: the override is dropped and audited; the viewer prints again, the clerk no longer purges.
    const reset = await ok('root', 'role:setGrants', { grants: null });
    expect(reset).toEqual({ grants: DEFAULT_GRANTS, overridden: false });
    expect((await grantEntries())[0]).toMatchObject({ action: '恢复默认权限', note: '干部科经办人取消“彻底删除”；查阅增加“打印与导出”' });
    expect((await ok('view1', 'document:renmian', { cadreId: ids[0] })).fileName).toMatch(/\.docx$/);
    await ok('clerk1', 'cadre:delete', { id: ids[0] });
    expect(await call('clerk1', 'cadre:purge', { id: ids[0] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('keeps the guard rails: the administrator keeps account management, every role keeps 查阅; a refusal changes nothing', async () => {
    await ok('root', 'role:setGrants', { grants: { ...DEFAULT_GRANTS, viewer: ['read'] } });
    const before = await grantsNow();
    const entries = (await grantEntries()).length;

    expect(await call('root', 'role:setGrants', { grants: { ...DEFAULT_GRANTS, admin: DEFAULT_GRANTS.admin.filter((p) => p !== 'users') } })).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: '权限：系统管理员必须保留“账号与权限管理”权限，否则无人能再管理账号和权限' },
    });
    expect(await call('root', 'role:setGrants', { grants: { ...DEFAULT_GRANTS, clerk: ['edit', 'submit'] } })).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: '权限：每个角色都须保留“查阅”权限：干部科经办人没有它就打不开任何页面' },
    });
    expect(await call('root', 'role:setGrants', { grants: { ...DEFAULT_GRANTS, viewer: ['read', 'fly'] } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await call('root', 'role:setGrants', { grants: { admin: DEFAULT_GRANTS.admin } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // The service itself refuses too (the CLI and any other caller), in the same words.
    await expect(accessFor(s).grants.set(testCtx, { ...DEFAULT_GRANTS, admin: ['read'] } as never)).rejects.toThrow('权限：系统管理员必须保留“账号与权限管理”权限');

    // Only an account manager may change grants; everyone signed in may read them (the screens name the role needed).
    expect(await call('chief1', 'role:setGrants', { grants: null })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '需要“系统管理员”权限：账号与权限管理' } });
    expect((await ok('clerk1', 'role:grants')).overridden).toBe(true);
    expect(await call(null, 'role:grants')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    expect(await grantsNow()).toEqual(before);
    expect(await grantEntries()).toHaveLength(entries);
  });

  it('grants equal to the defaults are no override; saving what is stored writes nothing', async () => {
    const same = await ok('root', 'role:setGrants', { grants: { ...DEFAULT_GRANTS, viewer: ['export', 'read'] } });
    expect(same).toEqual({ grants: DEFAULT_GRANTS, overridden: false });
    expect(await grantEntries()).toHaveLength(0);

    const g = { ...DEFAULT_GRANTS, reviewer: DEFAULT_GRANTS.reviewer.filter((p) => p !== 'audit') };
    await ok('root', 'role:setGrants', { grants: g });
    await ok('root', 'role:setGrants', { grants: g });
    expect(await grantEntries()).toHaveLength(1);
    expect(await call('chief1', 'audit:list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '需要“系统管理员”权限：操作日志' } });
    // Back by listing the defaults: the same as 恢复默认.
    expect((await ok('root', 'role:setGrants', { grants: DEFAULT_GRANTS })).overridden).toBe(false);
    expect((await grantEntries())[0]).toMatchObject({ action: '恢复默认权限', note: '审核人（科长）增加“操作日志”' });
  });
});
