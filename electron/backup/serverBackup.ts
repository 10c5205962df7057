import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError, conflict } from '../../shared/errors';
import type { JobProgress } from '../../shared/jobProgress';
import { APP_VERSION } from '../appVersion';
import { ledgerKeyPath } from '../archive/ledgerKey';
import { evidenceRelativePath, locateEvidence } from '../services/EvidenceStore';
import { EVIDENCE_PREFIX, LEDGER_KEY_MEMBER, PG_DUMP_MEMBER, extractBackupArchive, writeBackupArchive, type BackupManifest, type MemberSource } from './backupArchive';
import type { BackupReason } from './backupNames';
import { checkDump, describeServerDatabase, dumpServerDatabase, restoreServerDatabase, withServer } from './pgBackup';

/**
 * A server database's backup: `pg_dump -Fc` of the database (one snapshot, while the clerks keep working), the
 * ledger key and the evidence files of the server's data folder, in one `.cdbak` whose manifest says
 * `engine: 'postgres'`. `anchor` is `dataDir/cadre.db`, the name the side files are kept beside.
 */
export async function writeServerBackup(
  url: string,
  anchor: string,
  out: string,
  meta: { reason: BackupReason; actor: string },
  onProgress?: (p: JobProgress) => void,
): Promise<{ manifest: BackupManifest; missingEvidence: string[] }> {
  if (fs.existsSync(out)) throw conflict(`备份文件已存在：${out}（请换一个文件名）`);
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-desk-backup-'));
  const step = (stage_: string, done: number) => onProgress?.({ stage: stage_, done, total: 3 });
  try {
    step('导出数据库（pg_dump）', 0);
    const dump = path.join(stage, 'cadre.pgdump');
    const info = await dumpServerDatabase(url, dump);
    step('收集佐证材料', 1);
    const sources: MemberSource[] = [{ name: PG_DUMP_MEMBER, file: dump }];
    const keyFile = ledgerKeyPath(anchor);
    if (fs.existsSync(keyFile)) sources.push({ name: LEDGER_KEY_MEMBER, file: keyFile });
    const missingEvidence: string[] = [];
    for (const e of info.evidence) {
      const name = evidenceRelativePath(e.sha256, e.ext);
      const file = locateEvidence(anchor, e.sha256, e.ext);
      if (file) sources.push({ name: EVIDENCE_PREFIX + name, file });
      else missingEvidence.push(name);
    }
    step('写入备份文件', 2);
    const manifest = await writeBackupArchive(
      out,
      {
        format: 'cadre-desk-backup',
        formatVersion: 1,
        appVersion: APP_VERSION,
        schemaVersion: info.schemaVersion,
        createdAt: new Date().toISOString(),
        reason: meta.reason,
        actor: meta.actor,
        counts: info.counts,
        ledgerHead: info.ledgerHead,
        encryption: null,
        engine: 'postgres',
      },
      sources,
    );
    step('完成', 3);
    return { manifest, missingEvidence };
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/** The server database as the restore preview shows it next to a backup. */
export async function describeServer(url: string) {
  const info = await withServer(url, (c) => describeServerDatabase(c));
  return { counts: info.counts, ledgerHead: info.ledgerHead, schemaVersion: info.schemaVersion };
}

/** A desktop backup is not restored onto a server (nor the reverse): say what to do instead. */
export function refuseOtherEngine(manifest: BackupManifest, server: boolean): void {
  const fromServer = manifest.engine === 'postgres';
  if (server && !fromServer)
    throw new AppError('VALIDATION', '这是单机数据库的备份，不能直接恢复到数据库服务器：请先把它恢复到单机数据库，再用 migrate-to-server 迁移到服务器。当前数据未改变');
  if (!server && fromServer)
    throw new AppError('VALIDATION', '这是数据库服务器（PostgreSQL）的备份，不能恢复到单机数据库：请在服务器上恢复。当前数据未改变');
}

/**
 * Unpacks a server backup into `staging` (every member against its SHA-256) and checks that pg_restore can read
 * its dump. Returns the manifest and where the dump, the key and the evidence folder are.
 */
export async function stageServerBackup(url: string, file: string, staging: string) {
  const manifest = await extractBackupArchive(file, staging);
  refuseOtherEngine(manifest, true);
  const dump = path.join(staging, PG_DUMP_MEMBER);
  await checkDump(url, dump);
  return { manifest, dump, key: path.join(staging, LEDGER_KEY_MEMBER), evidence: path.join(staging, 'evidence') };
}

export { restoreServerDatabase };
