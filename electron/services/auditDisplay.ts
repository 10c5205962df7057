import type { EntityManager } from 'typeorm';
import { AUDIT_ENTITY_TYPES, type AuditChangeLine, type AuditEntry } from '../../shared/audit';
import { formatDateTime, isIsoMoment } from '../../shared/dateText';
import { FIELD_LABELS, describePath } from '../../shared/fieldLabels';
import { formatResumeLine, type ResumeEntry } from '../../shared/resume';
import { col, queryRows, sql } from '../db/sql';

/**
 * How an audit entry reads to a clerk: Chinese labels, names instead of ids, dates as 2026.11.29 14:03, 移入回收站 /
 * 从回收站恢复 instead of a timestamp. One formatter for every place that shows entries: 系统 → 操作日志
 * (AuditReader) and each record's 修改记录 / 历史 (AuditLog.history).
 */

/** An entry as stored (what the formatter reads). */
export type StoredAuditEntry = Omit<AuditEntry, 'lines'>;

/** Bookkeeping and internal keys: not a change the user made or can read. */
const HIDDEN = new Set(['id', 'createdAt', 'updatedAt', 'sortKey', 'namePinyin', 'nameInitials', 'hasPhoto', 'archiveHash', 'archivedAt', 'postingId']);
/** Fields holding a cadre's id (or ids): shown as the cadre's name. */
const CADRE_REFS = new Set(['leaderId', 'secretaryId', 'cadreId', 'cadreIds', 'memberIds', 'branchSecretaryId']);
/** Labels the shared table has not (keys only the history uses). */
const EXTRA_LABELS: Record<string, string> = { members: '成员', deletedAt: '回收站', branchSecretaryId: '支部书记' };

/** Names looked up once for a page of entries: cadres, batches, and what postings and their records belong to. */
export interface AuditNames {
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

/** Every id held under a cadre-reference key, however deep (工作小组 hold memberIds). */
function collectRefs(key: string, v: unknown, cadreIds: unknown[], batchIds: unknown[]): void {
  if (v === null || v === undefined) return;
  if (CADRE_REFS.has(key)) {
    cadreIds.push(...(Array.isArray(v) ? v : [v]));
    return;
  }
  if (key === 'batchId') {
    batchIds.push(v);
    return;
  }
  if (Array.isArray(v)) for (const x of v) collectRefs('', x, cadreIds, batchIds);
  else if (typeof v === 'object') for (const [k, x] of Object.entries(v as Record<string, unknown>)) collectRefs(k, x, cadreIds, batchIds);
}

/** The names a set of entries mentions, in a few statements through `m`. */
export async function lookupAuditNames(m: EntityManager, raw: readonly StoredAuditEntry[]): Promise<AuditNames> {
  const byType = (t: string) => raw.filter((e) => e.entityType === t).map((e) => e.entityId);
  const cadreIds: unknown[] = byType('cadre');
  const batchIds: unknown[] = byType('batch');
  for (const e of raw) for (const [k, pair] of Object.entries(e.changes)) for (const v of pair) collectRefs(k, v, cadreIds, batchIds);
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

/** 干部档案“王晓峰”: the record as it is now, else as the entry itself names it (a record since deleted). */
export function auditObjectName(e: StoredAuditEntry, n: AuditNames): string {
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

/** Keys whose meaning depends on the record: a batch's `name` is its 批次名称, not a person's 姓名. */
const LABELS_BY_TYPE: Record<string, Record<string, string>> = {
  batch: { name: '批次名称', type: '批次类型' },
  growth_template: { name: '模板名称' },
  work_result: { category: '实绩类别' },
};

/** The Chinese name of a changed field (of a record of `entityType`, when given). */
export function auditFieldLabel(field: string, entityType?: string): string {
  return (entityType && LABELS_BY_TYPE[entityType]?.[field]) || EXTRA_LABELS[field] || FIELD_LABELS[field] || describePath([field]);
}

/** The entry's changes as lines a clerk reads: 标签, 旧值, 新值 ('' for nothing). */
export function auditChangeLines(e: StoredAuditEntry, n: AuditNames): AuditChangeLine[] {
  const lines: AuditChangeLine[] = [];
  for (const [field, [before, after]] of Object.entries(e.changes)) {
    if (HIDDEN.has(field)) continue;
    const label = auditFieldLabel(field, e.entityType);
    if (field === 'deletedAt') {
      lines.push({ field, label, before: '', after: after ? '移入回收站' : '从回收站恢复' });
      continue;
    }
    const show = (v: unknown) => auditDisplayValue(field, v, n);
    lines.push({ field, label, before: show(before), after: show(after) });
  }
  return lines;
}

/** A stored value as text: names for ids of cadres and batches, dates as 2026.11.29 14:03, 是/否, lists joined; '' for nothing. */
export function auditDisplayValue(field: string, v: unknown, n: AuditNames): string {
  if (v === null || v === undefined || v === '') return '';
  if (CADRE_REFS.has(field)) {
    const list = Array.isArray(v) ? v : [v];
    return list.map((id) => n.cadre.get(Number(id)) ?? `干部 #${id}`).join('、');
  }
  if (field === 'batchId') return n.batch.get(Number(v)) ?? `批次 #${v}`;
  // 简历 as the form prints it; family members as one line each.
  if (field === 'resume' && Array.isArray(v)) return v.map((e) => (e && typeof e === 'object' && 'start' in e ? formatResumeLine(e as ResumeEntry).replace(/\s+/g, ' ') : auditDisplayValue('', e, n))).join('；');
  if (field === 'family' && Array.isArray(v))
    return v
      .map((f: Record<string, unknown>) => {
        const rest = [f?.birthDate, f?.politicalStatus, f?.workUnitAndPost].filter((x) => typeof x === 'string' && x).join('，');
        return `${[f?.relation, f?.name].filter(Boolean).join(' ')}${rest ? `（${rest}）` : ''}`;
      })
      .join('；');
  if (Array.isArray(v)) return v.map((x) => auditDisplayValue('', x, n)).filter(Boolean).join('；');
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => {
        const text = auditDisplayValue(k, x, n);
        return text ? `${FIELD_LABELS[k] ?? EXTRA_LABELS[k] ?? k}：${text}` : '';
      })
      .filter(Boolean)
      .join('，');
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (isIsoMoment(v)) return formatDateTime(v);
  return String(v);
}
