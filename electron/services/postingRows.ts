import type { Posting, PostingData } from '../../shared/posting';
import type { PostingEntity } from '../db/entities';

/** The posting columns as raw SQL selects them (prefix `p.`), shared by the services and the benchmark baseline. */
export const POSTING_SELECT = [
  'p.id', 'p.cadre_id', 'p.batch_id', 'p.direction', 'p.original_unit', 'p.original_post', 'p.host_unit', 'p.host_post',
  'p.post_type', 'p.start_date', 'p.planned_end_date', 'p.actual_end_date', 'p.status', 'p.pol_mentor_name',
  'p.pol_mentor_unit', 'p.pol_mentor_phone', 'p.biz_mentor_name', 'p.biz_mentor_unit', 'p.biz_mentor_phone', 'p.notes',
  'p.created_at', 'p.updated_at',
].join(', ');

/** A raw `posting` row (snake_case columns) as the API's Posting: the one mapping (postingReader.ts, BatchService). */
export function rowToPosting(r: Record<string, unknown>): Posting {
  const s = (k: string) => String(r[k] ?? '');
  return {
    id: Number(r.id),
    cadreId: Number(r.cadre_id),
    batchId: r.batch_id == null ? null : Number(r.batch_id),
    direction: s('direction') as Posting['direction'],
    originalUnit: s('original_unit'),
    originalPost: s('original_post'),
    hostUnit: s('host_unit'),
    hostPost: s('host_post'),
    postType: s('post_type') as Posting['postType'],
    startDate: s('start_date'),
    plannedEndDate: s('planned_end_date'),
    actualEndDate: s('actual_end_date'),
    status: s('status') as Posting['status'],
    politicalMentor: { name: s('pol_mentor_name'), unit: s('pol_mentor_unit'), phone: s('pol_mentor_phone') },
    businessMentor: { name: s('biz_mentor_name'), unit: s('biz_mentor_unit'), phone: s('biz_mentor_phone') },
    notes: s('notes'),
    createdAt: s('created_at'),
    updatedAt: s('updated_at'),
  };
}

/** The entity columns of validated posting data (status and dates handled by the caller). */
export function postingColumns(d: PostingData): Partial<PostingEntity> {
  return {
    cadreId: d.cadreId,
    batchId: d.batchId,
    direction: d.direction,
    originalUnit: d.originalUnit,
    originalPost: d.originalPost,
    hostUnit: d.hostUnit,
    hostPost: d.hostPost,
    postType: d.postType as PostingEntity['postType'],
    startDate: d.startDate,
    plannedEndDate: d.plannedEndDate,
    actualEndDate: d.actualEndDate,
    polMentorName: d.politicalMentor.name,
    polMentorUnit: d.politicalMentor.unit,
    polMentorPhone: d.politicalMentor.phone,
    bizMentorName: d.businessMentor.name,
    bizMentorUnit: d.businessMentor.unit,
    bizMentorPhone: d.businessMentor.phone,
    notes: d.notes,
  };
}

/** The fields of a posting as the audit log compares them. */
export function auditablePosting(p: Posting | null): Record<string, unknown> | null {
  if (!p) return null;
  const { createdAt: _c, updatedAt: _u, id: _id, ...rest } = p;
  return rest;
}

/** A posting named in messages: `常州市武进区商务局（2025.12.01—2026.11.30）`. */
export function describePosting(p: { hostUnit: string; startDate: string; plannedEndDate: string; actualEndDate: string }): string {
  return `${p.hostUnit || '挂职单位未填'}（${p.startDate}—${p.actualEndDate || p.plannedEndDate}）`;
}

/** Who and where, as every reminder and warning about a running posting names it. */
export function postingHeadline(p: Posting, cadreName: string, batchName: string | null) {
  return {
    postingId: p.id,
    cadreId: p.cadreId,
    cadreName,
    batchId: p.batchId,
    batchName,
    direction: p.direction,
    hostUnit: p.hostUnit,
    hostPost: p.hostPost,
  };
}
