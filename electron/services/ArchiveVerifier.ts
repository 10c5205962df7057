import type { Database } from '../db/Database';
import { integrityCheck } from '../db/dialect';
import { queryRows, sql } from '../db/sql';
import { ARCHIVE_EVALUATION_COLUMNS, ARCHIVE_TEMPLATE_COLUMNS, archiveHash } from './growthArchive';

export interface ArchiveMismatch {
  /** The kind of record: 'growth_evaluation' (the only archive that stores a hash so far). */
  kind: string;
  id: number;
  /** Who and what, in Chinese: 成长评价 #12（王晓峰，期满）. */
  label: string;
  /** The hash stored when it was archived ('' when the row has none although it is 已归档). */
  expected: string;
  /** The hash of the row as it is now. */
  actual: string;
}

/** What `verify --json` prints. */
export interface VerifyReport {
  ok: boolean;
  /** 'ok', or the lines `PRAGMA integrity_check` reported. */
  integrity: 'ok' | string[];
  /** How many archived records were rehashed. */
  checked: number;
  mismatches: ArchiveMismatch[];
}

/**
 * Checks the database file: SQLite's own integrity check, then every archived record that stores a hash is hashed
 * again from its rows (electron/services/growthArchive.ts) and compared. A mismatch means the file was changed
 * behind the application's back (the services refuse every change to an archived record).
 */
export class ArchiveVerifier {
  constructor(private readonly db: Database) {}

  async verify(): Promise<VerifyReport> {
    // One snapshot: the evaluations and the template versions they pin are read as of the same moment.
    const { lines, rows, templates } = await this.db.read(async (m) => {
      const lines = await integrityCheck(m);
      // Raw rows on purpose: the hash is defined over the columns as stored (growthArchive.ts), not over entities.
      // Every row that is 已归档 or carries a hash: a row set back to 草稿 by hand is caught too.
      const asStored = (r: Record<string, unknown>) => r;
      const rows = await queryRows(
        m,
        sql`SELECT ${sql.raw(ARCHIVE_EVALUATION_COLUMNS)},
           (SELECT c.name FROM posting p JOIN cadre c ON c.id = p.cadre_id WHERE p.id = growth_evaluation.posting_id) AS cadre_name
         FROM growth_evaluation WHERE archive_hash <> '' OR state = ${'已归档'} ORDER BY id`,
        asStored,
      );
      const templateIds = [...new Set(rows.map((r) => Number(r.template_id)))];
      const found = await queryRows(m, sql`SELECT ${sql.raw(ARCHIVE_TEMPLATE_COLUMNS)} FROM growth_template WHERE id IN (${sql.list(templateIds)})`, asStored);
      return { lines, rows, templates: new Map(found.map((t) => [Number(t.id), t])) };
    });
    const integrity: VerifyReport['integrity'] = lines.length === 1 && lines[0] === 'ok' ? 'ok' : lines;

    const mismatches: ArchiveMismatch[] = [];
    for (const r of rows) {
      const { cadre_name, ...row } = r;
      const expected = String(row.archive_hash ?? '');
      const actual = archiveHash(row, templates.get(Number(row.template_id)) ?? null);
      if (expected !== actual)
        mismatches.push({
          kind: 'growth_evaluation',
          id: Number(row.id),
          label: `成长评价 #${row.id}（${cadre_name ?? '挂职记录已不存在'}，${row.period}）`,
          expected,
          actual,
        });
    }
    return { ok: integrity === 'ok' && mismatches.length === 0, integrity, checked: rows.length, mismatches };
  }
}
