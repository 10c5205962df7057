import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { isPostgresUrl, serverName } from './target';

/**
 * What went wrong with the disk or the database file, in words a clerk can act on: a full disk, a read-only
 * folder, another program holding the file, a file that cannot be opened or is damaged. Each names the folder
 * (and for a full disk the space left), because "程序内部错误" helps nobody on an office PC with a full C: drive.
 */

/** The SQLite result code or Node error code carried by an error (`SQLITE_FULL`, `ENOSPC`, …), if any. */
export function faultCode(err: unknown): string | null {
  const e = err as { code?: unknown; message?: unknown } | null;
  const text = `${typeof e?.code === 'string' ? e.code : ''} ${String(e?.message ?? err ?? '')}`;
  const m = /\b(SQLITE_[A-Z_]+|ENOSPC|EROFS|EACCES|EPERM|EDQUOT|EIO|ENOENT)\b/.exec(text);
  if (m) return m[1];
  if (/database or disk is full/i.test(text)) return 'SQLITE_FULL';
  if (/database is locked/i.test(text)) return 'SQLITE_BUSY';
  if (/attempt to write a readonly database/i.test(text)) return 'SQLITE_READONLY';
  if (/unable to open database file/i.test(text)) return 'SQLITE_CANTOPEN';
  if (/file is not a database|database disk image is malformed/i.test(text)) return 'SQLITE_CORRUPT';
  return null;
}

/** Free space on the disk that holds `dir`, in whole megabytes (null when the system cannot say). */
export function freeMegabytes(dir: string): number | null {
  try {
    const s = fs.statfsSync(dir);
    return Math.floor((Number(s.bavail) * Number(s.bsize)) / (1024 * 1024));
  } catch {
    return null;
  }
}

export function diskFullMessage(dir: string, what = '本次修改未保存'): string {
  const free = freeMegabytes(dir);
  return `磁盘空间不足：数据文件夹“${dir}”所在磁盘${free === null ? '' : `剩余 ${free} MB`}，${what}。请清理磁盘空间后重试`;
}

/** The storage fault behind `err` as a Chinese STORAGE AppError naming `dbFile`'s folder; null for anything else. */
export function storageFault(err: unknown, dbFile: string): AppError | null {
  if (err instanceof AppError) return null;
  if (isPostgresUrl(dbFile)) return serverFault(err, dbFile);
  const code = faultCode(err);
  if (!code) return null;
  const dir = path.dirname(path.resolve(dbFile));
  switch (code) {
    case 'SQLITE_FULL':
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError('STORAGE', diskFullMessage(dir));
    case 'SQLITE_READONLY':
    case 'SQLITE_READONLY_DBMOVED':
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new AppError('STORAGE', `数据文件夹“${dir}”是只读的或没有写入权限，本次修改未保存。请检查该文件夹的权限，或把数据库放到可写的位置`);
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new AppError('STORAGE', '数据库正被另一个程序使用（如命令行导入或另一个窗口），本次修改未保存，请稍候重试');
    case 'SQLITE_CANTOPEN':
    case 'ENOENT':
      return new AppError('STORAGE', `无法打开数据库文件“${path.resolve(dbFile)}”：文件夹不存在、没有访问权限或磁盘已拔出`);
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return new AppError('STORAGE', `数据库文件“${path.resolve(dbFile)}”已损坏或不是本程序的数据库。请在“系统 → 备份与恢复”中从备份恢复`);
    case 'SQLITE_IOERR':
    case 'EIO':
      return new AppError('STORAGE', `读写数据文件夹“${dir}”时磁盘出错，本次修改未保存。请检查磁盘（或U盘、网络盘是否已断开）后重试`);
    default:
      return null;
  }
}

/**
 * The fault behind an error from a PostgreSQL server (its SQLSTATE in `code`, or a Node socket error), naming the
 * server (never the password): it cannot be reached, its disk is full, it is read-only (a standby, or
 * `default_transaction_read_only`), it refused the sign-in or has no such database, it is shutting down or full.
 */
export function serverFault(err: unknown, url: string): AppError | null {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const server = serverName(url);
  switch (true) {
    case ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE'].includes(code):
    case code.startsWith('08'):
    case /Connection terminated|connection timeout/i.test(String((err as Error)?.message ?? '')):
      return new AppError('STORAGE', `无法连接数据库服务器 ${server}：服务器未启动、网络不通或端口被防火墙拦截，本次操作未完成。请检查网络或联系系统管理员`);
    case code === '53100':
      return new AppError('STORAGE', `数据库服务器 ${server} 的磁盘空间不足，本次修改未保存。请联系系统管理员清理服务器磁盘后重试`);
    case code === '53200':
      return new AppError('STORAGE', `数据库服务器 ${server} 内存不足，本次操作未完成，请稍后重试`);
    case code === '53300':
      return new AppError('STORAGE', `数据库服务器 ${server} 的连接数已满，本次操作未完成，请稍后重试`);
    case code === '25006':
      return new AppError('STORAGE', `数据库服务器 ${server} 当前只读（备用服务器或维护中），本次修改未保存。请联系系统管理员`);
    case code === '28P01' || code === '28000':
      return new AppError('STORAGE', `数据库服务器 ${server} 拒绝了登录：用户名或密码不正确，或该账户无权连接`);
    case code === '3D000':
      return new AppError('STORAGE', `数据库服务器 ${server} 上没有该数据库，请检查连接地址`);
    case code === '57P01' || code === '57P02' || code === '57P03':
      return new AppError('STORAGE', `数据库服务器 ${server} 正在关闭或重启，本次操作未完成，请稍后重试`);
    case code === '58030' || code === 'XX001' || code === 'XX002':
      return new AppError('STORAGE', `数据库服务器 ${server} 读写磁盘出错，本次修改未保存。请联系系统管理员检查服务器`);
    default:
      return null;
  }
}
