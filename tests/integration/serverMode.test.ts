import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor } from '../../electron/auth/Access';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { parseListen, startServer } from '../../electron/host/serverMode';
import { AppServices } from '../../electron/services/AppServices';
import { pgUnavailableReason, startPgServer, type PgServer } from '../../bench/pgCluster';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'electron', 'host', 'serverCli.ts');
const ctx = { actor: '测试员' };

interface Launch {
  code: number | null;
  stdout: string;
  stderr: string;
  stop: () => Promise<void>;
}

/** `npm run server -- …` as a process: resolves once it printed its start lines, or when it exited (refused). */
function launch(args: string[]): Promise<Launch> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let done = false;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const stop = async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    };
    child.stdout.on('data', (c) => {
      stdout += c;
      if (!done && stdout.includes('按 Ctrl+C 退出')) {
        done = true;
        resolve({ code: null, stdout, stderr, stop });
      }
    });
    child.stderr.on('data', (c) => (stderr += c));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!done) resolve({ code, stdout, stderr, stop });
      done = true;
    });
  });
}

interface Answer {
  status: number;
  json: any;
  body: string;
  setCookie: string[];
  fingerprint?: string;
}

/** A request to the server (https without trusting the self-signed certificate: its fingerprint is returned to compare). */
function call(base: string, opts: { path: string; method?: string; body?: unknown; cookie?: string; headers?: Record<string, string> }): Promise<Answer> {
  const u = new URL(opts.path, base);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      {
        host: u.hostname,
        port: u.port,
        method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
        path: u.pathname,
        rejectUnauthorized: false,
        agent: false,
        headers: {
          Host: u.host,
          ...(opts.body === undefined ? {} : { 'Content-Type': 'application/json', Origin: u.origin }),
          ...(opts.cookie ? { Cookie: opts.cookie } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        const fingerprint = u.protocol === 'https:' ? (res.socket as TLSSocket).getPeerCertificate().fingerprint256 : undefined;
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          let json: unknown = null;
          try {
            json = JSON.parse(body);
          } catch {
            // a page
          }
          resolve({ status: res.statusCode ?? 0, json, body, setCookie: res.headers['set-cookie'] ?? [], fingerprint });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.body === undefined ? undefined : JSON.stringify(opts.body));
  });
}

const cookieOf = (a: Answer) => a.setCookie[0]?.split(';')[0] ?? '';
const printed = (stdout: string, label: string) => new RegExp(`${label}：(\\S+)`).exec(stdout)?.[1] ?? '';

const unavailable = await pgUnavailableReason();
const suite = unavailable ? describe.skip : describe;

suite(`department server (npm run server) on PostgreSQL${unavailable ? `（跳过：${unavailable}）` : ''}`, () => {
  let pg: PgServer;
  let dir: string;
  let staticDir: string;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    pg = await startPgServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-server-test-'));
    staticDir = path.join(dir, 'renderer');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<html><body>登录页</body></html>');
  }, 60_000);
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
    pg?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh server database with its data folder; `accounts` adds an administrator and two clerks (password set). */
  async function database(accounts: boolean): Promise<{ url: string; dataDir: string }> {
    const url = await pg.createDatabase();
    const dataDir = fs.mkdtempSync(path.join(dir, 'data-'));
    const s = await AppServices.open(url, { dataDir });
    try {
      if (accounts) {
        const a = accessFor(s);
        await a.accounts.createFirstAdmin(ctx, { username: 'root', name: '王管理', dept: '干部科', password: 'Admin1234' });
        await a.accounts.add(ctx, { username: 'zhoujb', name: '周经办', dept: '干部科', role: 'clerk', password: 'Initial123' });
        await a.accounts.add(ctx, { username: 'wujb', name: '吴经办', dept: '干部科', role: 'clerk', password: 'Initial123' });
      }
    } finally {
      await s.close();
    }
    return { url, dataDir };
  }

  it('listens on 127.0.0.1 unless --listen names another address; there it is the browser host with one-time addresses', async () => {
    expect(parseListen(undefined)).toEqual({ host: '127.0.0.1', port: 5180 });
    expect(parseListen('192.168.1.10:8443')).toEqual({ host: '192.168.1.10', port: 8443 });
    expect(parseListen('[::1]:9000')).toEqual({ host: '::1', port: 9000 });
    expect(() => parseListen('zzb.example:80')).toThrow(/--public-name/);
    const db = await database(false);
    const server = await startServer({ pg: db.url, dataDir: db.dataDir, listen: ':0', staticDir, ctx, log: { error: () => undefined } });
    try {
      expect(server.local).toBe(true);
      expect(server.host.url).toBe(`http://127.0.0.1:${server.host.port}/`);
      expect(server.host.openUrl).toMatch(/\?k=/);
      // No accounts on the PC itself: the local host's token works as with `npm run host`.
      const r = await call(server.host.url, { path: '/api/cadre:list', body: {}, headers: { 'X-Cadre-Token': server.host.token } });
      expect(r.status).toBe(200);
      // Without the one-time address the page is not served.
      expect((await call(server.host.url, { path: '/' })).status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('refuses a network address without TLS unless --insecure-lan is given', async () => {
    const db = await database(true);
    const refused = await launch(['--pg', db.url, '--data', db.dataDir, '--listen', '127.0.0.2:0', '--static', staticDir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('须使用 HTTPS');
    expect(refused.stderr).toContain('--insecure-lan');

    const plain = await launch(['--pg', db.url, '--data', db.dataDir, '--listen', '127.0.0.2:0', '--insecure-lan', '--static', staticDir]);
    cleanups.push(plain.stop);
    expect(plain.code, plain.stderr).toBeNull();
    expect(plain.stdout).toContain('警告：未加密（--insecure-lan）');
    const base = printed(plain.stdout, '已启动');
    expect(base).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/$/);
    // No session, no data: neither the host's token nor anonymity opens anything.
    const anon = await call(base, { path: '/api/cadre:list', body: {} });
    expect(anon.status).toBe(401);
    expect(anon.json.error.message).toContain('请先登录');
    await plain.stop();
  }, 60_000);

  it('refuses a network address while the database has no accounts, naming the CLI that creates the administrator', async () => {
    const db = await database(false);
    const r = await launch(['--pg', db.url, '--data', db.dataDir, '--listen', '127.0.0.2:0', '--insecure-lan', '--static', staticDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('数据库中还没有任何账户');
    expect(r.stderr).toContain(`npm run -s cli -- --pg '${db.url}' --data '${db.dataDir}' init --admin 用户名 --name 姓名`);
    // Nothing was generated or left listening.
    expect(fs.existsSync(path.join(db.dataDir, 'tls'))).toBe(false);
  }, 60_000);

  it('with a self-signed certificate answers https with the printed fingerprint; sign-in page without any host cookie; Host and Origin checked; Secure session cookies; a signed-out session is dead, another user’s lives on', async () => {
    const db = await database(true);
    const started = await launch(['--pg', db.url, '--data', db.dataDir, '--listen', '127.0.0.2:0', '--tls-self-signed', '--public-name', 'ganbuke.example', '--static', staticDir]);
    cleanups.push(started.stop);
    expect(started.code, started.stderr).toBeNull();
    const base = printed(started.stdout, '已启动');
    const fingerprint = printed(started.stdout, '证书指纹（SHA-256）');
    expect(base).toMatch(/^https:\/\/127\.0\.0\.2:\d+\/$/);
    expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(fs.existsSync(path.join(db.dataDir, 'tls', 'server.key'))).toBe(true);
    expect(fs.statSync(path.join(db.dataDir, 'tls', 'server.key')).mode & 0o077).toBe(0);

    // The page (the sign-in screen) for any browser that reaches the server by its name; the certificate is the printed one.
    const page = await call(base, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('登录页');
    expect(page.fingerprint).toBe(fingerprint);
    expect(page.setCookie.join()).not.toContain('cadre_host');
    const port = new URL(base).port;
    expect((await call(base, { path: '/', headers: { Host: `ganbuke.example:${port}` } })).status).toBe(200);
    expect((await call(base, { path: '/', headers: { Host: `evil.example:${port}` } })).status).toBe(403);
    expect((await call(base, { path: '/api/auth:session', body: {}, headers: { Origin: `https://evil.example:${port}` } })).status).toBe(403);
    // The first administrator comes from the CLI, never from the network.
    expect((await call(base, { path: '/api/auth:setupAdmin', body: { username: 'x1', name: '某', password: 'Abcd12345' } })).status).toBe(403);

    // Two clerks sign in (first sign-in: the administrator's password is changed).
    const signIn = async (username: string) => {
      const first = await call(base, { path: '/api/auth:signIn', body: { username, password: 'Initial123' } });
      expect(first.status).toBe(200);
      expect(first.json.result.token).toBe('');
      expect(first.setCookie[0]).toMatch(/^cadre_session=[^;]{20,}; HttpOnly; SameSite=Strict; Path=\/api; Secure$/);
      const cookie = cookieOf(first);
      expect((await call(base, { path: '/api/auth:changePassword', body: { current: 'Initial123', next: 'Clerk4567', nextAgain: 'Clerk4567' }, cookie })).status).toBe(200);
      return cookie;
    };
    const zhou = await signIn('zhoujb');
    const wu = await signIn('wujb');
    const person = { name: '韩雨桐', gender: '女', birthDate: '1988.06', idNumber: makeIdNumber('610902', '19880615', 21, '女') };
    const saved = await call(base, { path: '/api/cadre:save', body: { data: person }, cookie: zhou });
    expect(saved.status, saved.body).toBe(200);
    // The audit log names the signed-in clerk.
    const history = await call(base, { path: '/api/cadre:history', body: { id: saved.json.result.id }, cookie: wu });
    expect(history.json.result[0]).toMatchObject({ actor: 'zhoujb' });

    const out = await call(base, { path: '/api/auth:signOut', body: {}, cookie: zhou });
    expect(out.setCookie[0]).toContain('Max-Age=0');
    expect(out.setCookie[0]).toContain('Secure');
    const replay = await call(base, { path: '/api/cadre:list', body: {}, cookie: zhou });
    expect(replay.status).toBe(401);
    expect(replay.json.error.code).toBe('UNAUTHENTICATED');
    expect((await call(base, { path: '/api/cadre:save', body: { data: { ...person, name: '韩雨晴' }, id: saved.json.result.id }, cookie: zhou })).status).toBe(401);
    // The other clerk's session is untouched.
    const list = await call(base, { path: '/api/cadre:list', body: {}, cookie: wu });
    expect(list.status).toBe(200);
    expect(list.json.result.items.map((c: { name: string }) => c.name)).toEqual(['韩雨桐']);
    await started.stop();

    // Restarted, the same certificate (the fingerprint the clients compared stays the same).
    const again = await launch(['--pg', db.url, '--data', db.dataDir, '--listen', '127.0.0.2:0', '--tls-self-signed', '--public-name', 'ganbuke.example', '--static', staticDir]);
    cleanups.push(again.stop);
    expect(printed(again.stdout, '证书指纹（SHA-256）')).toBe(fingerprint);
    expect(again.stdout).not.toContain('新生成');
    await again.stop();
  }, 90_000);
});
