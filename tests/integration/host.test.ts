import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/api/handlers';
import { startHost, type RunningHost } from '../../electron/host/server';
import { tempServices } from '../helpers/tempServices';

/** A raw request, so that Host and Origin headers can be forged the way an attacker would. */
function request(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('browser host', () => {
  let env: Awaited<ReturnType<typeof tempServices>>;
  let host: RunningHost;
  let staticDir: string;
  const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
    request(host.port, {
      method: 'POST',
      path: `/api/${channel}`,
      headers: { Host: `127.0.0.1:${host.port}`, 'Content-Type': 'application/json', 'X-Cadre-Token': host.token, ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    env = await tempServices();
    staticDir = path.join(env.dir, 'renderer');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<html><head><title>t</title></head><body></body></html>');
    fs.writeFileSync(path.join(env.dir, 'secret.txt'), 'secret');
    host = await startHost({ handlers: createHandlers(env.s), ctx: { actor: 't' }, staticDir, port: 0, log: { error: () => undefined } });
  });
  afterAll(async () => {
    await host.close();
    await env.cleanup();
  });

  it('listens on 127.0.0.1 only', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
  });

  it('serves the page only to the browser that opened the one-time address; the page holds no secret', async () => {
    const local = { Host: `127.0.0.1:${host.port}` };
    // Another account on the PC asking for the page gets neither the page nor the token.
    const stranger = await request(host.port, { path: '/', headers: local });
    expect(stranger.status).toBe(403);
    expect(stranger.body).toContain('请从启动时显示的地址打开');
    expect(stranger.body).not.toContain(host.token);

    const link = new URL(host.newLink());
    const first = await request(host.port, { path: link.pathname + link.search, headers: local });
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/^cadre_host=[0-9a-f]+; HttpOnly; SameSite=Strict; Path=\//);
    const hostCookie = cookie.split(';')[0];
    // The key works once: a second browser with the same address is turned away.
    const replay = await request(host.port, { path: link.pathname + link.search, headers: local });
    expect(replay.status).toBe(403);

    const page = await request(host.port, { path: '/', headers: { ...local, Cookie: hostCookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>t</title>');
    expect(page.body).not.toContain(host.token);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    // The cookie alone is enough for the API (the page's fetch sends it; no token in any script).
    const noHeader = await request(host.port, { method: 'POST', path: '/api/cadre:list', headers: { ...local, 'Content-Type': 'application/json', Cookie: hostCookie }, body: '{}' });
    expect(noHeader.status).toBe(200);
  });

  it('answers a malformed address with 400, an oversized body with 413, and refuses __proto__ keys', async () => {
    const local = { Host: `127.0.0.1:${host.port}` };
    const bad = await request(host.port, { method: 'POST', path: '/api/%E0%A4%A', headers: { ...local, 'Content-Type': 'application/json', 'X-Cadre-Token': host.token }, body: '{}' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toBe('请求地址无效');
    expect((await request(host.port, { path: '/%E0%A4%A', headers: local })).status).toBe(400);

    // Declared too large: refused before reading, with the message rather than a reset connection.
    const declared = await request(host.port, {
      method: 'POST',
      path: '/api/cadre:list',
      headers: { ...local, 'Content-Type': 'application/json', 'X-Cadre-Token': host.token, 'Content-Length': String(65 * 1024 * 1024) },
    }).catch((e: Error) => ({ status: -1, body: e.message, headers: {} }));
    expect(declared.status).toBe(413);
    // Streamed without a length: read to the end, answered 413.
    const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: host.port, method: 'POST', path: '/api/cadre:list', headers: { ...local, 'Content-Type': 'application/json', 'X-Cadre-Token': host.token, 'Transfer-Encoding': 'chunked' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      const block = Buffer.alloc(1024 * 1024, 0x20);
      for (let i = 0; i < 66; i++) req.write(block);
      req.end();
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).error.message).toMatch(/^请求过大（超过 64 MB）/);

    const proto = await request(host.port, {
      method: 'POST',
      path: '/api/cadre:list',
      headers: { ...local, 'Content-Type': 'application/json', 'X-Cadre-Token': host.token },
      body: '{"query":"","__proto__":{"polluted":1}}',
    });
    expect(proto.status).toBe(400);
    expect(JSON.parse(proto.body).error.message).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers a valid call', async () => {
    const r = await api('cadre:list', {});
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, result: { items: [], total: 0, page: 1, pageSize: 20 } });
  });

  it('refuses calls without the token, with a wrong token, from another origin or another Host name', async () => {
    expect((await api('cadre:list', {}, { 'X-Cadre-Token': '' })).status).toBe(403);
    expect((await api('cadre:list', {}, { 'X-Cadre-Token': 'f'.repeat(48) })).status).toBe(403);
    const foreign = await api('cadre:list', {}, { Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.message).toContain('来源');
    expect((await api('cadre:list', {}, { Host: `evil.example:${host.port}` })).status).toBe(403);
  });

  it('names the field of bad input in Chinese and writes nothing', async () => {
    const r = await api('cadre:save', { data: { name: '', gender: '男', idNumber: '123' } });
    expect(r.status).toBe(400);
    const { error } = JSON.parse(r.body);
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('姓名：不能为空');
    expect(error.message).toContain('身份证号：应为18位');
    expect(error.message).not.toMatch(/at .*\.ts/);
    expect((await env.s.cadres.list({})).total).toBe(0);
  });

  it('refuses unknown channels, non-JSON bodies and paths outside the page folder', async () => {
    expect((await api('fs:read', {})).status).toBe(404);
    const notJson = await request(host.port, { method: 'POST', path: '/api/cadre:list', headers: { Host: `127.0.0.1:${host.port}`, 'Content-Type': 'application/json', 'X-Cadre-Token': host.token }, body: '{oops' });
    expect(notJson.status).toBe(400);
    const traversal = await request(host.port, { path: '/..%2Fsecret.txt', headers: { Host: `127.0.0.1:${host.port}` } });
    expect(traversal.body).not.toContain('secret');
  });
});
