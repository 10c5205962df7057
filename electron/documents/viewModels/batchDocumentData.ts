import type { EntityManager, SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import type { AnnualAssessment, TermAssessment } from '../../../shared/assessment';
import type { Batch, BatchMember } from '../../../shared/batch';
import type { GrowthEvaluationSummary } from '../../../shared/growth';
import type { ResultTotals } from '../../../shared/ledger';
import { countedSpan, onPostSummary, type DaySpan } from '../../../shared/onPost';
import { AssessmentRecordEntity, CadreEntity, GrowthEvaluationEntity, LeaveEntryEntity, PostingEntity, WorkResultEntity } from '../../db/entities';
import { rowToRecord } from '../../services/AssessmentService';
import type { AppServices } from '../../services/AppServices';
import { toSummary } from '../../services/GrowthEvaluationService';
import { rowToStored } from '../../services/growthRows';
import { totalsFromRows } from '../../services/ResultLedgerService';

/**
 * The set-based reads of the batch forms (花名册, 汇总表): a constant number of queries whatever the batch size,
 * each over all the batch's postings (a join on batch_id), assembled in memory. The row mappers are the services'
 * own (rowToRecord, rowToStored, totalsFromRows), so the JSON columns are parsed the one way.
 */

/** A member as the batch forms print them: the posting, the printed columns of the cadre (no photo). */
export type PrintedMember = Pick<
  BatchMember,
  | 'postingId'
  | 'cadreId'
  | 'name'
  | 'gender'
  | 'birthDate'
  | 'politicalStatus'
  | 'phone'
  | 'cadreDeleted'
  | 'originalUnit'
  | 'originalPost'
  | 'hostUnit'
  | 'hostPost'
  | 'startDate'
  | 'plannedEndDate'
  | 'actualEndDate'
  | 'status'
  | 'isLeader'
  | 'isBranchSecretary'
> & {
  /** 学历: full-time, else part-time. */
  education: string;
  /** The file's 工作单位 and 现任职务: 原单位及职务 when the posting has none (see originalPostOf). */
  workUnit?: string;
  currentPosition?: string;
};

/** Selected expression (entity property paths, so TypeORM quotes the column names) per output key: named once. */
const MEMBER_COLUMNS = {
  postingId: 'p.id',
  cadreId: 'p.cadreId',
  originalUnit: 'p.originalUnit',
  originalPost: 'p.originalPost',
  hostUnit: 'p.hostUnit',
  hostPost: 'p.hostPost',
  startDate: 'p.startDate',
  plannedEndDate: 'p.plannedEndDate',
  actualEndDate: 'p.actualEndDate',
  status: 'p.status',
  name: 'c.name',
  gender: 'c.gender',
  birthDate: 'c.birthDate',
  politicalStatus: 'c.politicalStatus',
  phone: 'c.phone',
  ftEducation: 'c.ftEducation',
  ptEducation: 'c.ptEducation',
  workUnit: 'c.workUnit',
  currentPosition: 'c.currentPosition',
  deletedAt: 'c.deletedAt',
} as const;

// The services' mappers read snake_case rows (as their raw SQL returns them): alias the columns so.
const RECORD_COLUMNS = {
  id: 'r.id',
  posting_id: 'r.postingId',
  kind: 'r.kind',
  period: 'r.period',
  state: 'r.state',
  grade: 'r.grade',
  data: 'r.data',
  created_at: 'r.createdAt',
  updated_at: 'r.updatedAt',
} as const;

const LEAVE_COLUMNS = { posting_id: 'l.postingId', start_date: 'l.startDate', end_date: 'l.endDate' } as const;

/** What totalsFromRows reads, per posting. */
const TOTALS_COLUMNS = {
  posting_id: 'r.postingId',
  category: 'r.category',
  quantity_unit: 'r.quantityUnit',
  n: 'COUNT(*)',
  amount: 'SUM(r.amount)',
  amount_n: 'COUNT(r.amount)',
  quantity: 'SUM(r.quantity)',
} as const;

/** What a summary of an evaluation needs (its result comes from the ratings); narratives and evidence are not printed. */
const GROWTH_COLUMNS = {
  id: 'e.id',
  posting_id: 'e.postingId',
  template_id: 'e.templateId',
  period: 'e.period',
  period_kind: 'e.periodKind',
  milestone_date: 'e.milestoneDate',
  sort_key: 'e.sortKey',
  state: 'e.state',
  ratings: 'e.ratings',
  created_at: 'e.createdAt',
  updated_at: 'e.updatedAt',
} as const;

function selectAs<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, columns: Record<string, string>): SelectQueryBuilder<T> {
  const [first, ...rest] = Object.entries(columns);
  qb.select(first[1], first[0]);
  for (const [alias, expr] of rest) qb.addSelect(expr, alias);
  return qb;
}

/** Rows of `entity` (alias `alias`, with a `postingId`) whose posting is in the batch. */
function ofBatch<T extends ObjectLiteral>(m: EntityManager, entity: new () => T, alias: string, batchId: number, columns: Record<string, string>) {
  return selectAs(m.createQueryBuilder(entity, alias), columns)
    .innerJoin(PostingEntity, 'p', `p.id = ${alias}.postingId`)
    .where('p.batchId = :batchId', { batchId });
}

function groupBy<R>(rows: readonly R[], key: (r: R) => number): Map<number, R[]> {
  const out = new Map<number, R[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

const str = (v: unknown) => (v == null ? '' : String(v));

/** The batch's members, in the batch page's order (by name, then posting), with the printed cadre columns: one query. */
export async function readPrintedMembers(m: EntityManager, batch: Batch): Promise<PrintedMember[]> {
  const rows: Record<string, unknown>[] = await selectAs(m.createQueryBuilder(PostingEntity, 'p'), MEMBER_COLUMNS)
    .innerJoin(CadreEntity, 'c', 'c.id = p.cadreId')
    .where('p.batchId = :batchId', { batchId: batch.id })
    .orderBy('c.sortKey')
    .addOrderBy('p.id')
    .getRawMany();
  return rows.map((r) => {
    const cadreId = Number(r.cadreId);
    return {
      postingId: Number(r.postingId),
      cadreId,
      name: str(r.name),
      gender: str(r.gender),
      birthDate: str(r.birthDate),
      politicalStatus: str(r.politicalStatus),
      phone: str(r.phone),
      cadreDeleted: r.deletedAt != null,
      originalUnit: str(r.originalUnit),
      originalPost: str(r.originalPost),
      hostUnit: str(r.hostUnit),
      hostPost: str(r.hostPost),
      startDate: str(r.startDate),
      plannedEndDate: str(r.plannedEndDate),
      actualEndDate: str(r.actualEndDate),
      status: str(r.status) as PrintedMember['status'],
      // A file in the recycle bin is not an active member (BatchService.get): never printed as 组长 or 书记.
      isLeader: r.deletedAt == null && batch.leaderId === cadreId,
      isBranchSecretary: r.deletedAt == null && batch.branchSecretaryId === cadreId,
      education: str(r.ftEducation) || str(r.ptEducation),
      workUnit: str(r.workUnit),
      currentPosition: str(r.currentPosition),
    };
  });
}

/** What the 汇总表 prints of each posting. */
export interface PostingFigures {
  annual: AnnualAssessment[];
  term: TermAssessment | null;
  leave: DaySpan[];
  totals: ResultTotals;
  growth: GrowthEvaluationSummary[];
}

/** A posting without records, leave, results or evaluations. */
export const noFigures = (): PostingFigures => ({ annual: [], term: null, leave: [], totals: totalsFromRows([]), growth: [] });

/**
 * The annual and term assessments, leave, result totals and growth evaluations of every posting in the batch:
 * five queries over the batch plus one for the templates the evaluations are pinned to.
 */
export async function readBatchFigures(s: AppServices, m: EntityManager, batchId: number): Promise<Map<number, PostingFigures>> {
  const [records, leave, totals, evaluations] = (await Promise.all([
    ofBatch(m, AssessmentRecordEntity, 'r', batchId, RECORD_COLUMNS)
      .andWhere('r.kind IN (:...kinds)', { kinds: ['annual', 'term'] })
      .orderBy('r.postingId')
      .addOrderBy('r.kind')
      .addOrderBy('r.period')
      .addOrderBy('r.id')
      .getRawMany(),
    ofBatch(m, LeaveEntryEntity, 'l', batchId, LEAVE_COLUMNS).getRawMany(),
    ofBatch(m, WorkResultEntity, 'r', batchId, TOTALS_COLUMNS)
      .groupBy('r.postingId')
      .addGroupBy('r.category')
      .addGroupBy('r.quantityUnit')
      .orderBy('r.postingId')
      .addOrderBy('r.category')
      .addOrderBy('r.quantityUnit')
      .getRawMany(),
    ofBatch(m, GrowthEvaluationEntity, 'e', batchId, GROWTH_COLUMNS).orderBy('e.postingId').addOrderBy('e.sortKey').addOrderBy('e.id').getRawMany(),
  ])) as Record<string, unknown>[][];

  const stored = evaluations.map(rowToStored);
  const templates = stored.length ? await s.growthTemplates.byIds(stored.map((e) => e.templateId)) : new Map();

  const out = new Map<number, PostingFigures>();
  const figuresOf = (postingId: number): PostingFigures => {
    let f = out.get(postingId);
    if (!f) {
      f = noFigures();
      out.set(postingId, f);
    }
    return f;
  };
  // Workflow steps are not read: the forms print a record's state, not its history.
  for (const r of records) {
    const rec = rowToRecord(r, '', []);
    const f = figuresOf(rec.postingId);
    if (rec.kind === 'annual') f.annual.push(rec as AnnualAssessment);
    else if (rec.kind === 'term') f.term = rec as TermAssessment;
  }
  for (const l of leave) figuresOf(Number(l.posting_id)).leave.push({ startDate: str(l.start_date), endDate: str(l.end_date) });
  for (const [postingId, rows] of groupBy(totals, (r) => Number(r.posting_id))) figuresOf(postingId).totals = totalsFromRows(rows);
  for (const e of stored) figuresOf(e.postingId).growth.push(toSummary(e, templates.get(e.templateId)!));
  return out;
}

/** 在岗天数 of a posting on `today` (a day `2026.11.30`), from its span and leave. */
export function onPostOf(p: Pick<PrintedMember, 'startDate' | 'plannedEndDate' | 'actualEndDate' | 'status'>, leave: readonly DaySpan[], today: string) {
  return onPostSummary(countedSpan(p, today), leave);
}
