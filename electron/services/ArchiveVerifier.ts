import type { ArchiveMismatch, ArchiveMissing, LedgerProblem, VerifyReport } from '../../shared/archive';
import type { ArchiveLedger } from '../archive/ArchiveLedger';
import type { Database } from '../db/Database';
import { integrityCheck } from '../db/dialect';
import { AuditLog } from './AuditLog';

export type { ArchiveMismatch, ArchiveMissing, LedgerProblem, VerifyReport };

/**
 * Checks the database file: SQLite's own integrity check, then the archive ledger (electron/archive/ArchiveLedger.ts):
 * its hash chain, its signed head, and every archived record hashed again against its entry. Anything found means the
 * file was changed behind the application's back (the services and the triggers refuse every change to an archive).
 * Then the audit log's chain and signed head (electron/services/AuditLog.ts): a deleted, edited or cut-off entry.
 */
export class ArchiveVerifier {
  constructor(
    private readonly db: Database,
    private readonly ledger: ArchiveLedger,
    private readonly audit: AuditLog = new AuditLog(db),
  ) {}

  async verify(): Promise<VerifyReport> {
    // One snapshot: the ledger, the records and the template versions they pin are read as of the same moment.
    const { lines, report, audit } = await this.db.read(async (m) => ({ lines: await integrityCheck(m), report: await this.ledger.check(m), audit: await this.audit.check(m) }));
    const integrity: VerifyReport['integrity'] = lines.length === 1 && lines[0] === 'ok' ? 'ok' : lines;
    const ok = integrity === 'ok' && report.ledger.ok && report.mismatches.length === 0 && report.missing.length === 0 && audit.ok;
    return { ok, integrity, checked: report.checked, mismatches: report.mismatches, missing: report.missing, ledger: report.ledger, audit };
  }
}
