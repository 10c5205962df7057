import { parentPort } from 'node:worker_threads';
import { dispatch } from '../api/dispatch';
import { createHandlers, type CallContext, type Handlers } from '../api/handlers';
import type { ApiEnvelope } from '../../shared/contract';
import { UnlockSchema } from '../../shared/channels/security';
import { AppError, toApiError } from '../../shared/errors';
import { accessFor } from '../auth/Access';
import { isPostgresUrl } from '../db/target';
import { AppServices } from '../services/AppServices';
import { systemContext } from '../services/ServiceContext';
import type { FromWorker, ToWorker } from './protocol';
import { SIGN_IN_SCREEN_CHANNELS } from '../api/signInScreen';

/**
 * The database worker: opens the database, builds the services and answers contract calls from its host.
 * Everything with a database or a file behind it runs here, off the thread that draws the window.
 */
if (!parentPort) throw new Error('dbWorker 只能作为工作线程运行');
const port = parentPort;
const post = (m: FromWorker) => port.postMessage(m);

let services: AppServices | null = null;
let handlers: Handlers | null = null;
let nextShellId = 1;
const shellWaiting = new Map<number, (result: string) => void>();

/** Asks the host to open a file with the system viewer; resolves with '' or the failure text. */
function openFileInHost(path: string): Promise<string> {
  const id = nextShellId++;
  return new Promise((resolve) => {
    shellWaiting.set(id, resolve);
    post({ type: 'shell', id, op: 'openFile', path });
  });
}

const log = { error: (...args: unknown[]) => console.error('[dbWorker]', ...args) };
let dbFile = '';
let dataDir: string | undefined;
let sessionsOnly = false;

const SIGN_IN_SCREEN = SIGN_IN_SCREEN_CHANNELS;

async function openServices(password?: string): Promise<void> {
  if (isPostgresUrl(dbFile)) {
    // The server database: its backups are the server's (pg_dump), not the desktop's daily file copy.
    services = await AppServices.open(dbFile, { dataDir });
    handlers = createHandlers(services);
    return;
  }
  services = await AppServices.open(dbFile, { backupBeforeMigrations: true, password });
  handlers = createHandlers(services);
  // The first start of the day backs up, in the background: the window is usable meanwhile.
  services.backups.dailyIfDue(systemContext()).catch((err) => log.error('daily backup failed', err));
}

/**
 * On the department server a database without accounts would let every call through (the desktop's behaviour
 * before accounts): refuse all but the sign-in screen, and the first administrator is made with the CLI.
 */
async function refusedWithoutAccounts(channel: string): Promise<ApiEnvelope<unknown> | null> {
  if (!sessionsOnly || !services || SIGN_IN_SCREEN.has(channel)) return null;
  if (await accessFor(services).accounts.hasAccounts()) return null;
  return { ok: false, error: { code: 'FORBIDDEN', message: '单位服务器上还没有任何账户：请系统管理员先用命令行 init --admin 创建管理员账户' } };
}

/** The answers of a locked (encrypted, not yet opened) database: its status, the unlock, and a refusal for the rest. */
async function whileLocked(channel: string, input: unknown): Promise<ApiEnvelope<unknown>> {
  if (!dbFile) return { ok: false, error: { code: 'INTERNAL', message: '数据库尚未打开' } };
  if (channel === 'security:status') return { ok: true, result: { encrypted: true, locked: true } };
  if (channel !== 'security:unlock') return { ok: false, error: { code: 'LOCKED', message: '数据库已加密：请先输入数据库密码解锁' } };
  const parsed = UnlockSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: toApiError(parsed.error) };
  try {
    await openServices(parsed.data.password);
    return { ok: true, result: { encrypted: true, locked: false } };
  } catch (err) {
    const error = toApiError(err);
    if (error.code === 'INTERNAL') log.error('unlock failed', err);
    return { ok: false, error };
  }
}

port.on('message', async (msg: ToWorker) => {
  switch (msg.type) {
    case 'open':
      dbFile = msg.dbFile;
      dataDir = msg.dataDir;
      sessionsOnly = !!msg.sessionsOnly;
      try {
        await openServices();
        post({ type: 'opened', dbFile: msg.dbFile });
      } catch (err) {
        if (err instanceof AppError && err.code === 'LOCKED') {
          // An encrypted database: the window asks for the password (security:unlock) before anything else.
          post({ type: 'opened', dbFile: msg.dbFile });
          return;
        }
        log.error('open failed', err);
        post({ type: 'openFailed', message: err instanceof Error ? err.message : String(err) });
      }
      return;
    case 'call': {
      if (!handlers) {
        post({ type: 'result', id: msg.id, envelope: await whileLocked(msg.channel, msg.input) });
        return;
      }
      const ctx: CallContext = {
        actor: msg.ctx.actor,
        mode: msg.ctx.mode,
        sessionToken: msg.ctx.sessionToken,
        openFile: msg.ctx.canOpenFiles ? openFileInHost : undefined,
        progress: (progress) => post({ type: 'progress', id: msg.id, progress }),
      };
      const envelope = (await refusedWithoutAccounts(msg.channel).catch(() => null)) ?? (await dispatch(handlers, msg.channel, msg.input, ctx, log));
      post({ type: 'result', id: msg.id, envelope });
      return;
    }
    case 'shellResult':
      shellWaiting.get(msg.id)?.(msg.result);
      shellWaiting.delete(msg.id);
      return;
    case 'close':
      await services?.close();
      services = null;
      handlers = null;
      post({ type: 'closed' });
      return;
  }
});
