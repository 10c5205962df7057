import type { EntityManager } from 'typeorm';
import type { QuarterTheme } from '../../shared/batch';
import type { PostingStatus } from '../../shared/codes/secondment';
import { conflict, notFound } from '../../shared/errors';
import type { Posting } from '../../shared/posting';
import { queryRow, queryRows, sql, type SqlFragment } from '../db/sql';
import { POSTING_SELECT, rowToPosting } from './postingRows';
import { parseThemes } from './storedJson';

/** A posting with what the screens and checks around it need: its cadre's name and file state, its batch. */
export interface PostingView {
  posting: Posting;
  cadreName: string;
  /** The cadre file is in the recycle bin. */
  cadreDeleted: boolean;
  batchName: string | null;
  /** The batch's 一季一主题 (empty outside a batch). */
  batchThemes: QuarterTheme[];
}

export interface PostingFilter {
  cadreId?: number;
  batchId?: number;
  statuses?: readonly PostingStatus[];
  /** Leave out postings of files in the recycle bin. */
  liveCadres?: boolean;
  exceptId?: number;
  /** start: p.start_date (a cadre's 挂职经历); plannedEnd: the reminders; member: the batch's roster order. */
  order?: 'start' | 'plannedEnd' | 'member';
}

const ORDERS = {
  start: 'p.start_date, p.id',
  plannedEnd: 'p.planned_end_date, c.sort_key, p.id',
  member: 'c.sort_key, p.id',
} as const;

/**
 * The one posting query (raw, through sql.ts: the records page, the reminders and the batch overviews are measured
 * figures). Exported so the benchmark's baseline runs the same SQL.
 */
export function postingQuery(where: SqlFragment, order: keyof typeof ORDERS = 'start'): SqlFragment {
  return sql`SELECT ${sql.raw(POSTING_SELECT)}, c.name AS cadre_name, c.deleted_at AS cadre_deleted_at, b.name AS batch_name, b.themes AS batch_themes
    FROM posting p JOIN cadre c ON c.id = p.cadre_id LEFT JOIN batch b ON b.id = p.batch_id
    WHERE ${where} ORDER BY ${sql.raw(ORDERS[order])}`;
}

function rowToView(r: Record<string, unknown>): PostingView {
  return {
    posting: rowToPosting(r),
    cadreName: String(r.cadre_name ?? ''),
    cadreDeleted: r.cadre_deleted_at != null,
    batchName: r.batch_name == null ? null : String(r.batch_name),
    batchThemes: r.batch_themes == null ? [] : parseThemes(r.batch_themes),
  };
}

export function readPosting(m: EntityManager, id: number): Promise<PostingView | null> {
  return queryRow(m, postingQuery(sql`p.id = ${id}`), rowToView);
}

export function readPostings(m: EntityManager, f: PostingFilter): Promise<PostingView[]> {
  const where: SqlFragment[] = [];
  if (f.cadreId !== undefined) where.push(sql`p.cadre_id = ${f.cadreId}`);
  if (f.batchId !== undefined) where.push(sql`p.batch_id = ${f.batchId}`);
  if (f.statuses) where.push(sql`p.status IN (${sql.list(f.statuses)})`);
  if (f.liveCadres) where.push(sql`c.deleted_at IS NULL`);
  if (f.exceptId !== undefined) where.push(sql`p.id <> ${f.exceptId}`);
  return queryRows(m, postingQuery(sql.join(where, ' AND ', '1 = 1'), f.order), rowToView);
}

/** The posting or a not-found refusal; `field` prefixes the message when the id came from a form field. */
export async function requirePosting(m: EntityManager, id: number, field = ''): Promise<PostingView> {
  const p = await readPosting(m, id);
  if (!p) throw notFound(`${field ? `${field}：` : ''}未找到编号为 ${id} 的挂职记录`);
  return p;
}

/**
 * The posting a record (`what`: 考核记录, 请销假, 工作实绩, 成长评价 …) is written for: it must exist, have started, and
 * its cadre file must not be in the recycle bin.
 */
export async function requireWritablePosting(m: EntityManager, postingId: number, what: string): Promise<PostingView> {
  const p = await requirePosting(m, postingId, '挂职记录');
  if (p.cadreDeleted) throw conflict(`“${p.cadreName}”的档案在回收站中，恢复后才能登记${what}`);
  if (p.posting.status === '拟派') throw conflict(`“${p.cadreName}”的这段挂职尚未开始（状态“拟派”），不能登记${what}`);
  return p;
}
