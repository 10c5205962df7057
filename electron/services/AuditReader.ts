import ExcelJS from 'exceljs';
import type { EntityManager } from 'typeorm';
import { AUDIT_ENTITY_TYPES, type AuditFilterOptions, type AuditListItem } from '../../shared/audit';
import type { Page } from '../../shared/cadre';
import type { AuditFilter, AuditListQuery } from '../../shared/channels/audit';
import { formatDateTime, formatDay } from '../../shared/dateText';
import type { Database } from '../db/Database';
import { ilike } from '../db/dialect';
import { col, queryRows, sql, type SqlFragment } from '../db/sql';
import { auditChangeLines, auditObjectName, lookupAuditNames, type StoredAuditEntry } from './auditDisplay';
import { parseAuditChanges } from './storedJson';

const EXPORT_ROWS_PER_READ = 2000;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The local start of a `YYYY-MM-DD` day as the stored ISO (UTC) text compares. */
function localDayStart(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/**
 * The viewer's statements: the WHERE clause once, a count and a page (newest first by id, which each filter's
 * index holds). Exported so the benchmark runs the same SQL raw as its baseline.
 */
export function auditListQueries(m: EntityManager, f: AuditFilter, page = 1, pageSize = 50): { count: SqlFragment; page: SqlFragment; where: SqlFragment } {
  const clauses: SqlFragment[] = [];
  if (f.actor) clauses.push(sql`actor = ${f.actor}`);
  if (f.startDate) clauses.push(sql`at >= ${localDayStart(f.startDate)}`);
  if (f.endDate) clauses.push(sql`at < ${localDayStart(f.endDate, 1)}`);
  if (f.entityType) clauses.push(sql`entity_type = ${f.entityType}`);
  if (f.action) clauses.push(sql`action = ${f.action}`);
  if (f.query) clauses.push(sql`note ${ilike(m)} ${`%${likeEscape(f.query)}%`} ESCAPE '\\'`);
  const where = clauses.length ? sql`WHERE ${sql.join(clauses, ' AND ')}` : sql.raw('');
  return {
    where,
    count: sql`SELECT COUNT(*) AS n FROM audit_log ${where}`,
    page: sql`SELECT id, seq, at, actor, entity_type, entity_id, action, changes, note FROM audit_log ${where} ORDER BY id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
  };
}

/** An entry as stored, with its place in the chain. */
type RawEntry = StoredAuditEntry & { seq: number };

const toRaw = (r: Record<string, unknown>): RawEntry => ({
  id: col.num(r, 'id'), seq: col.num(r, 'seq'), at: col.str(r, 'at'), actor: col.str(r, 'actor'), entityType: col.str(r, 'entity_type'),
  entityId: col.str(r, 'entity_id'), action: col.str(r, 'action'), changes: parseAuditChanges(r.changes), note: col.str(r, 'note'),
});

/** The audit log as 系统 → 操作日志 shows it: filtered, paged, labelled in Chinese; and its .xlsx export. */
export class AuditReader {
  constructor(private readonly db: Database) {}

  async list(q: AuditListQuery): Promise<Page<AuditListItem>> {
    // One snapshot: the count, the page and the names it shows.
    return this.db.read(async (m) => {
      const queries = auditListQueries(m, q, q.page, q.pageSize);
      const [{ n }] = await queryRows(m, queries.count, (r) => ({ n: col.num(r, 'n') }));
      const raw = await queryRows(m, queries.page, toRaw);
      return { items: await this.present(m, raw), total: n, page: q.page, pageSize: q.pageSize };
    });
  }

  async options(): Promise<AuditFilterOptions> {
    return this.db.read(async (m) => ({
      actors: await queryRows(m, sql`SELECT DISTINCT actor FROM audit_log ORDER BY actor`, (r) => col.str(r, 'actor')),
      actions: await queryRows(m, sql`SELECT DISTINCT action FROM audit_log ORDER BY action`, (r) => col.str(r, 'action')),
      entityTypes: Object.entries(AUDIT_ENTITY_TYPES).map(([value, label]) => ({ value, label })),
    }));
  }

  /** The filtered entries (all of them, newest first) as an .xlsx workbook. */
  async export(f: AuditFilter): Promise<{ fileName: string; base64: string; count: number }> {
    const items = await this.db.read(async (m) => {
      const out: AuditListItem[] = [];
      for (let page = 1; ; page++) {
        const raw = await queryRows(m, auditListQueries(m, f, page, EXPORT_ROWS_PER_READ).page, toRaw);
        out.push(...(await this.present(m, raw)));
        if (raw.length < EXPORT_ROWS_PER_READ) return out;
      }
    });
    const wb = new ExcelJS.Workbook();
    wb.creator = '挂职干部管理系统';
    const ws = wb.addWorksheet('操作日志', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { header: '序号', key: 'seq', width: 8 },
      { header: '时间', key: 'at', width: 20 },
      { header: '操作人', key: 'actor', width: 12 },
      { header: '对象类型', key: 'type', width: 12 },
      { header: '对象', key: 'object', width: 30 },
      { header: '操作', key: 'action', width: 14 },
      { header: '变更内容', key: 'changes', width: 60 },
      { header: '说明', key: 'note', width: 30 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const it of items)
      ws.addRow({
        seq: it.seq, at: it.atText, actor: it.actor, type: it.entityTypeLabel, object: it.object, action: it.action,
        changes: it.changes.map((c) => `${c.label}：${c.before || '（空）'} → ${c.after || '（空）'}`).join('\n'), note: it.note,
      });
    const stamp = formatDay(new Date()).replace(/\./g, '');
    return { fileName: `操作日志_${stamp}.xlsx`, base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), count: items.length };
  }

  private async present(m: EntityManager, raw: RawEntry[]): Promise<AuditListItem[]> {
    const names = await lookupAuditNames(m, raw);
    return raw.map((e) => ({
      id: e.id, seq: e.seq, at: e.at, atText: formatDateTime(e.at, { seconds: true }), actor: e.actor, entityType: e.entityType,
      entityTypeLabel: AUDIT_ENTITY_TYPES[e.entityType] ?? e.entityType, entityId: e.entityId, object: auditObjectName(e, names),
      action: e.action, changes: auditChangeLines(e, names), note: e.note,
    }));
  }
}
