import { Database } from '../db/Database';
import fs from 'node:fs';
import path from 'node:path';
import { isPostgresUrl, openDatabase, openReadConnection } from '../db/dataSource';
import { AuditLog } from './AuditLog';
import { CadreService } from './CadreService';
import { BatchService } from './BatchService';
import { PostingService } from './PostingService';
import { DocumentService } from '../documents/DocumentService';
import { ExchangeService } from './ExchangeService';
import { WorkflowLog } from './WorkflowLog';
import { SettingService } from './SettingService';
import { AssessmentService } from './AssessmentService';
import { LeaveService } from './LeaveService';
import { ResultLedgerService, evidenceRootFor, legacyEvidenceRootFor } from './ResultLedgerService';
import { GrowthTemplateService } from './GrowthTemplateService';
import { GrowthEvaluationService } from './GrowthEvaluationService';
import { GrowthOverviewService } from './GrowthOverviewService';
import { ArchiveVerifier } from './ArchiveVerifier';
import { ArchiveLedger } from '../archive/ArchiveLedger';
import { BackupService } from '../backup/BackupService';
import { backupBeforeMigrating } from '../backup/backupBeforeMigrating';
import { isPlainSqlite, readKeyInfo } from '../crypto/dataKey';
import { EncryptionService, keyForFile } from '../crypto/EncryptionService';
import { KeyRing } from '../crypto/KeyRing';

/** Every domain service over one database: what the IPC handlers, the CLI, the host and the tests use. */
export class AppServices {
  readonly audit: AuditLog;
  readonly cadres: CadreService;
  readonly postings: PostingService;
  readonly batches: BatchService;
  readonly documents: DocumentService;
  readonly exchange: ExchangeService;
  readonly workflow: WorkflowLog;
  readonly settings: SettingService;
  readonly assessments: AssessmentService;
  readonly leave: LeaveService;
  readonly ledger: ResultLedgerService;
  readonly growthTemplates: GrowthTemplateService;
  readonly growth: GrowthEvaluationService;
  readonly growthOverview: GrowthOverviewService;
  readonly archives: ArchiveVerifier;
  readonly archiveLedger: ArchiveLedger;
  readonly backups: BackupService;

  readonly encryption: EncryptionService;

  constructor(
    readonly db: Database,
    readonly dbFile: string,
    /** The data key while the database is encrypted (shared with the evidence store and the backups). */
    readonly keys: KeyRing = new KeyRing(),
  ) {
    this.audit = new AuditLog(db);
    this.cadres = new CadreService(db, this.audit);
    this.postings = new PostingService(db, this.audit);
    this.batches = new BatchService(db, this.audit, this.postings);
    this.documents = new DocumentService(this);
    this.exchange = new ExchangeService(db, this.cadres, this.batches);
    this.workflow = new WorkflowLog(db);
    this.settings = new SettingService(db, this.audit);
    this.archiveLedger = new ArchiveLedger(db, dbFile);
    this.assessments = new AssessmentService(db, this.audit, this.workflow, this.cadres, this.archiveLedger);
    this.leave = new LeaveService(db, this.audit, this.settings);
    this.ledger = new ResultLedgerService(db, this.audit, evidenceRootFor(dbFile), keys);
    this.growthTemplates = new GrowthTemplateService(db, this.audit);
    this.growth = new GrowthEvaluationService(db, this.audit, this.workflow, this.growthTemplates, this.archiveLedger);
    this.growthOverview = new GrowthOverviewService(db, this.growthTemplates);
    this.archives = new ArchiveVerifier(db, this.archiveLedger);
    this.backups = new BackupService(db, dbFile, this.settings, { verifyStaged: (file, password) => AppServices.verifyFile(file, password) }, keys);
    this.encryption = new EncryptionService(db, dbFile, keys, this.backups, this.ledger.store, this.audit);
  }

  /**
   * Opens the database with every service. `backupBeforeMigrations` (the app, the browser host and the CLI) writes
   * an automatic backup before a schema migration changes an existing database; tests open without it.
   */
  static async open(
    dbFile: string,
    options: {
      backupBeforeMigrations?: boolean;
      password?: string;
      /**
       * Required with a `postgres://` URL: the server's data folder, where what lives beside a desktop database
       * lives for the server database (the archive ledger's key, the evidence files). Not used for a SQLite file.
       */
      dataDir?: string;
    } = {},
  ): Promise<AppServices> {
    if (isPostgresUrl(dbFile)) return AppServices.openServer(dbFile, options.dataDir);
    // An encrypted database needs its password (a wrong one is refused before SQLite sees the file).
    const key = keyForFile(dbFile, !isPlainSqlite(dbFile), options.password);
    const info = key ? readKeyInfo(dbFile) : null;
    const beforeMigrations = options.backupBeforeMigrations ? backupBeforeMigrating(dbFile, key && info ? { key, info } : null) : undefined;
    const writer = await openDatabase({ file: dbFile, beforeMigrations, sqlKey: key?.sqlKey });
    const reader = await openReadConnection(dbFile, key?.sqlKey).catch(async (err) => {
      await writer.destroy();
      throw err;
    });
    // A connection a failed ROLLBACK leaves inside a transaction is replaced by a fresh one (no migrations pending).
    // The key is read when needed: turning encryption on or a new password changes it.
    const keys = new KeyRing(key);
    const reopen = { writer: () => openDatabase({ file: dbFile, sqlKey: keys.sqlKey }), reader: () => openReadConnection(dbFile, keys.sqlKey) };
    const services = new AppServices(new Database(writer, reader, reopen), dbFile, keys);
    try {
      await services.archiveLedger.initialize();
      await services.audit.initialize();
      // Evidence from the folder databases used to share is copied into this database's own folder.
      await services.ledger.initialize(legacyEvidenceRootFor(dbFile));
    } catch (err) {
      await services.close();
      throw err;
    }
    return services;
  }

  /**
   * A database on a PostgreSQL server: one pool for writes (migrated here) and one read-only pool. Files that a
   * desktop database keeps beside itself are in `dataDir` (as if the database were `dataDir/cadre.db`). No automatic
   * backup before migrations and no encryption here: the server's own backups (pg_dump) and access rules apply.
   */
  private static async openServer(url: string, dataDir: string | undefined): Promise<AppServices> {
    if (!dataDir) throw new Error('AppServices.open: a PostgreSQL database needs options.dataDir (the folder for the ledger key and evidence files)');
    const anchor = path.join(path.resolve(dataDir), 'cadre.db');
    fs.mkdirSync(path.resolve(dataDir), { recursive: true, mode: 0o700 });
    const writer = await openDatabase({ file: url });
    const reader = await openReadConnection(url).catch(async (err) => {
      await writer.destroy();
      throw err;
    });
    const services = new AppServices(new Database(writer, reader, undefined, { file: anchor }), anchor);
    try {
      await services.archiveLedger.initialize();
      await services.audit.initialize();
      await services.ledger.initialize(legacyEvidenceRootFor(anchor));
    } catch (err) {
      await services.close();
      throw err;
    }
    return services;
  }

  /** Opens another database file as the app would (migrating an older one) and verifies it: what a restore checks. */
  static async verifyFile(file: string, password?: string): Promise<{ ok: boolean; problems: string[] }> {
    const s = await AppServices.open(file, { password });
    try {
      const r = await s.archives.verify();
      const problems = [
        ...(r.integrity === 'ok' ? [] : [`完整性检查：${r.integrity.join('；')}`]),
        ...r.ledger.problems.map((p) => p.message),
        ...r.audit.problems.map((p) => p.message),
        ...r.mismatches.map((x) => `${x.label}：${x.reason}`),
        ...r.missing.map((x) => `${x.label}：已不存在`),
      ];
      return { ok: r.ok, problems };
    } finally {
      await s.close();
    }
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
