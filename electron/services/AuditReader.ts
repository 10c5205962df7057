import ExcelJS from 'exceljs';
import type { EntityManager } from 'typeorm';
import { AUDIT_ENTITY_TYPES, type AuditChangeLine, type AuditEntry, type AuditFilterOptions, type AuditListItem } from '../../shared/audit';
import type { Page } from '../../shared/cadre';
import type { AuditFilter, AuditListQuery } from '../../shared/channels/audit';
import { FIELD_LABELS, describePath } from '../../shared/fieldLabels';
import type { Database } from '../db/Database';
import { ilike } from '../db/dialect';
import { col, queryRows, sql, type SqlFragment } from '../db/sql';
import { parseAuditChanges } from './storedJson';

/** Bookkeeping and internal keys: not a change the user made or can read. */
const HIDDEN = new Set(['id', 'createdAt', 'updatedAt', 'sortKey', 'namePinyin', 'nameInitials', 'hasPhoto', 'archiveHash', 'archivedAt', 'postingId']);
/** Fields holding a cadre's id (or ids): shown as the cadre's name. */
const CADRE_REFS = new Set(['leaderId', 'secretaryId', 'cadreId', 'cadreIds', 'memberIds', 'branchSecretaryId']);
/** Labels the shared table has not (keys only the history uses). */
const EXTRA_LABELS: Record<string, string> = { members: '成员', deletedAt: '回收站', branchSecretaryId: '支部书记' };
const EXPORT_ROWS_PER_READ = 2000;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const pad = (n: number) => String(n).padStart(2, '0');

/** The local start of a `YYYY-MM-DD` day as the stored ISO (UTC) text compares. */
function localDayStart(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
}

export function localTimeText(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}`;
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
type RawEntry = AuditEntry & { seq: number };

const toRaw = (r: Record<string, unknown>): RawEntry => ({
  id: col.num(r, 'id'), seq: col.num(r, 'seq'), at: col.str(r, 'at'), actor: col.str(r, 'actor'), entityType: col.str(r, 'entity_type'),
  entityId: col.str(r, 'entity_id'), action: col.str(r, 'action'), changes: parseAuditChanges(r.changes), note: col.str(r, 'note'),
});

/** Names looked up once for a page: cadres, batches, and what postings and their records belong to. */
interface Names {
  cadre: Map<number, string>;
  batch: Map<number, string>;
  /** posting id → 王晓峰（常州市武进区商务局） */
  posting: Map<number, string>;
  /** `${type}#${id}` → the posting a record belongs to. */
  recordPosting: Map<string, number>;
  workResult: Map<number, string>;
  template: Map<number, number>;
}

const ids = (values: Iterable<unknown>) => [...new Set([...values].map(Number).filter((n) => Number.isInteger(n) && n > 0))];

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
    const stamp = localTimeText(new Date().toISOString()).slice(0, 10).replace(/-/g, '');
    return { fileName: `操作日志_${stamp}.xlsx`, base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), count: items.length };
  }

  private async present(m: EntityManager, raw: RawEntry[]): Promise<AuditListItem[]> {
    const names = await this.names(m, raw);
    return raw.map((e) => ({
      id: e.id, seq: e.seq, at: e.at, atText: localTimeText(e.at), actor: e.actor, entityType: e.entityType,
      entityTypeLabel: AUDIT_ENTITY_TYPES[e.entityType] ?? e.entityType, entityId: e.entityId, object: objectName(e, names),
      action: e.action, changes: changeLines(e, names), note: e.note,
    }));
  }

  private async names(m: EntityManager, raw: RawEntry[]): Promise<Names> {
    const byType = (t: string) => raw.filter((e) => e.entityType === t).map((e) => e.entityId);
    const cadreIds: unknown[] = byType('cadre');
    const batchIds: unknown[] = byType('batch');
    for (const e of raw)
      for (const [k, pair] of Object.entries(e.changes)) {
        if (CADRE_REFS.has(k)) for (const v of pair) cadreIds.push(...(Array.isArray(v) ? v : [v]));
        if (k === 'batchId') batchIds.push(...pair);
      }
    const recordPosting = new Map<string, number>();
    const postingIds: unknown[] = byType('posting');
    for (const table of ['assessment_record', 'growth_evaluation', 'leave_entry', 'work_result'] as const) {
      const wanted = ids(byType(table));
      if (!wanted.length) continue;
      for (const r of await queryRows(m, sql`SELECT id, posting_id FROM ${sql.raw(table)} WHERE id IN (${sql.list(wanted)})`, (r) => r)) {
        recordPosting.set(`${table}#${col.num(r, 'id')}`, col.num(r, 'posting_id'));
        postingIds.push(r.posting_id);
      }
    }
    const posting = new Map<number, string>();
    const wantedPostings = ids(postingIds);
    if (wantedPostings.length)
      for (const r of await queryRows(m, sql`SELECT p.id, p.host_unit, c.name FROM posting p JOIN cadre c ON c.id = p.cadre_id WHERE p.id IN (${sql.list(wantedPostings)})`, (r) => r))
        posting.set(col.num(r, 'id'), `${col.str(r, 'name')}（${col.str(r, 'host_unit') || '挂职单位未填'}）`);
    const lookup = async (table: string, column: string, wanted: number[]) => {
      const out = new Map<number, string>();
      if (wanted.length)
        for (const r of await queryRows(m, sql`SELECT id, ${sql.raw(column)} AS v FROM ${sql.raw(table)} WHERE id IN (${sql.list(wanted)})`, (r) => r))
          out.set(col.num(r, 'id'), col.str(r, 'v'));
      return out;
    };
    const template = new Map<number, number>();
    for (const [id, v] of await lookup('growth_template', 'version', ids(byType('growth_template')))) template.set(id, Number(v));
    return {
      cadre: await lookup('cadre', 'name', ids(cadreIds)),
      batch: await lookup('batch', 'name', ids(batchIds)),
      posting,
      recordPosting,
      workResult: await lookup('work_result', 'title', ids(byType('work_result'))),
      template,
    };
  }
}

/** 干部档案“王晓峰”: the record as it is now, else as the entry itself names it (a record since deleted). */
function objectName(e: RawEntry, n: Names): string {
  const type = AUDIT_ENTITY_TYPES[e.entityType] ?? e.entityType;
  const id = Number(e.entityId);
  const named = (name: string | undefined) => (name ? `${type}“${name}”` : `${type} #${e.entityId}`);
  const fromChanges = (key: string) => {
    const pair = e.changes[key];
    const v = pair?.[0] ?? pair?.[1];
    return typeof v === 'string' && v ? v : undefined;
  };
  switch (e.entityType) {
    case 'cadre':
      return named(n.cadre.get(id) ?? fromChanges('name'));
    case 'batch':
      return named(n.batch.get(id) ?? fromChanges('name'));
    case 'posting':
      return named(n.posting.get(id));
    case 'work_result': {
      const title = n.workResult.get(id) ?? fromChanges('title');
      const owner = n.posting.get(n.recordPosting.get(`work_result#${id}`) ?? 0);
      return title ? `${type}“${title}”${owner ? `（${owner.replace(/（.*$/, '')}）` : ''}` : named(undefined);
    }
    case 'assessment_record':
    case 'growth_evaluation':
    case 'leave_entry': {
      const owner = n.posting.get(n.recordPosting.get(`${e.entityType}#${id}`) ?? 0);
      return owner ? `${type} #${e.entityId}（${owner}）` : `${type} #${e.entityId}`;
    }
    case 'growth_template':
      return n.template.has(id) ? `${type}第${n.template.get(id)}版` : named(undefined);
    case 'setting':
      return `${type}“${FIELD_LABELS[e.entityId] ?? e.entityId}”`;
    case 'security':
      return '数据库加密';
    default:
      return named(undefined);
  }
}

function changeLines(e: RawEntry, n: Names): AuditChangeLine[] {
  const lines: AuditChangeLine[] = [];
  for (const [field, [before, after]] of Object.entries(e.changes)) {
    if (HIDDEN.has(field)) continue;
    const label = EXTRA_LABELS[field] ?? FIELD_LABELS[field] ?? describePath([field]);
    if (field === 'deletedAt') {
      lines.push({ field, label, before: '', after: after ? '移入回收站' : '从回收站恢复' });
      continue;
    }
    const show = (v: unknown) => displayValue(field, v, n);
    lines.push({ field, label, before: show(before), after: show(after) });
  }
  return lines;
}

/** A stored value as text: names for ids of cadres and batches, 是/否, lists joined; '' for nothing. */
function displayValue(field: string, v: unknown, n: Names): string {
  if (v === null || v === undefined || v === '') return '';
  if (CADRE_REFS.has(field)) {
    const list = Array.isArray(v) ? v : [v];
    return list.map((id) => n.cadre.get(Number(id)) ?? `干部 #${id}`).join('、');
  }
  if (field === 'batchId') return n.batch.get(Number(v)) ?? `批次 #${v}`;
  return plain(v);
}

function plain(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.map(plain).filter(Boolean).join('；');
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => {
        const text = plain(x);
        return text ? `${FIELD_LABELS[k] ?? k}：${text}` : '';
      })
      .filter(Boolean)
      .join('，');
  return String(v);
}
