/** What `verify` finds: shared by the CLI (`verify --json`), the 归档核验 page and the restore check. */

export type ArchivedType = 'assessment_record' | 'growth_evaluation';

/** A problem with the ledger itself, in Chinese; `seq` names the entry where it shows (null: the head or the key). */
export interface LedgerProblem {
  seq: number | null;
  message: string;
}

/** An archived record that differs from its ledger entry (or was archived without one). */
export interface ArchiveMismatch {
  kind: ArchivedType;
  id: number;
  /** Who and what: 成长评价 #12（王晓峰，期满）. */
  label: string;
  /** The hash recorded when it was archived ('' when there is none). */
  expected: string;
  /** The hash of the row as it is now. */
  actual: string;
  /** What is wrong, in Chinese. */
  reason: string;
}

/** A record the ledger says was archived and that is no longer in the database. */
export interface ArchiveMissing {
  kind: ArchivedType;
  id: number;
  label: string;
  /** The ledger entry that archived it. */
  seq: number;
}

/** What `verify --json` prints (fields are only ever added). */
export interface VerifyReport {
  ok: boolean;
  /** 'ok', or the lines `PRAGMA integrity_check` reported. */
  integrity: 'ok' | string[];
  /** How many archived records were rehashed. */
  checked: number;
  /** Archived records whose content differs from the ledger (or that were archived without an entry). */
  mismatches: ArchiveMismatch[];
  /** Records the ledger archived that are gone from the database. */
  missing: ArchiveMissing[];
  /** The ledger itself: its hash chain and its signed head. */
  ledger: { ok: boolean; entries: number; problems: LedgerProblem[] };
  /** The audit log (操作日志): its hash chain and its signed head; `seq` in a problem is the entry's sequence number. */
  audit: { ok: boolean; entries: number; problems: LedgerProblem[] };
}
