import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../api/dispatch';
import type { Handlers } from '../api/handlers';
import { inProcessRouter, type CallRouter } from '../api/router';
import { httpStatusOf, relaySession } from '../api/sessionRelay';
import type { ServiceContext } from '../services/ServiceContext';
import { CONTENT_SECURITY_POLICY } from '../shell/contentSecurityPolicy';

export interface HostOptions {
  /** Where calls go: the database worker. */
  route?: CallRouter;
  /** Or handlers in this thread (tests). */
  handlers?: Handlers;
  ctx: ServiceContext;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  log?: Logger;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Request bodies above this are refused (imports send files as base64). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...SECURITY_HEADERS, ...extra });
  res.end(body);
}

function sendError(res: http.ServerResponse, status: number, code: string, message: string): void {
  send(res, status, JSON.stringify({ ok: false, error: { code, message } }), 'application/json; charset=utf-8');
}

const SESSION_COOKIE = 'cadre_session';

/** One cookie's value from the request, or undefined. */
function cookieOf(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name && v.join('=')) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The browser host: the built renderer and `POST /api/<channel>` on 127.0.0.1 only. A random per-launch token
 * (placed in the served page) must accompany every API call; other origins and other Host names are refused,
 * so neither a web page in the same browser nor a DNS-rebinding trick can reach the data.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = crypto.randomBytes(24).toString('hex');
  const staticRoot = path.resolve(options.staticDir);
  const log = options.log ?? console;
  if (!options.route && !options.handlers) throw new Error('startHost: route 或 handlers 必须给出其一');
  const route = options.route ?? inProcessRouter(options.handlers!, log);
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const server = http.createServer(async (req, res) => {
    try {
      const host = req.headers.host ?? '';
      if (!allowedHosts().has(host)) return sendError(res, 403, 'FORBIDDEN', '访问被拒绝：只接受本机地址的访问');
      const url = new URL(req.url ?? '/', `http://${host}`);

      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return sendError(res, 405, 'FORBIDDEN', '只接受 POST 请求');
        const origin = req.headers.origin;
        if (origin !== undefined && origin !== `http://${host}`) return sendError(res, 403, 'FORBIDDEN', '访问被拒绝：来源不是本系统页面');
        const given = req.headers['x-cadre-token'];
        if (typeof given !== 'string' || !sameToken(given, token)) return sendError(res, 403, 'FORBIDDEN', '访问被拒绝：缺少或错误的访问令牌，请从启动时显示的地址重新打开');
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendError(res, 415, 'VALIDATION', '请求格式应为 JSON');
        const body = await readBody(req);
        if (body === null) return sendError(res, 413, 'VALIDATION', `请求过大（超过 ${MAX_BODY_BYTES / 1024 / 1024} MB）`);
        let input: unknown;
        try {
          input = body.length ? JSON.parse(body.toString('utf8')) : {};
        } catch {
          return sendError(res, 400, 'VALIDATION', '请求内容不是有效的 JSON');
        }
        const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
        const ctx = { ...options.ctx, mode: 'browser' as const, sessionToken: cookieOf(req, SESSION_COOKIE) };
        if (req.headers['x-cadre-progress'] === '1') {
          // A long job: stream its progress as JSON lines, then the answer as the last line.
          res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
          const envelope = await route(channel, input, ctx, (progress) => res.write(JSON.stringify({ progress }) + '\n'));
          return res.end(JSON.stringify({ envelope: relaySession(channel, envelope).envelope }) + '\n');
        }
        const relayed = relaySession(channel, await route(channel, input, ctx));
        // The session lives in an HttpOnly cookie: the page's scripts never see the token.
        const cookie: Record<string, string> =
          relayed.token === undefined
            ? {}
            : { 'Set-Cookie': `${SESSION_COOKIE}=${relayed.token ?? ''}; HttpOnly; SameSite=Strict; Path=/api${relayed.token ? '' : '; Max-Age=0'}` };
        return send(res, httpStatusOf(relayed.envelope), JSON.stringify(relayed.envelope), 'application/json; charset=utf-8', cookie);
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'FORBIDDEN', '不支持的请求');
      const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
      const file = path.resolve(staticRoot, rel);
      if (!file.startsWith(staticRoot + path.sep)) return sendError(res, 403, 'FORBIDDEN', '访问被拒绝');
      const target = fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(staticRoot, 'index.html');
      if (!fs.existsSync(target)) return send(res, 503, '界面尚未构建：请先运行 npm run build', 'text/plain; charset=utf-8');
      if (path.basename(target) === 'index.html') {
        // The token travels inside the page only: another origin cannot read it (no CORS headers are sent).
        const html = fs.readFileSync(target, 'utf8').replace('<head>', `<head>\n    <meta name="cadre-desk-token" content="${token}">`);
        return send(res, 200, html, MIME['.html']);
      }
      return send(res, 200, fs.readFileSync(target), MIME[path.extname(target)] ?? 'application/octet-stream');
    } catch (err) {
      log.error('[host]', err);
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', '操作未完成：程序内部错误，详情已写入日志');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
