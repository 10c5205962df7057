import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../api/dispatch';
import type { Handlers } from '../api/handlers';
import { inProcessRouter, type CallRouter } from '../api/router';
import { httpStatusOf, relaySession } from '../api/sessionRelay';
import type { ServiceContext } from '../services/ServiceContext';
import { CONTENT_SECURITY_POLICY } from '../shell/contentSecurityPolicy';
import { STATIC_CONTENT_TYPES as MIME } from '../shell/contentTypes';
import { SIGN_IN_SCREEN_CHANNELS } from '../api/signInScreen';

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
  /** The address to listen on: 127.0.0.1 unless the department server names another (serverMode.ts decides when). */
  listenHost?: string;
  /** Certificate and private key (PEM): the host answers https only. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /**
   * The department server: browsers on other PCs cannot get a printed one-time address, so there is none. The page
   * is served to anyone (it shows the sign-in) and every API call but the sign-in screen's needs a signed-in session;
   * the API token is not accepted. `publicNames`: other names the clients use for this host (the Host header).
   */
  server?: { publicNames?: string[] };
}

export interface RunningHost {
  /** The host's base address (API calls go to `${url}api/<channel>`). */
  url: string;
  /** The address to open first: it carries a one-time key that the host trades for its cookie. */
  openUrl: string;
  port: number;
  /** The API secret: sent as the `cadre_host` cookie (the page) or the X-Cadre-Token header (scripts, tests). Not accepted by the department server. */
  token: string;
  /** The names and addresses the Host header may carry (with the port). */
  allowedHosts: string[];
  /** Another one-time address, for a second browser or after the browser was closed. */
  newLink(): string;
  close(): Promise<void>;
}

/** Request bodies above this are refused (imports send files as base64). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;


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
/** The host's own cookie: proof that this browser opened a one-time address printed to the person who started it. */
const HOST_COOKIE = 'cadre_host';

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

/**
 * The request body, or null when it is larger than MAX_BODY_BYTES. An oversized body is not kept but read to its
 * end (or refused up front by its Content-Length), so the client receives the 413 answer instead of a reset.
 */
function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        if (!over) resolve(null);
        over = true;
        chunks.length = 0;
        return;
      }
      if (!over) chunks.push(c);
    });
    req.on('end', () => !over && resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A path segment decoded, or null when it is not valid percent-encoding (`%E0%A4%A`). */
function decodedPath(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** The page shown to a browser that came without the one-time address (another account on the PC, say). */
const NOT_ADMITTED_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>挂职干部管理系统</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto;line-height:1.8">
<h2>请从启动时显示的地址打开</h2>
<p>为保护干部档案，本系统只接受从启动窗口中显示的一次性地址打开的浏览器。该地址只能使用一次；
如需在另一个浏览器中打开，请在启动窗口中按回车键获取新的地址。</p></body></html>`;

const SIGN_IN_SCREEN = SIGN_IN_SCREEN_CHANNELS;

/** 127.0.0.1, ::1 and localhost: the PC itself. */
export function isLoopbackName(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === '127.0.0.1' || h === '::1' || h === 'localhost';
}

const isWildcard = (host: string) => host === '0.0.0.0' || host === '::' || host === '[::]';

/** An address as it appears in a URL or a Host header (IPv6 in brackets). */
export function urlHost(host: string): string {
  const h = host.replace(/^\[|\]$/g, '');
  return h.includes(':') ? `[${h}]` : h;
}

/** This PC's addresses (for a host listening on all of them). */
export function interfaceAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => !a.address.startsWith('fe80'))
    .map((a) => a.address);
}

/** The Host header values a listener answers to: its address (every address of the PC for 0.0.0.0), and the names given. */
function hostNames(listenHost: string, publicNames: string[]): string[] {
  const names = isWildcard(listenHost) ? ['127.0.0.1', 'localhost', os.hostname(), ...interfaceAddresses()] : [listenHost];
  if (listenHost === '127.0.0.1') names.push('localhost');
  return [...new Set([...names, ...publicNames].map((n) => urlHost(n).toLowerCase()))];
}

/**
 * The browser host: the built renderer and `POST /api/<channel>` on 127.0.0.1 only. A random per-launch token
 * must accompany every API call: the browser gets it as an HttpOnly cookie by opening a one-time address printed
 * to whoever started the host (another OS account on the PC can reach 127.0.0.1 too, but not that address), and
 * the page itself carries no secret. Other origins and other Host names are refused, so neither a web page in the
 * same browser nor a DNS-rebinding trick can reach the data.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = crypto.randomBytes(24).toString('hex');
  // One-time keys of the addresses printed so far; each is traded once for the host cookie.
  const openKeys = new Set<string>();
  const staticRoot = path.resolve(options.staticDir);
  const log = options.log ?? console;
  if (!options.route && !options.handlers) throw new Error('startHost: route 或 handlers 必须给出其一');
  const route = options.route ?? inProcessRouter(options.handlers!, log);
  const listenHost = options.listenHost ?? '127.0.0.1';
  const serverMode = !!options.server;
  const scheme = options.tls ? 'https' : 'http';
  // Cookies of an https host are never sent over plain http.
  const secure = options.tls ? '; Secure' : '';
  const names = hostNames(listenHost, options.server?.publicNames ?? []);
  let port = 0;
  let allowed = new Set<string>();

  const handler = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    try {
      const host = (req.headers.host ?? '').toLowerCase();
      if (!allowed.has(host)) {
        return sendError(res, 403, 'FORBIDDEN', serverMode ? '访问被拒绝：请使用服务器的地址或名称访问（如需其他名称，启动时用 --public-name 指定）' : '访问被拒绝：只接受本机地址的访问');
      }
      const url = new URL(req.url ?? '/', `${scheme}://${host}`);

      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return sendError(res, 405, 'FORBIDDEN', '只接受 POST 请求');
        const origin = req.headers.origin;
        if (origin !== undefined && origin.toLowerCase() !== `${scheme}://${host}`) return sendError(res, 403, 'FORBIDDEN', '访问被拒绝：来源不是本系统页面');
        if (serverMode) {
          // No token on the server: a signed-in session, or only the sign-in screen's calls.
          const name = decodedPath(url.pathname.slice('/api/'.length)) ?? '';
          if (name === 'auth:setupAdmin') return sendError(res, 403, 'FORBIDDEN', '单位服务器的管理员账户请用命令行 init --admin 创建');
          if (!SIGN_IN_SCREEN.has(name) && !cookieOf(req, SESSION_COOKIE)) return sendError(res, 401, 'UNAUTHENTICATED', '请先登录（登录已超时或已退出）');
        } else {
          const given = req.headers['x-cadre-token'] ?? cookieOf(req, HOST_COOKIE);
          if (typeof given !== 'string' || !sameToken(given, token)) return sendError(res, 403, 'FORBIDDEN', '访问被拒绝：缺少或错误的访问令牌，请从启动时显示的地址重新打开');
        }
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendError(res, 415, 'VALIDATION', '请求格式应为 JSON');
        const channel = decodedPath(url.pathname.slice('/api/'.length));
        if (channel === null) return sendError(res, 400, 'VALIDATION', '请求地址无效');
        const body = await readBody(req);
        if (body === null) {
          // The connection cannot carry another request after a body that was not read: close it after answering.
          res.once('finish', () => req.socket.destroySoon?.() ?? req.socket.end());
          res.setHeader('Connection', 'close');
          return sendError(res, 413, 'VALIDATION', `请求过大（超过 ${MAX_BODY_BYTES / 1024 / 1024} MB）：请分批导入，或把大文件拆分后再试`);
        }
        let input: unknown;
        try {
          input = body.length ? JSON.parse(body.toString('utf8')) : {};
        } catch {
          return sendError(res, 400, 'VALIDATION', '请求内容不是有效的 JSON');
        }
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
            : { 'Set-Cookie': `${SESSION_COOKIE}=${relayed.token ?? ''}; HttpOnly; SameSite=Strict; Path=/api${secure}${relayed.token ? '' : '; Max-Age=0'}` };
        return send(res, httpStatusOf(relayed.envelope), JSON.stringify(relayed.envelope), 'application/json; charset=utf-8', cookie);
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'FORBIDDEN', '不支持的请求');
      // The department server shows its page (the sign-in) to every browser that reaches it by its name.
      const admitted = serverMode || sameToken(cookieOf(req, HOST_COOKIE) ?? '', token);
      const key = url.searchParams.get('k');
      if (key !== null && serverMode) return send(res, 302, '', 'text/plain; charset=utf-8', { Location: '/' });
      if (key !== null) {
        // The one-time address: trade the key for the cookie, then show the page at the plain address.
        if (!openKeys.delete(key) && !admitted) return send(res, 403, NOT_ADMITTED_PAGE, MIME['.html']);
        return send(res, 302, '', 'text/plain; charset=utf-8', {
          Location: '/',
          'Set-Cookie': `${HOST_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/${secure}`,
        });
      }
      const decoded = decodedPath(url.pathname);
      if (decoded === null) return sendError(res, 400, 'VALIDATION', '请求地址无效');
      const rel = decoded.replace(/^\/+/, '') || 'index.html';
      const file = path.resolve(staticRoot, rel);
      if (!file.startsWith(staticRoot + path.sep)) return sendError(res, 403, 'FORBIDDEN', '访问被拒绝');
      const target = fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(staticRoot, 'index.html');
      if (!fs.existsSync(target)) return send(res, 503, '界面尚未构建：请先运行 npm run build', 'text/plain; charset=utf-8');
      if (path.basename(target) === 'index.html') {
        // The page carries no secret; without the host cookie it is not served at all.
        if (!admitted) return send(res, 403, NOT_ADMITTED_PAGE, MIME['.html']);
        return send(res, 200, fs.readFileSync(target), MIME['.html']);
      }
      return send(res, 200, fs.readFileSync(target), MIME[path.extname(target)] ?? 'application/octet-stream');
    } catch (err) {
      log.error('[host]', err);
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', '操作未完成：程序内部错误，详情已写入日志');
    }
  };
  const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, handler) : http.createServer(handler);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, listenHost.replace(/^\[|\]$/g, ''), () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  allowed = new Set(names.flatMap((n) => [`${n}:${port}`, ...((scheme === 'https' && port === 443) || (scheme === 'http' && port === 80) ? [n] : [])]));
  // The address to print: the listen address, or for all addresses the first name given or a network address.
  const shown = isWildcard(listenHost)
    ? urlHost(options.server?.publicNames?.[0] ?? interfaceAddresses().find((a) => !a.includes(':') && !a.startsWith('127.')) ?? '127.0.0.1')
    : urlHost(listenHost);
  const base = `${scheme}://${shown}:${port}/`;
  const newLink = () => {
    if (serverMode) return base;
    const key = crypto.randomBytes(18).toString('base64url');
    openKeys.add(key);
    return `${base}?k=${key}`;
  };
  return {
    url: base,
    openUrl: newLink(),
    newLink,
    port,
    token,
    allowedHosts: [...allowed],
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Browsers keep connections open: end the idle ones so that close does not wait for them.
        server.closeIdleConnections?.();
      }),
  };
}
