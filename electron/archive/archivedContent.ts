import type { EntityManager } from 'typeorm';
import { canonicalJson } from '../../shared/canonicalJson';
import { queryRows, sql, type SqlFragment } from '../db/sql';
// The same column readers as the growth archive's canonical form: both hash columns exactly as stored.
import { ARCHIVE_EVALUATION_COLUMNS, ARCHIVE_TEMPLATE_COLUMNS, archiveHash, json, num, sha256, str } from '../services/growthArchive';
import { recordLabel } from '../services/growthRows';

/** The kinds of record the workflow archives; each names its table. */
export const ARCHIVED_TYPES = ['assessment_record', 'growth_evaluation'] as const;
export type ArchivedType = (typeof ARCHIVED_TYPES)[number];

/** A record as `verify` and the ledger see it: who and what, and the hash of its content as stored now. */
export interface ArchivedContent {
  type: ArchivedType;
  id: number;
  /** 年度考核（2026年）· 王晓峰 */
  label: string;
  state: string;
  /** SHA-256 of the canonical content of the row as stored (state included). */
  hash: string;
  /** Growth evaluations also keep the hash in their own row (archive_hash), '' otherwise. */
  storedHash: string;
}

/**
 * The archived form of an assessment record: every column that says what was assessed, as stored (the data JSON
 * unparsed by any schema, so an edit cannot hide behind a lenient reader). updated_at is left out: it is the time of
 * the archiving itself.
 */
export function assessmentCanonical(r: Record<string, unknown>): string {
  return canonicalJson({
    kind: 'assessment_record',
    record: {
      id: num(r.id),
      postingId: num(r.posting_id),
      kind: str(r.kind),
      period: str(r.period),
      state: str(r.state),
      grade: str(r.grade),
      data: json(r.data),
      createdAt: str(r.created_at),
    },
  });
}

/** 年度考核 #5（王晓峰，2026年）, 期满考核 #9（王晓峰）: the same shape as a growth evaluation's label. */
function assessmentLabel(id: number, kind: string, period: string, cadreName: unknown): string {
  const [, what, when] = /^(.*?)(?:（(.*)）)?$/.exec(recordLabel(kind, period)) ?? [];
  return `${what} #${id}（${[cadreName ?? '挂职记录已不存在', when].filter(Boolean).join('，')}）`;
}

const ASSESSMENT_COLUMNS = 'r.id, r.posting_id, r.kind, r.period, r.state, r.grade, r.data, r.created_at';
const withName = (postingColumn: string) =>
  sql.raw(`(SELECT c.name FROM posting p JOIN cadre c ON c.id = p.cadre_id WHERE p.id = ${postingColumn}) AS cadre_name`);

async function assessmentRows(m: EntityManager, where: SqlFragment): Promise<ArchivedContent[]> {
  return queryRows(m, sql`SELECT ${sql.raw(ASSESSMENT_COLUMNS)}, ${withName('r.posting_id')} FROM assessment_record r WHERE ${where} ORDER BY r.id`, (r) => ({
    type: 'assessment_record' as const,
    id: Number(r.id),
    label: assessmentLabel(Number(r.id), String(r.kind), String(r.period), r.cadre_name),
    state: String(r.state),
    hash: sha256(assessmentCanonical(r)),
    storedHash: '',
  }));
}

async function evaluationRows(m: EntityManager, where: SqlFragment): Promise<ArchivedContent[]> {
  const cols = ARCHIVE_EVALUATION_COLUMNS.split(',').map((c) => `e.${c.trim()}`).join(', ');
  const rows = await queryRows(m, sql`SELECT ${sql.raw(cols)}, ${withName('e.posting_id')} FROM growth_evaluation e WHERE ${where} ORDER BY e.id`, (r) => r);
  const templateIds = [...new Set(rows.map((r) => Number(r.template_id)))];
  const templates = new Map<number, Record<string, unknown>>();
  if (templateIds.length)
    for (const t of await queryRows(m, sql`SELECT ${sql.raw(ARCHIVE_TEMPLATE_COLUMNS)} FROM growth_template WHERE id IN (${sql.list(templateIds)})`, (t) => t))
      templates.set(Number(t.id), t);
  return rows.map(({ cadre_name, ...row }) => ({
    type: 'growth_evaluation' as const,
    id: Number(row.id),
    label: `成长评价 #${row.id}（${cadre_name ?? '挂职记录已不存在'}，${row.period}）`,
    state: String(row.state),
    hash: archiveHash(row, templates.get(Number(row.template_id)) ?? null),
    storedHash: String(row.archive_hash ?? ''),
  }));
}

/** One record's content as stored now (inside a transaction: including its uncommitted changes), or null. */
export async function archivedContentOf(m: EntityManager, type: ArchivedType, id: number): Promise<ArchivedContent | null> {
  const rows = type === 'assessment_record' ? await assessmentRows(m, sql`r.id = ${id}`) : await evaluationRows(m, sql`e.id = ${id}`);
  return rows[0] ?? null;
}

/** Every record that is archived, or claims to have been (a growth evaluation with a stored hash). */
export async function currentlyArchived(m: EntityManager): Promise<ArchivedContent[]> {
  return [
    ...(await assessmentRows(m, sql`r.state = ${'已归档'}`)),
    ...(await evaluationRows(m, sql`e.state = ${'已归档'} OR e.archive_hash <> ${''}`)),
  ];
}

/** Every archived record of a cadre's postings (彻底删除 refuses them: archives are kept for good). */
export async function archivedOfCadre(m: EntityManager, cadreId: number): Promise<ArchivedContent[]> {
  const postings = sql`(SELECT id FROM posting WHERE cadre_id = ${cadreId})`;
  return [
    ...(await assessmentRows(m, sql`r.state = ${'已归档'} AND r.posting_id IN ${postings}`)),
    ...(await evaluationRows(m, sql`e.state = ${'已归档'} AND e.posting_id IN ${postings}`)),
  ];
}

/** The given records (any state), by type. */
export async function contentsOf(m: EntityManager, type: ArchivedType, ids: readonly number[]): Promise<ArchivedContent[]> {
  const out: ArchivedContent[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    out.push(...(type === 'assessment_record' ? await assessmentRows(m, sql`r.id IN (${sql.list(chunk)})`) : await evaluationRows(m, sql`e.id IN (${sql.list(chunk)})`)));
  }
  return out;
}

/** Chinese name of a record type, for messages. */
export const ARCHIVED_TYPE_LABELS: Readonly<Record<ArchivedType, string>> = {
  assessment_record: '考核记录',
  growth_evaluation: '成长评价',
};
