import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';

/**
 * Encryption at rest. The department's password is stretched with scrypt (salt and cost kept beside the database
 * in `<name>.keyinfo`, which holds nothing secret) into 64 bytes: the first 32 are SQLCipher's raw database key,
 * the last 32 the AES-256-GCM key of the evidence files. A check value tells a wrong password from a damaged file.
 */
export interface KeyInfo {
  version: 1;
  kdf: 'scrypt';
  /** scrypt cost parameters. */
  N: number;
  r: number;
  p: number;
  salt: string;
  /** HMAC-SHA256 of a fixed text with the derived keys: a wrong password gives another value. */
  check: string;
}

export interface DataKey {
  /** SQLCipher's raw key, as `PRAGMA key` takes it: `x'…64 hex…'`. */
  sqlKey: string;
  /** AES-256-GCM key for evidence files. */
  fileKey: Buffer;
}

const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const CHECK_TEXT = 'cadre-desk-data-key';

/** `cadre.db` → `cadre.keyinfo`. */
export function keyInfoPath(dbFile: string): string {
  return path.join(path.dirname(dbFile), `${path.basename(dbFile).replace(/\.[^.]+$/, '')}.keyinfo`);
}

function derive(password: string, info: Omit<KeyInfo, 'check'>): { key: DataKey; check: string } {
  const bytes = crypto.scryptSync(password.normalize('NFC'), Buffer.from(info.salt, 'base64'), 64, { N: info.N, r: info.r, p: info.p, maxmem: 256 * info.N * info.r });
  const dbKey = bytes.subarray(0, 32);
  const fileKey = Buffer.from(bytes.subarray(32));
  const check = crypto.createHmac('sha256', bytes).update(CHECK_TEXT).digest('hex');
  return { key: { sqlKey: `x'${dbKey.toString('hex')}'`, fileKey }, check };
}

/** A fresh salt and the keys for a new password (the database is then encrypted with them). */
export function newDataKey(password: string): { key: DataKey; info: KeyInfo } {
  const base = { version: 1 as const, kdf: 'scrypt' as const, ...SCRYPT, salt: crypto.randomBytes(16).toString('base64') };
  const { key, check } = derive(password, base);
  return { key, info: { ...base, check } };
}

/** The keys for `password`, or a Chinese refusal when it is not this database's password. */
export function unlockDataKey(password: string, info: KeyInfo): DataKey {
  const { key, check } = derive(password, info);
  if (!crypto.timingSafeEqual(Buffer.from(check, 'hex'), Buffer.from(info.check, 'hex'))) throw new AppError('VALIDATION', '数据库密码：密码不正确');
  return key;
}

export function readKeyInfo(dbFile: string): KeyInfo | null {
  const file = keyInfoPath(dbFile);
  if (!fs.existsSync(file)) return null;
  try {
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyInfo;
    return info.version === 1 && info.kdf === 'scrypt' ? info : null;
  } catch {
    return null;
  }
}

/** Written whole, then renamed in place. */
export function writeKeyInfo(file: string, info: KeyInfo): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(info, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** An SQLite file starts with this text; an encrypted one does not (its first 16 bytes are random). */
export function isPlainSqlite(file: string): boolean {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return true;
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    return head.toString('latin1') === 'SQLite format 3\0';
  } finally {
    fs.closeSync(fd);
  }
}

/** Password rules for the database password, with the field named. */
export function passwordRefusal(password: string): string | null {
  if (password.length < 8) return '数据库密码：至少8个字符';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '数据库密码：须同时包含字母和数字';
  return null;
}

// ---- Evidence files ---------------------------------------------------------------------------------------------

const MAGIC = Buffer.from('CDENC1\0\0', 'latin1');

export function isEncryptedFile(bytes: Buffer): boolean {
  return bytes.length >= MAGIC.length && bytes.subarray(0, MAGIC.length).equals(MAGIC);
}

/** `CDENC1` + 12-byte IV + AES-256-GCM ciphertext + 16-byte tag. */
export function encryptBytes(key: Buffer, plain: Buffer): Buffer {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([MAGIC, iv, body, c.getAuthTag()]);
}

/** The plain bytes; a file written before encryption was enabled is returned as it is. */
export function decryptBytes(key: Buffer | null, stored: Buffer): Buffer {
  if (!isEncryptedFile(stored)) return stored;
  if (!key) throw new AppError('CONFLICT', '该文件已加密，需要先用数据库密码解锁');
  const iv = stored.subarray(MAGIC.length, MAGIC.length + 12);
  const tag = stored.subarray(stored.length - 16);
  const d = crypto.createDecipheriv('aes-256-gcm', key, iv);
  d.setAuthTag(tag);
  try {
    return Buffer.concat([d.update(stored.subarray(MAGIC.length + 12, stored.length - 16)), d.final()]);
  } catch {
    throw new AppError('CONFLICT', '文件无法解密：文件被改动或损坏，或不是用当前数据库密码加密的');
  }
}
