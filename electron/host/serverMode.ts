import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../api/dispatch';
import { isPostgresUrl, redactUrl, serverName } from '../db/target';
import type { ServiceContext } from '../services/ServiceContext';
import { DbWorkerClient } from '../worker/DbWorkerClient';
import { interfaceAddresses, isLoopbackName, startHost, type RunningHost } from './server';

/** A start the rules refuse (a network address without accounts or without TLS, bad options): exit code 2. */
export class ServerRefusal extends Error {
  constructor(
    message: string,
    /** A wrong or missing option: the CLI prints its usage after the message. */
    readonly aboutOptions = true,
  ) {
    super(message);
  }
}

export interface ServerOptions {
  /** The PostgreSQL database (`postgres://…`); or `db`, a SQLite file. */
  pg?: string;
  db?: string;
  /** The data folder: ledger key and evidence files beside a server database, and the generated certificate. */
  dataDir?: string;
  /** `HOST:PORT` (default 127.0.0.1:5180); any address but 127.0.0.1/::1/localhost is a network address. */
  listen?: string;
  /** Other names the clients use for the server (DNS names, addresses): accepted in the Host header, put in a generated certificate. */
  publicNames?: string[];
  tlsCert?: string;
  tlsKey?: string;
  /** Generate (or reuse) a self-signed certificate in `dataDir/tls`. */
  tlsSelfSigned?: boolean;
  /** Plain http on a network address, asked for explicitly. */
  insecureLan?: boolean;
  staticDir: string;
  ctx: ServiceContext;
  log?: Logger;
}

export interface RunningServer {
  host: RunningHost;
  worker: DbWorkerClient;
  /** Listening on the PC itself (127.0.0.1): the browser host's one-time addresses apply. */
  local: boolean;
  /** SHA-256 fingerprint of the certificate (AA:BB:…), under TLS. */
  fingerprint?: string;
  certFile?: string;
  /** What to print at start (Chinese, for the person who started it). */
  lines: string[];
  close(): Promise<void>;
}

const DEFAULT_PORT = 5180;

/** `HOST:PORT`, `HOST`, `[v6]:PORT` or `:PORT`. */
export function parseListen(text: string | undefined): { host: string; port: number } {
  if (!text) return { host: '127.0.0.1', port: DEFAULT_PORT };
  const m = /^(?:\[([^\]]+)\]|([^:]*))(?::(\d+))?$/.exec(text.trim());
  const host = m ? (m[1] ?? m[2] ?? '') || '127.0.0.1' : '';
  const port = m?.[3] !== undefined ? Number(m[3]) : DEFAULT_PORT;
  if (!m || !Number.isInteger(port) || port < 0 || port > 65535) throw new ServerRefusal(`--listen 应为“地址:端口”，例如 192.168.1.10:5180（收到“${text}”）`);
  if (host !== 'localhost' && host !== '0.0.0.0' && host !== '::' && !net.isIP(host)) {
    throw new ServerRefusal(`--listen 的地址应为本机的 IP 地址（如 192.168.1.10，或 0.0.0.0 表示所有网卡）；服务器的域名请用 --public-name 指定（收到“${host}”）`);
  }
  return { host, port };
}

/** The SHA-256 fingerprint of a PEM certificate, as browsers show it (AA:BB:…). */
export function certificateFingerprint(pem: string | Buffer): string {
  return new crypto.X509Certificate(pem).fingerprint256;
}

function hasOpenssl(): boolean {
  return spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
}

/** The names a generated certificate must cover: the listen address (every address of the PC for 0.0.0.0), the public names, the PC itself. */
function certificateNames(listenHost: string, publicNames: string[]): string[] {
  const wildcard = listenHost === '0.0.0.0' || listenHost === '::';
  const names = wildcard ? [...interfaceAddresses(), os.hostname()] : [listenHost];
  return [...new Set([...names, ...publicNames, '127.0.0.1', 'localhost'].filter(Boolean))];
}

function covers(cert: crypto.X509Certificate, name: string): boolean {
  return net.isIP(name) ? cert.checkIP(name) !== undefined : cert.checkHost(name) !== undefined;
}

/**
 * The self-signed certificate in `dir` (server.crt, server.key): kept across restarts so the fingerprint the clients
 * compared stays the same, made again only when it is missing, expired or does not name an address in use.
 */
export function selfSignedCertificate(dir: string, names: string[]): { cert: Buffer; key: Buffer; certFile: string; generated: boolean } {
  const certFile = path.join(dir, 'server.crt');
  const keyFile = path.join(dir, 'server.key');
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) {
    const cert = fs.readFileSync(certFile);
    try {
      const x = new crypto.X509Certificate(cert);
      if (new Date(x.validTo) > new Date(Date.now() + 86_400_000) && names.every((n) => covers(x, n))) return { cert, key: fs.readFileSync(keyFile), certFile, generated: false };
    } catch {
      // Unreadable: made again below.
    }
  }
  if (!hasOpenssl()) {
    throw new ServerRefusal('生成自签名证书需要 openssl 程序（如 apt-get install openssl），或用 --tls-cert 与 --tls-key 指定本单位的证书文件');
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const san = names.map((n) => (net.isIP(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
  const tmpCert = `${certFile}.${process.pid}.tmp`;
  const tmpKey = `${keyFile}.${process.pid}.tmp`;
  const r = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-sha256', '-days', '825',
      '-subj', '/O=cadre-desk/CN=cadre-desk server', '-addext', `subjectAltName=${san}`, '-keyout', tmpKey, '-out', tmpCert],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) {
    fs.rmSync(tmpCert, { force: true });
    fs.rmSync(tmpKey, { force: true });
    throw new ServerRefusal(`生成自签名证书失败：${(r.stderr || r.stdout || '').trim().split('\n').slice(-2).join(' ')}`);
  }
  fs.chmodSync(tmpKey, 0o600);
  fs.renameSync(tmpKey, keyFile);
  fs.renameSync(tmpCert, certFile);
  return { cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile), certFile, generated: true };
}

/** How to make the first administrator on this database (the CLI against the same server). */
function initAdminHint(options: ServerOptions, dataDir: string): string {
  const target = options.pg ? `--pg '${redactUrl(options.pg)}' --data '${dataDir}'` : `--db '${options.db}'`;
  return `npm run -s cli -- ${target} init --admin 用户名 --name 姓名`;
}

/**
 * `npm run server`: the renderer and the API of the browser host, on a PostgreSQL database (or a SQLite file), for
 * browsers on the department's network. On 127.0.0.1 (the default) it is the browser host with its one-time
 * addresses. On any other address it refuses to start without TLS (unless `insecureLan`) and without accounts,
 * and then serves signed-in sessions only (see startHost's `server`).
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? console;
  if (!!options.pg === !!options.db) throw new ServerRefusal('请用 --pg postgres://用户@主机/数据库 指定 PostgreSQL 数据库（或用 --db 指定 SQLite 文件）');
  if (options.pg && !isPostgresUrl(options.pg)) throw new ServerRefusal('--pg 应为 postgres://用户@主机:端口/数据库 形式的地址');
  if (options.pg && !options.dataDir) throw new ServerRefusal('请用 --data 指定服务器的数据目录（存放归档账本密钥、佐证材料与证书）');
  const dataDir = path.resolve(options.dataDir ?? path.dirname(path.resolve(options.db!)));
  const { host: listenHost, port } = parseListen(options.listen);
  const local = isLoopbackName(listenHost);
  const publicNames = (options.publicNames ?? []).map((n) => n.trim()).filter(Boolean);
  if ((options.tlsCert === undefined) !== (options.tlsKey === undefined)) throw new ServerRefusal('--tls-cert 与 --tls-key 须同时指定（证书文件与私钥文件）');
  const tlsAsked = options.tlsCert !== undefined || !!options.tlsSelfSigned;
  if (tlsAsked && options.insecureLan) throw new ServerRefusal('--insecure-lan 不能与 --tls-cert 或 --tls-self-signed 同时使用');
  if (!local && !tlsAsked && !options.insecureLan) {
    throw new ServerRefusal(
      `监听网络地址 ${listenHost} 时须使用 HTTPS，否则密码与干部档案在网络上明文传输。请任选其一：\n` +
        `  --tls-cert 证书.pem --tls-key 私钥.pem   使用本单位的证书\n` +
        `  --tls-self-signed                       在数据目录中生成自签名证书（启动时显示指纹，供各台电脑核对）\n` +
        `  --insecure-lan                          明确接受不加密（仅限与外界隔离的内部网络）`,
    );
  }

  // TLS material first (a wrong file is refused before the database is opened).
  let tls: { cert: Buffer; key: Buffer } | undefined;
  let certFile: string | undefined;
  let generated = false;
  if (options.tlsCert !== undefined) {
    try {
      tls = { cert: fs.readFileSync(options.tlsCert), key: fs.readFileSync(options.tlsKey!) };
      certificateFingerprint(tls.cert);
      crypto.createPrivateKey(tls.key);
    } catch (err) {
      throw new ServerRefusal(`无法读取证书或私钥（应为 PEM 格式）：${err instanceof Error ? err.message : String(err)}`);
    }
    certFile = path.resolve(options.tlsCert);
  }

  const target = options.pg ? { url: options.pg, dataDir } : path.resolve(options.db!);
  let worker: DbWorkerClient;
  try {
    worker = await DbWorkerClient.start(target, log, { sessionsOnly: !local });
  } catch (err) {
    const where = options.pg ? `PostgreSQL ${serverName(options.pg)}` : String(target);
    throw new Error(`无法打开数据库（${where}）：${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    if (!local) {
      const session = await worker.route('auth:session', {}, { ...options.ctx, mode: 'browser' });
      if (!session.ok) throw new Error(`无法读取账户：${session.error.message}`);
      if (!(session.result as { accountsExist: boolean }).accountsExist) {
        throw new ServerRefusal(
          `数据库中还没有任何账户：在网络地址 ${listenHost} 上，单位服务器只接受登录后的访问。\n` +
            `请先创建系统管理员账户（密码取自环境变量 CADRE_DESK_PASSWORD 或在终端中输入）：\n  ${initAdminHint(options, dataDir)}\n` +
            `然后再启动服务器，由管理员登录后在 系统 → 用户管理 中为各位经办人、审核人建立账户。`,
          false,
        );
      }
    }
    if (options.tlsSelfSigned) {
      const made = selfSignedCertificate(path.join(dataDir, 'tls'), certificateNames(listenHost, publicNames));
      tls = { cert: made.cert, key: made.key };
      certFile = made.certFile;
      generated = made.generated;
    }
    const host = await startHost({
      route: worker.route,
      ctx: options.ctx,
      staticDir: options.staticDir,
      port,
      listenHost,
      tls,
      server: local ? undefined : { publicNames },
      log,
    });
    const fingerprint = tls ? certificateFingerprint(tls.cert) : undefined;
    const lines = [
      `挂职干部管理系统（${local ? '本机浏览器版' : '单位服务器'}）已启动：${local ? host.openUrl : host.url}`,
      `数据库：${options.pg ? `PostgreSQL ${serverName(options.pg)}` : target}`,
      `数据目录：${dataDir}`,
    ];
    if (!local && host.allowedHosts.length) lines.push(`接受的访问地址：${host.allowedHosts.map((h) => `${tls ? 'https' : 'http'}://${h}/`).join('  ')}`);
    if (fingerprint) {
      lines.push(`证书${generated ? '（新生成的自签名证书）' : ''}：${certFile}`);
      lines.push(`证书指纹（SHA-256）：${fingerprint}`);
      if (options.tlsSelfSigned) lines.push('各台电脑首次打开时浏览器会提示证书不受信任：请核对浏览器显示的 SHA-256 指纹与上面一致后再继续（或把该证书导入各台电脑的受信任证书）。');
    }
    if (!local && !tls) lines.push('警告：未加密（--insecure-lan）：密码与干部档案在网络上明文传输，只应在与外界隔离的内部网络中使用。');
    if (local) lines.push('只监听本机：请在本机浏览器中打开上面的地址（只能使用一次）；需要新的地址请按回车键。');
    else lines.push('各位用户在浏览器中打开上面的地址并用自己的账户登录。');
    return {
      host,
      worker,
      local,
      fingerprint,
      certFile,
      lines,
      close: async () => {
        await host.close();
        await worker.close();
      },
    };
  } catch (err) {
    await worker.close();
    throw err;
  }
}
