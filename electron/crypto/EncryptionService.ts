import fs from 'node:fs';
import { AppError, conflict, validationError } from '../../shared/errors';
import type { BackupInfo } from '../../shared/backup';
import type { BackupService } from '../backup/BackupService';
import { exportDatabase } from '../backup/sqliteFiles';
import type { Database } from '../db/Database';
import { openDatabase, openReadConnection } from '../db/dataSource';
import type { SqliteDatabase } from '../db/sqliteDriver';
import type { AuditLog } from '../services/AuditLog';
import type { EvidenceStore } from '../services/EvidenceStore';
import type { ServiceContext } from '../services/ServiceContext';
import { keyInfoPath, newDataKey, passwordRefusal, readKeyInfo, unlockDataKey, writeKeyInfo, type DataKey, type KeyInfo } from './dataKey';
import type { KeyRing } from './KeyRing';

/** Why 数据加密 is refused on a database server. */
export const SERVER_REFUSAL = '数据库服务器上的数据由服务器的磁盘加密与访问控制保护，本功能只用于单机数据库';

/** What the 数据加密 screen shows. */
export interface EncryptionStatus {
  encrypted: boolean;
}

/**
 * Encryption at rest, opt-in: turning it on encrypts the database (SQLCipher), the evidence files (AES-256-GCM) and
 * every backup with keys derived from the department's password; changing the password re-keys all three. A
 * backup is made first, itself encrypted. The password cannot be recovered: the screens say so before.
 * Other windows and the CLI must be closed meanwhile (the file is replaced).
 */
export class EncryptionService {
  constructor(
    private readonly db: Database,
    private readonly dbFile: string,
    private readonly keys: KeyRing,
    private readonly backups: BackupService,
    private readonly evidence: EvidenceStore,
    private readonly audit: AuditLog,
  ) {}

  status(): EncryptionStatus {
    return { encrypted: this.keys.key !== null };
  }

  /** Encrypts a plain database with a new password. */
  async enable(ctx: ServiceContext, password: string): Promise<{ safetyBackup: BackupInfo; encryptedBackups: number }> {
    this.refuseOnServer();
    if (this.keys.key) throw conflict('数据库已经加密；如需更换密码，请使用“修改密码”');
    const refusal = passwordRefusal(password);
    if (refusal) throw validationError(refusal);
    const next = newDataKey(password);
    // A backup first — encrypted with the new password, so no readable copy stays behind — then the older backups.
    const safetyBackup = await this.backups.backup(ctx, { reason: '手动', encryptWith: next });
    const encryptedBackups = await this.backups.encryptExisting(next);
    await this.rekey(null, next);
    await this.record(ctx, '启用数据加密', `数据库、佐证材料与 ${encryptedBackups + 1} 个备份已加密`);
    return { safetyBackup, encryptedBackups };
  }

  /** A new password: the database and the evidence files are re-encrypted. Backups keep the password they were made with. */
  async changePassword(ctx: ServiceContext, current: string, next: string): Promise<void> {
    this.refuseOnServer();
    const info = readKeyInfo(this.dbFile);
    if (!this.keys.key || !info) throw conflict('数据库没有加密：请先启用加密');
    try {
      unlockDataKey(current, info);
    } catch {
      throw validationError('当前密码：密码不正确');
    }
    const refusal = passwordRefusal(next);
    if (refusal) throw validationError(refusal.replace('数据库密码', '新密码'));
    if (current === next) throw validationError('新密码：与当前密码相同');
    await this.rekey(this.keys.key, newDataKey(next));
    await this.record(ctx, '修改数据库密码', '数据库与佐证材料已用新密码重新加密；此前的备份仍用备份时的密码恢复');
  }

  /**
   * Writes the database into a new file under the new key (sqlcipher_export), swaps it in with the connections
   * closed, then rewrites the evidence files. A failure before the swap leaves everything as it was.
   */
  private async rekey(from: DataKey | null, to: { key: DataKey; info: KeyInfo }): Promise<void> {
    const staged = `${this.dbFile}.rekey`;
    const aside = `${this.dbFile}.before-rekey`;
    fs.rmSync(staged, { force: true });
    await this.db.exclusive((h) => exportDatabase(h as SqliteDatabase, staged, to.key.sqlKey));
    const open = (sqlKey: string | undefined) => async () => {
      const writer = await openDatabase({ file: this.dbFile, sqlKey });
      return { writer, reader: await openReadConnection(this.dbFile, sqlKey) };
    };
    const infoFile = keyInfoPath(this.dbFile);
    const oldInfo = readKeyInfo(this.dbFile);
    await this.db.reconnect(
      async () => {
        for (const suffix of ['-wal', '-shm']) fs.rmSync(this.dbFile + suffix, { force: true });
        fs.renameSync(this.dbFile, aside);
        try {
          fs.renameSync(staged, this.dbFile);
          writeKeyInfo(infoFile, to.info);
        } catch (err) {
          fs.rmSync(this.dbFile, { force: true });
          fs.renameSync(aside, this.dbFile);
          if (oldInfo) writeKeyInfo(infoFile, oldInfo);
          else fs.rmSync(infoFile, { force: true });
          throw err;
        }
      },
      open(to.key.sqlKey),
      open(from?.sqlKey),
    );
    this.keys.key = to.key;
    this.evidence.rewriteAll(from?.fileKey ?? null, to.key.fileKey);
    fs.rmSync(aside, { force: true });
  }

  /** A database server's data is protected by the server's disk encryption and access rules, not by this feature. */
  private refuseOnServer(): void {
    if (this.db.postgres) throw conflict(SERVER_REFUSAL);
  }

  private record(ctx: ServiceContext, action: string, note: string): Promise<void> {
    return this.db.write((m) => this.audit.record(m, ctx, { entityType: 'security', entityId: 'database', action, changes: {}, note }));
  }
}

/** The key of an encrypted database file, from its keyinfo and the password (null for a plain file). */
export function keyForFile(dbFile: string, encrypted: boolean, password: string | undefined): DataKey | null {
  if (!encrypted) return null;
  const info = readKeyInfo(dbFile);
  if (!info) throw new AppError('CONFLICT', `数据库文件“${dbFile}”不是普通的数据库文件：它已损坏，或是缺少密钥信息文件（${keyInfoPath(dbFile)}）的加密数据库。请从备份中恢复`);
  if (!password) throw new AppError('LOCKED', '数据库已加密：请输入数据库密码');
  return unlockDataKey(password, info);
}
