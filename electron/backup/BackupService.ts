import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError, conflict } from '../../shared/errors';
import { decryptBytes, encryptBytes, keyInfoPath, readKeyInfo, unlockDataKey, writeKeyInfo, type DataKey, type KeyInfo } from '../crypto/dataKey';
import type { KeyRing } from '../crypto/KeyRing';
import { describeSnapshot, exportDatabase, exportFile, integrityOf, replaceAllRows, snapshotInto } from './sqliteFiles';
import type { SqliteDatabase } from '../db/sqliteDriver';
import type { BackupInfo, BackupList, RestorePreview } from '../../shared/backup';
import type { JobProgress } from '../../shared/jobProgress';
import { APP_VERSION } from '../appVersion';
import { ledgerKeyPath } from '../archive/ledgerKey';
import type { Database } from '../db/Database';
import { ArchiveLedgerHeadEntity } from '../db/entities';
import type { ServiceContext } from '../services/ServiceContext';
import type { SettingService } from '../services/SettingService';
import { evidenceRelativePath, evidenceRootFor, evidenceStorageFault, locateEvidence, writeAtomically } from '../services/EvidenceStore';
import { DATABASE_MEMBER, EVIDENCE_PREFIX, LEDGER_KEY_MEMBER, extractBackupArchive, inspectBackupArchive, writeBackupArchive, type BackupManifest, type MemberSource } from './backupArchive';
import { BACKUP_EXTENSION, backupFileName, localDay, parseBackupFileName, toPrune, type BackupReason } from './backupNames';
import { describeServer, refuseOtherEngine, restoreServerDatabase, stageServerBackup, writeServerBackup } from './serverBackup';
import { ArchiveLedger } from '../archive/ArchiveLedger';
import { ArchiveVerifier } from '../services/ArchiveVerifier';

/** What restoring needs from the app: check a staged copy as the app would open it, then swap it in. */
export interface RestoreHooks {
  /** Opens the staged database with the app's services (migrating an older one) and runs `verify` on it. */
  verifyStaged(stagedDbFile: string, password?: string): Promise<{ ok: boolean; problems: string[] }>;
}

/** Everything a backup needs besides a snapshot of the database: where the key and the evidence files are. */
export interface BackupSource {
  /** The live database file (the ledger key and the database's evidence folder sit beside it). */
  dbFile: string;
  /** Writes a consistent copy of the committed database to `file` (VACUUM INTO: encrypted like the live one). */
  snapshot(file: string): Promise<void>;
  /** The key the snapshot is encrypted with and its keyinfo (null: plain). */
  key: { key: DataKey; info: KeyInfo } | null;
  /** The key the evidence files on disk are encrypted with now (null: plain). */
  evidenceKey: Buffer | null;
}

/**
 * Writes one backup file: the snapshot, the ledger key and the evidence files the snapshot names, with a manifest.
 * Used by the backup service and, before the service exists, by the automatic backup before a schema migration.
 */
export async function writeBackup(
  source: BackupSource,
  out: string,
  meta: { reason: BackupReason; actor: string },
  onProgress?: (p: JobProgress) => void,
): Promise<{ manifest: BackupManifest; missingEvidence: string[] }> {
  if (fs.existsSync(out)) throw conflict(`备份文件已存在：${out}（请换一个文件名）`);
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-desk-backup-'));
  const step = (stage_: string, done: number) => onProgress?.({ stage: stage_, done, total: 3 });
  try {
    step('生成数据库快照', 0);
    const snapshot = path.join(stage, 'cadre.db');
    await source.snapshot(snapshot);
    step('核对快照', 1);
    const info = await describeSnapshot(snapshot, source.key?.key.sqlKey);
    const sources: MemberSource[] = [{ name: DATABASE_MEMBER, file: snapshot }];
    const keyFile = ledgerKeyPath(source.dbFile);
    if (fs.existsSync(keyFile)) sources.push({ name: LEDGER_KEY_MEMBER, file: keyFile });
    const ownRoot = evidenceRootFor(source.dbFile) + path.sep;
    const missingEvidence: string[] = [];
    const targetFileKey = source.key?.key.fileKey ?? null;
    for (const e of info.evidence) {
      const name = evidenceRelativePath(e.sha256, e.ext);
      // The database's own evidence folder; before its first open by this version, the folder databases shared.
      const file = locateEvidence(source.dbFile, e.sha256, e.ext);
      if (!file) {
        missingEvidence.push(name);
        continue;
      }
      const own = file.startsWith(ownRoot);
      // Stored bytes as they are when the backup's key is the one on disk; otherwise re-encrypted for the backup.
      if (own && sameKey(source.evidenceKey, targetFileKey)) sources.push({ name: EVIDENCE_PREFIX + name, file });
      else {
        const stored = fs.readFileSync(file);
        let plain: Buffer;
        try {
          plain = decryptBytes(source.evidenceKey, stored);
        } catch (err) {
          // A file of the old shared folder that another database encrypted: kept as it is rather than left out.
          if (own) throw err;
          sources.push({ name: EVIDENCE_PREFIX + name, file });
          continue;
        }
        const copy = path.join(stage, 'evidence', name);
        fs.mkdirSync(path.dirname(copy), { recursive: true });
        fs.writeFileSync(copy, targetFileKey ? encryptBytes(targetFileKey, plain) : plain);
        sources.push({ name: EVIDENCE_PREFIX + name, file: copy });
      }
    }
    step('写入备份文件', 2);
    const manifest = await writeBackupArchive(
      out,
      { format: 'cadre-desk-backup', formatVersion: 1, appVersion: APP_VERSION, schemaVersion: info.schemaVersion, createdAt: new Date().toISOString(), reason: meta.reason, actor: meta.actor, counts: info.counts, ledgerHead: info.ledgerHead, encryption: source.key?.info ?? null },
      sources,
    );
    step('完成', 3);
    return { manifest, missingEvidence };
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

const sameKey = (a: Buffer | null, b: Buffer | null) => (a === null ? b === null : b !== null && a.equals(b));

/** `name.cdbak`, or `name (2).cdbak`, … when a backup of the same minute is already there. */
function freeName(file: string): string {
  for (let i = 2; fs.existsSync(file); i++) file = file.replace(/(?: \(\d+\))?\.cdbak$/, ` (${i}).cdbak`);
  return file;
}

/** `backups` beside the database: the default backup folder. */
export const defaultBackupFolder = (dbFile: string) => path.join(path.dirname(path.resolve(dbFile)), 'backups');

/**
 * 数据备份: consistent online backups (VACUUM INTO through a read-only connection of its own: the last committed state, while
 * writes go on) packed with the ledger key and the evidence files into one `.cdbak`; daily automatic backups
 * with retention; restore that checks a backup completely before it replaces anything.
 */
export class BackupService {
  constructor(
    private readonly db: Database,
    readonly dbFile: string,
    private readonly settings: SettingService,
    private readonly hooks: RestoreHooks,
    private readonly keys: KeyRing,
  ) {}

  /** The live database's key with its keyinfo, or null while it is not encrypted. */
  private liveKey(): { key: DataKey; info: KeyInfo } | null {
    const info = readKeyInfo(this.dbFile);
    return this.keys.key && info ? { key: this.keys.key, info } : null;
  }

  /** The backup folder: the setting, or `backups` beside the database. */
  async folder(): Promise<string> {
    return (await this.settings.get()).backupFolder || defaultBackupFolder(this.dbFile);
  }

  /**
   * Backs up now into `out` (default: the backup folder, named by date). Never a copy of a file being written:
   * SQLite writes a consistent snapshot of the committed state, then the evidence files it names are added.
   */
  async backup(
    ctx: ServiceContext,
    options: { out?: string; reason?: BackupReason; onProgress?: (p: JobProgress) => void; encryptWith?: { key: DataKey; info: KeyInfo } } = {},
  ): Promise<BackupInfo> {
    const reason = options.reason ?? '手动';
    const out = options.out ? path.resolve(options.out) : freeName(path.join(await this.folder(), backupFileName(new Date(), reason)));
    if (this.db.postgres) {
      // A server database: pg_dump's custom format, with the key and evidence of the server's data folder.
      const { manifest, missingEvidence } = await writeServerBackup(this.serverUrl(), this.dbFile, out, { reason, actor: ctx.actor }, options.onProgress);
      return { ...this.infoOf(out, manifest), missingEvidence };
    }
    const target = options.encryptWith ?? this.liveKey();
    const source: BackupSource = {
      dbFile: this.dbFile,
      // VACUUM INTO keeps the live key; a backup under another key is exported (turning encryption on).
      snapshot: (file) =>
        target?.key.sqlKey === this.keys.sqlKey
          ? snapshotInto(this.dbFile, file, this.keys.sqlKey)
          : this.db.exclusive((h) => exportDatabase(h as SqliteDatabase, file, target?.key.sqlKey)),
      key: target,
      evidenceKey: this.keys.fileKey,
    };
    const { manifest, missingEvidence } = await writeBackup(source, out, { reason, actor: ctx.actor }, options.onProgress);
    return { ...this.infoOf(out, manifest), missingEvidence };
  }

  /** The backups in the backup folder, newest first, with what each holds (a damaged one is listed as such). */
  async list(): Promise<BackupList> {
    const folder = await this.folder();
    const names = fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith(BACKUP_EXTENSION)) : [];
    const items: BackupList['items'] = [];
    for (const name of names) {
      const file = path.join(folder, name);
      try {
        items.push(this.infoOf(file, await inspectBackupArchive(file)));
      } catch (err) {
        items.push({ file, fileName: name, size: fs.statSync(file).size, createdAt: '', reason: parseBackupFileName(name)?.reason ?? '手动', actor: '', schemaVersion: '', appVersion: '', counts: {}, ledgerHead: null, encrypted: false, damaged: err instanceof Error ? err.message : String(err) });
      }
    }
    // Newest first by the time the snapshot was taken (damaged ones, without it, by name at the end).
    items.sort((a, b) => (b.createdAt || '').localeCompare(a.createdAt || '') || b.fileName.localeCompare(a.fileName));
    return { folder, defaultFolder: defaultBackupFolder(this.dbFile), items };
  }

  /** A daily backup on the first start of the day, then the automatic backups beyond the retention are deleted. */
  async dailyIfDue(ctx: ServiceContext, now = new Date()): Promise<BackupInfo | null> {
    const folder = await this.folder();
    const today = localDay(now);
    const names = fs.existsSync(folder) ? fs.readdirSync(folder) : [];
    if (names.some((n) => parseBackupFileName(n)?.reason === '自动' && parseBackupFileName(n)?.day === today)) return null;
    if (!(await this.hasData())) return null;
    const made = await this.backup(ctx, { reason: '自动', out: path.join(folder, backupFileName(now, '自动')) });
    await this.prune();
    return made;
  }

  /** Deletes the automatic backups beyond the retention settings. */
  async prune(): Promise<string[]> {
    const { backupKeepDaily, backupKeepMonthly } = await this.settings.get();
    const folder = await this.folder();
    const gone = toPrune(fs.existsSync(folder) ? fs.readdirSync(folder) : [], backupKeepDaily, backupKeepMonthly);
    for (const name of gone) fs.rmSync(path.join(folder, name), { force: true });
    return gone;
  }

  /** What a backup holds next to the current database, for the confirmation. Reads and checks; changes nothing. */
  async previewRestore(file: string): Promise<RestorePreview> {
    const manifest = await inspectBackupArchive(path.resolve(file));
    refuseOtherEngine(manifest, this.db.postgres);
    if (this.db.postgres) return { backup: this.infoOf(path.resolve(file), manifest), current: await describeServer(this.serverUrl()) };
    const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-desk-current-'));
    try {
      const snapshot = path.join(stage, 'current.db');
      await snapshotInto(this.dbFile, snapshot, this.keys.sqlKey);
      const current = await describeSnapshot(snapshot, this.keys.sqlKey);
      return { backup: this.infoOf(path.resolve(file), manifest), current: { counts: current.counts, ledgerHead: current.ledgerHead, schemaVersion: current.schemaVersion } };
    } finally {
      fs.rmSync(stage, { recursive: true, force: true });
    }
  }

  /**
   * Restores a backup: every member checked against its SHA-256, the staged database passes `integrity_check` and
   * `verify` as the app would open it, the current database is backed up first, and only then are the files
   * swapped. Anything wrong before the swap leaves the current data exactly as it was.
   */
  async restore(
    ctx: ServiceContext,
    file: string,
    options: { password?: string; onProgress?: (p: JobProgress) => void } = {},
  ): Promise<{ restored: BackupInfo; safetyBackup: BackupInfo }> {
    const source = path.resolve(file);
    const step = (stage: string, done: number) => options.onProgress?.({ stage, done, total: 5 });
    step('检查备份文件', 0);
    const checked = await inspectBackupArchive(source);
    refuseOtherEngine(checked, this.db.postgres);
    if (this.db.postgres) return this.restoreServer(ctx, source, options.onProgress);
    // An encrypted backup opens with the password it was made with (it may be an older password).
    let backupKey: DataKey | null = null;
    if (checked.encryption) {
      if (!options.password) throw new AppError('LOCKED', '该备份已加密：请输入备份时使用的数据库密码');
      try {
        backupKey = unlockDataKey(options.password, checked.encryption);
      } catch {
        throw new AppError('VALIDATION', '备份密码：密码不正确（应为备份时使用的数据库密码）');
      }
    }
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-desk-restore-'));
    try {
      step('解出并校验', 1);
      const manifest = await extractBackupArchive(source, staging);
      // In a folder of its own: beside the unpacked `evidence/`, opening it would adopt those files as an old store's.
      fs.mkdirSync(path.join(staging, 'db'));
      const stagedDb = path.join(staging, 'db', 'cadre.db');
      fs.renameSync(path.join(staging, DATABASE_MEMBER), stagedDb);
      if (fs.existsSync(path.join(staging, LEDGER_KEY_MEMBER))) fs.renameSync(path.join(staging, LEDGER_KEY_MEMBER), ledgerKeyPath(stagedDb));
      if (manifest.encryption) writeKeyInfo(keyInfoPath(stagedDb), manifest.encryption);

      step('检查数据库', 2);
      const integrity = await integrityOf(stagedDb, backupKey?.sqlKey);
      if (integrity !== 'ok') throw new AppError('VALIDATION', `备份中的数据库未通过完整性检查（${integrity}），未恢复，当前数据未改变`);
      // Opened as the app opens it: an older backup is migrated here, so what is copied has today's schema.
      const verified = await this.hooks.verifyStaged(stagedDb, options.password);
      if (!verified.ok) throw new AppError('VALIDATION', `备份中的归档记录核对未通过，未恢复，当前数据未改变：${verified.problems.slice(0, 3).join('；')}`);

      step('备份当前数据', 3);
      const safetyBackup = await this.backup(ctx, { reason: '恢复前' });

      step('恢复数据', 4);
      // Evidence first (content-addressed: adding files changes nothing that exists), then the rows, then the key.
      copyEvidence(path.join(staging, 'evidence'), evidenceRootFor(this.dbFile), (bytes) => {
        const plain = decryptBytes(backupKey?.fileKey ?? null, bytes);
        return this.keys.fileKey ? encryptBytes(this.keys.fileKey, plain) : plain;
      });
      // Where backups go and how many are kept belong to this PC, not to the data: they survive the restore.
      const { backupFolder, backupKeepDaily, backupKeepMonthly } = await this.settings.get();
      await this.db.exclusive((handle) => replaceAllRows(handle as SqliteDatabase, stagedDb, backupKey?.sqlKey));
      // The restored rows' ledger key before anything is written: the settings' audit entry is signed with it (a
      // backup from another PC has another key).
      replaceFile(ledgerKeyPath(stagedDb), ledgerKeyPath(this.dbFile));
      await this.settings.keep(ctx, { backupFolder, backupKeepDaily, backupKeepMonthly });
      step('完成', 5);
      return { restored: this.infoOf(source, manifest), safetyBackup };
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }

  /** The server's URL (with its password: for the tools and connections, never for messages). */
  private serverUrl(): string {
    return String((this.db.dataSource.options as { url?: string }).url ?? '');
  }

  /**
   * Restores a server backup: every member checked against its SHA-256 and the dump read by pg_restore, the current
   * data backed up first, then the evidence files added, the database replaced by `pg_restore --clean` in one
   * transaction (the app's writers wait meanwhile) and the ledger key put back. The restored data is verified as
   * `verify` does; should it fail, the data from before the restore is put back and the restore reported as failed.
   */
  private async restoreServer(ctx: ServiceContext, source: string, onProgress?: (p: JobProgress) => void): Promise<{ restored: BackupInfo; safetyBackup: BackupInfo }> {
    const url = this.serverUrl();
    const step = (stage: string, done: number) => onProgress?.({ stage, done, total: 5 });
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-desk-restore-'));
    try {
      step('解出并校验', 1);
      const staged = await stageServerBackup(url, source, staging);
      step('备份当前数据', 3);
      const safetyBackup = await this.backup(ctx, { reason: '恢复前' });
      step('恢复数据', 4);
      copyEvidence(staged.evidence, evidenceRootFor(this.dbFile), (bytes) => bytes);
      const { backupFolder, backupKeepDaily, backupKeepMonthly } = await this.settings.get();
      const keyFile = ledgerKeyPath(this.dbFile);
      const keyBefore = fs.existsSync(keyFile) ? fs.readFileSync(keyFile) : null;
      await restoreServerDatabase(url, staged.dump);
      replaceFile(staged.key, keyFile);
      const report = await new ArchiveVerifier(this.db, new ArchiveLedger(this.db, this.dbFile)).verify();
      if (!report.ok) {
        const problems = [
          ...report.ledger.problems.map((p) => p.message),
          ...report.audit.problems.map((p) => p.message),
          ...report.mismatches.map((x) => `${x.label}：${x.reason}`),
          ...report.missing.map((x) => `${x.label}：已不存在`),
        ];
        const back = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-desk-restore-back-'));
        try {
          await restoreServerDatabase(url, (await stageServerBackup(url, safetyBackup.file, back)).dump);
          if (keyBefore) {
            fs.writeFileSync(`${keyFile}.restore-tmp`, keyBefore, { mode: 0o600 });
            fs.renameSync(`${keyFile}.restore-tmp`, keyFile);
          }
        } finally {
          fs.rmSync(back, { recursive: true, force: true });
        }
        throw new AppError('VALIDATION', `备份中的归档记录核对未通过，已改回恢复前的数据：${problems.slice(0, 3).join('；')}`);
      }
      // Where backups go and how many are kept belong to this installation, not to the data: they survive the restore.
      await this.settings.keep(ctx, { backupFolder, backupKeepDaily, backupKeepMonthly });
      step('完成', 5);
      return { restored: this.infoOf(source, await inspectBackupArchive(source)), safetyBackup };
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }

  /**
   * Encrypts the plain backups in the backup folder with `target` (when encryption is turned on, so that no
   * readable copy of the data stays behind). Each is rewritten whole, then renamed over the old one.
   */
  async encryptExisting(target: { key: DataKey; info: KeyInfo }): Promise<number> {
    const { items } = await this.list();
    let n = 0;
    for (const b of items) {
      if (b.damaged || b.encrypted) continue;
      const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-desk-reencrypt-'));
      try {
        const manifest = await extractBackupArchive(b.file, stage);
        const plainDb = path.join(stage, DATABASE_MEMBER);
        const encDb = path.join(stage, 'encrypted.db');
        await exportFile(plainDb, undefined, encDb, target.key.sqlKey);
        fs.renameSync(encDb, plainDb);
        const sources: MemberSource[] = manifest.members.map((m) => {
          const f = path.join(stage, m.name);
          if (m.name.startsWith(EVIDENCE_PREFIX)) fs.writeFileSync(f, encryptBytes(target.key.fileKey, decryptBytes(null, fs.readFileSync(f))));
          return { name: m.name, file: f };
        });
        const { members: _members, ...rest } = manifest;
        const tmp = `${b.file}.encrypting`;
        await writeBackupArchive(tmp, { ...rest, encryption: target.info }, sources);
        fs.renameSync(tmp, b.file);
        n++;
      } finally {
        fs.rmSync(stage, { recursive: true, force: true });
      }
    }
    return n;
  }

  private async hasData(): Promise<boolean> {
    const [{ n }] = await this.db.manager.query(`SELECT (SELECT COUNT(*) FROM cadre) + (SELECT COUNT(*) FROM batch) AS n`);
    return Number(n) > 0;
  }

  private infoOf(file: string, m: BackupManifest): BackupInfo {
    return {
      file,
      fileName: path.basename(file),
      size: fs.statSync(file).size,
      createdAt: m.createdAt,
      reason: m.reason,
      actor: m.actor,
      schemaVersion: m.schemaVersion,
      appVersion: m.appVersion,
      counts: m.counts,
      ledgerHead: m.ledgerHead,
      encrypted: !!m.encryption,
      damaged: null,
    };
  }

  /** The ledger head of the live database (for the list's comparison). */
  async currentLedgerHead(): Promise<{ seq: number; entryHash: string } | null> {
    const h = await this.db.manager.findOneBy(ArchiveLedgerHeadEntity, { id: 1 });
    return h ? { seq: h.seq, entryHash: h.entryHash } : null;
  }
}

/**
 * Copies the files of `from` that `to` lacks (evidence is stored under its hash: same name, same bytes), each
 * through a temporary file that a failure (a full disk) removes again.
 */
function copyEvidence(from: string, to: string, convert: (stored: Buffer) => Buffer): void {
  if (!fs.existsSync(from)) return;
  for (const entry of fs.readdirSync(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const rel = path.relative(from, path.join(entry.parentPath, entry.name));
    const target = path.join(to, rel);
    if (fs.existsSync(target)) continue;
    try {
      writeAtomically(target, convert(fs.readFileSync(path.join(from, rel))));
    } catch (err) {
      throw evidenceStorageFault(err, to);
    }
  }
}

/** Puts `from`'s content at `to` in one rename (written beside it first); a missing `from` leaves `to` alone. */
function replaceFile(from: string, to: string): void {
  if (!fs.existsSync(from)) return;
  const tmp = `${to}.restore-tmp`;
  fs.copyFileSync(from, tmp);
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, to);
}
