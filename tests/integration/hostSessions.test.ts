import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CadreInputSchema } from '../../shared/cadre';
import { createHandlers } from '../../electron/api/handlers';
import { accessFor } from '../../electron/auth/Access';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { startHost, type RunningHost } from '../../electron/host/server';
import { tempServices } from '../helpers/tempServices';

type Env = Awaited<ReturnType<typeof tempServices>>;

const person = (seq: number) => CadreInputSchema.parse({ name: `会话测试${seq}`, gender: '男', birthDate: '1985.03', idNumber: makeIdNumber('610902', '19850324', seq, '男') });

describe('browser host sessions (a database with accounts)', () => {
  let env: Env;
  let host: RunningHost;
  beforeEach(async () => {
    env = await tempServices();
    host = await startHost({ handlers: createHandlers(env.s), ctx: { actor: 'os-user' }, staticDir: '/nonexistent', port: 0, log: { error: () => undefined } });
  });
  afterEach(async () => {
    await host.close();
    await env.cleanup();
  });

  /** A call as the page makes it (token, Host, Origin), with the cookie the browser would send. */
  function api(channel: string, body: unknown, cookie?: string): Promise<{ status: number; json: any; setCookie: string[] }> {
    return new Promise((resolve, reject) => {
      const data = JSON.stringify(body);
      const req = http.request(
        {
          host: '127.0.0.1',
          port: host.port,
          method: 'POST',
          path: `/api/${channel}`,
          headers: { Host: `127.0.0.1:${host.port}`, 'Content-Type': 'application/json', 'X-Cadre-Token': host.token, ...(cookie ? { Cookie: cookie } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')), setCookie: res.headers['set-cookie'] ?? [] }));
        },
      );
      req.on('error', reject);
      req.end(data);
    });
  }
  const cookieFrom = (setCookie: string[]) => setCookie[0].split(';')[0];
  const cadres = async () => (await env.s.cadres.list({})).total;

  it('without accounts the host works as before: no cookie needed', async () => {
    const r = await api('cadre:save', { data: person(101) });
    expect(r.status).toBe(200);
    expect(await cadres()).toBe(1);
  });

  it('sets the session as an HttpOnly SameSite=Strict cookie, never in the body; refuses calls without it (401), with another user’s role (403), after it expired (401); nothing written', async () => {
    const setup = await api('auth:setupAdmin', { username: 'root', name: '王管理', dept: '干部科', password: 'Admin1234' });
    expect(setup.status).toBe(200);
    expect(setup.json.result.token).toBe('');
    expect(setup.setCookie[0]).toMatch(/^cadre_session=[^;]{20,}; HttpOnly; SameSite=Strict; Path=\/api$/);
    const admin = cookieFrom(setup.setCookie);
    expect((await api('auth:session', {}, admin)).json.result).toMatchObject({ signedIn: true, user: { username: 'root' } });
    expect((await api('user:add', { username: 'chayue', name: '赵查阅', dept: '干部科', role: 'viewer', password: 'Initial123' }, admin)).status).toBe(200);

    // No session.
    const none = await api('cadre:save', { data: person(103) });
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe('UNAUTHENTICATED');
    // A forged or stale cookie.
    expect((await api('cadre:save', { data: person(103) }, 'cadre_session=forged')).status).toBe(401);

    // Another user's session: a viewer may read but not write.
    const viewerIn = await api('auth:signIn', { username: 'chayue', password: 'Initial123' });
    const viewer = cookieFrom(viewerIn.setCookie);
    await api('auth:changePassword', { current: 'Initial123', next: 'Viewer456', nextAgain: 'Viewer456' }, viewer);
    expect((await api('cadre:list', {}, viewer)).status).toBe(200);
    const refused = await api('cadre:save', { data: person(105) }, viewer);
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toMatch(/^需要“.+”权限/);

    // The administrator cannot edit files by default either; nothing was written by any of these calls.
    expect((await api('cadre:save', { data: person(107) }, admin)).status).toBe(403);
    expect(await cadres()).toBe(0);

    // Idle expiry: past the idle minutes the cookie no longer opens anything.
    const access = accessFor(env.s);
    const now = access.clock.now();
    access.clock.now = () => new Date(now.getTime() + 11 * 60_000);
    expect((await api('cadre:list', {}, viewer)).status).toBe(401);

    // Signing out clears the cookie.
    access.clock.now = () => new Date();
    const again = cookieFrom((await api('auth:signIn', { username: 'chayue', password: 'Viewer456' })).setCookie);
    const out = await api('auth:signOut', {}, again);
    expect(out.setCookie[0]).toContain('Max-Age=0');
    expect((await api('cadre:list', {}, again)).status).toBe(401);
  });
});
