import type { EntityManager, QueryDeepPartialEntity } from 'typeorm';
import type { z } from 'zod';
import { proposeAnnualAssessment } from '../../shared/annualAssessmentText';
import {
  AcceptAnnualProposalSchema,
  BatchCompletionQuerySchema,
  RECORD_INPUT_SCHEMAS,
  RECORD_KIND_LABELS,
  quarterLabel,
  quarterSpan,
  quartersBegun,
  usesWorkflow,
  type AcceptAnnualProposalInput,
  type AnnualTextProposal,
  type AssessmentRecord,
  type BatchCompletion,
  type CompletionCounts,
  type CompletionRow,
  type PostingHeader,
  type PostingRecords,
  type RecordInputOf,
  type RecordKind,
  type RecordOf,
  type TransitionResult,
} from '../../shared/assessment';
import type { AuditEntry } from '../../shared/audit';
import type { CadreData } from '../../shared/cadre';
import { FINAL_POSTING_STATUSES } from '../../shared/codes/secondment';
import { voteRates, type VoteCounts } from '../../shared/democraticVote';
import { conflict, notFound, parseOrRefuse, validationError } from '../../shared/errors';
import { countedSpan } from '../../shared/onPost';
import { effectiveEnd, type Posting } from '../../shared/posting';
import { draftsWarnings, futureDayRefusal, futureMonthRefusal, futureQuarterRefusal, futureYearRefusal, termEndRefusal, today } from '../../shared/termRules';
import { dayOf } from '../../shared/validators/yearMonth';
import {
  TransitionInputSchema,
  WORKFLOW_ACTION_LABELS,
  workflowInfo,
  type TransitionInput,
  type WorkflowState,
  type WorkflowStep,
} from '../../shared/workflow';
import { AssessmentRecordEntity, AuditEntryEntity, BatchEntity, CadreEntity, PostingEntity } from '../db/entities';
import type { Database } from '../db/Database';
import { queryRow, queryRows, sql, type SqlFragment } from '../db/sql';
import { diffRecords, type AuditLog } from './AuditLog';
import type { CadreService } from './CadreService';
import type { ArchiveLedger } from '../archive/ArchiveLedger';
import type { ServiceContext } from './ServiceContext';
import { claimVersion } from './editVersion';
import { postingQuery, readPosting, readPostings, requireWritablePosting } from './postingReader';
import { parseRecordData } from './storedJson';
import { refuseUnlessEditable, stepsQuery, type WorkflowLog } from './WorkflowLog';

const ENTITY = 'assessment_record';
const CONFIRMED: readonly string[] = ['已审核', '已归档'];

/**
 * The one `assessment_record` query (raw, through sql.ts: the records page is a measured figure), with the start of
 * the posting (a quarter's days count from it). `where` filters `r` (the record) and `p` (its posting).
 */
export function recordsQuery(where: SqlFragment): SqlFragment {
  return sql`SELECT r.id, r.posting_id, r.kind, r.period, r.state, r.grade, r.data, r.created_at, r.updated_at, p.start_date AS posting_start
    FROM assessment_record r JOIN posting p ON p.id = r.posting_id WHERE ${where} ORDER BY r.kind, r.period, r.id`;
}

/** The ids of a posting's workflow records (whose steps the records page shows). */
const workflowRecordsOf = (postingId: number) => sql`SELECT id FROM assessment_record WHERE posting_id = ${postingId} AND state <> ''`;

/** The records page's three queries (the posting, its records, their workflow steps): what the bench's baseline runs. */
export function postingRecordsQueries(postingId: number): SqlFragment[] {
  return [postingQuery(sql`p.id = ${postingId}`), recordsQuery(sql`r.posting_id = ${postingId}`), stepsQuery(ENTITY, workflowRecordsOf(postingId))];
}

/** A record as stored: its columns and its `data`, parsed once (storedJson.ts). */
interface StoredRecord {
  id: number;
  postingId: number;
  kind: RecordKind;
  period: string;
  state: string;
  grade: string;
  data: Record<string, unknown>;
  postingStart: string;
  createdAt: string;
  updatedAt: string;
}

function rowToStoredRecord(r: Record<string, unknown>): StoredRecord {
  const kind = String(r.kind) as RecordKind;
  return {
    id: Number(r.id),
    postingId: Number(r.posting_id),
    kind,
    period: String(r.period ?? ''),
    state: String(r.state ?? ''),
    grade: String(r.grade ?? ''),
    data: parseRecordData(kind, r.data) as Record<string, unknown>,
    postingStart: String(r.posting_start ?? ''),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

/** A raw `assessment_record` row as the API's record; `steps` are its workflow history (workflow kinds). */
export function rowToRecord(r: Record<string, unknown>, postingStart = String(r.posting_start ?? ''), steps: WorkflowStep[] = []): AssessmentRecord {
  return toRecord(rowToStoredRecord(r), postingStart, steps);
}

function toRecord(e: StoredRecord, postingStart: string, steps: WorkflowStep[]): AssessmentRecord {
  const { data, kind } = e;
  const base = { ...data, id: e.id, postingId: e.postingId, kind, createdAt: e.createdAt, updatedAt: e.updatedAt };
  const workflow = () => workflowInfo(e.state as WorkflowState, steps);
  switch (kind) {
    case 'quarterly': {
      const span = quarterSpan(postingStart, Number(data.quarter));
      return { ...base, periodStart: span.startDate, periodEnd: span.endDate, workflow: workflow() } as RecordOf<'quarterly'>;
    }
    case 'annual':
      return { ...base, workflow: workflow() } as RecordOf<'annual'>;
    case 'term':
      return { ...base, rates: voteRates(data.votes as VoteCounts), workflow: workflow() } as RecordOf<'term'>;
    default:
      return base as AssessmentRecord;
  }
}

/** The records of a posting grouped as the records tab shows them. */
export function groupRecords(posting: PostingHeader, themes: PostingRecords['themes'], records: AssessmentRecord[]): PostingRecords {
  const page: PostingRecords = { posting, themes, monthly: [], quarterly: [], talks: [], annual: [], term: null, notes: [] };
  for (const r of records) {
    if (r.kind === 'monthly') page.monthly.push(r);
    else if (r.kind === 'quarterly') page.quarterly.push(r);
    else if (r.kind === 'talk') page.talks.push(r);
    else if (r.kind === 'annual') page.annual.push(r);
    else if (r.kind === 'term') page.term = r;
    else page.notes.push(r);
  }
  // Logs read newest first; quarters and years in order.
  page.monthly.reverse();
  page.talks.reverse();
  page.notes.reverse();
  return page;
}

/** Sort and uniqueness key of a record within its posting and kind (see AssessmentRecordEntity.period). */
function periodOf(kind: RecordKind, d: Record<string, unknown>): string {
  switch (kind) {
    case 'monthly':
      return String(d.month);
    case 'quarterly':
      return `Q${d.quarter}`;
    case 'annual':
      return String(d.year);
    case 'term':
      return '';
    default:
      return String(d.date);
  }
}

function gradeOf(kind: RecordKind, d: Record<string, unknown>): string {
  if (kind === 'quarterly' || kind === 'annual') return String(d.grade ?? '');
  if (kind === 'term') return String(d.finalGrade ?? '');
  return '';
}

/** How a record is named in messages: 月度工作汇报（2026.03）, 年度考核（2026年）… */
function describeRecord(kind: RecordKind, d: Record<string, unknown>): string {
  const label = RECORD_KIND_LABELS[kind];
  switch (kind) {
    case 'monthly':
      return `${label}（${d.month}）`;
    case 'quarterly':
      return `${label}（${quarterLabel(Number(d.quarter))}）`;
    case 'annual':
      return `${label}（${d.year}年）`;
    case 'term':
      return label;
    default:
      return `${label}（${d.date}）`;
  }
}

/** The refusal of a second record for the same month, quarter, year or term, on the field that names the period. */
function duplicateRefusal(kind: RecordKind, d: Record<string, unknown>): string {
  switch (kind) {
    case 'monthly':
      return `月份：${d.month} 已有月度工作汇报，请在原记录上修改`;
    case 'quarterly':
      return `季度：${quarterLabel(Number(d.quarter))}已有季度小结/考核，请在原记录上修改`;
    case 'annual':
      return `年度：${d.year}年已有年度考核，请在原记录上修改`;
    default:
      return `${describeRecord(kind, d)}已有记录，请在原记录上修改`;
  }
}

/** Audit actions under which the app itself wrote a cadre file's 年度考核结果 (the first is the earlier versions'). */
const APP_WRITTEN_ANNUAL_TEXT = /^(同步\d{4}年度考核结果|按\d{4}年度考核更新年度考核结果|采用\d{4}年度考核结果建议)$/;
const annualSyncAction = (year: number) => `按${year}年度考核更新年度考核结果`;
const annualAcceptAction = (year: number) => `采用${year}年度考核结果建议`;

/**
 * 考核记录: saves each kind with its checks against the posting, runs the submit-and-lock workflow, feeds reviewed
 * annual grades into the cadre file, and answers the records page and the batch's completion overview.
 */
export class AssessmentService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly workflow: WorkflowLog,
    private readonly cadres: CadreService,
    private readonly ledger: ArchiveLedger,
  ) {}

  // ---- Reading -----------------------------------------------------------------------------------------------

  /** Everything the records tab of a posting shows, grouped by kind, in one call. */
  async listByPosting(postingId: number, m: EntityManager = this.db.manager): Promise<PostingRecords> {
    const [view, rows, steps] = await Promise.all([
      readPosting(m, postingId),
      queryRows(m, recordsQuery(sql`r.posting_id = ${postingId}`), rowToStoredRecord),
      this.workflow.steps(ENTITY, workflowRecordsOf(postingId), m),
    ]);
    if (!view) throw notFound(`未找到编号为 ${postingId} 的挂职记录`);
    const p = view.posting;
    const header: PostingHeader = {
      id: p.id, cadreId: p.cadreId, cadreName: view.cadreName, batchId: p.batchId, batchName: view.batchName, direction: p.direction,
      hostUnit: p.hostUnit, hostPost: p.hostPost, startDate: p.startDate, plannedEndDate: p.plannedEndDate, actualEndDate: p.actualEndDate, status: p.status,
    };
    return groupRecords(header, view.batchThemes, rows.map((r) => toRecord(r, p.startDate, steps.get(r.id) ?? [])));
  }

  async get(id: number, m: EntityManager = this.db.manager): Promise<AssessmentRecord> {
    const e = await this.stored(m, id);
    const steps = usesWorkflow(e.kind) ? ((await this.workflow.steps(ENTITY, [id], m)).get(id) ?? []) : [];
    return toRecord(e, e.postingStart, steps);
  }

  /** The record's state history and its audit entries (newest first). */
  async history(id: number): Promise<{ steps: WorkflowStep[]; audit: AuditEntry[] }> {
    if (!(await this.db.manager.existsBy(AssessmentRecordEntity, { id }))) throw notFound(`未找到编号为 ${id} 的考核记录`);
    const steps = (await this.workflow.steps(ENTITY, [id])).get(id) ?? [];
    return { steps, audit: await this.audit.history(ENTITY, id) };
  }

  private async stored(m: EntityManager, id: number): Promise<StoredRecord> {
    const e = await queryRow(m, recordsQuery(sql`r.id = ${id}`), rowToStoredRecord);
    if (!e) throw notFound(`未找到编号为 ${id} 的考核记录`);
    return e;
  }

  // ---- Saving ------------------------------------------------------------------------------------------------

  /** Creates (no id) or updates a record of `kind`; a workflow record can be changed only as a draft. */
  async save<K extends RecordKind>(ctx: ServiceContext, kind: K, input: unknown, id?: number): Promise<RecordOf<K>> {
    const data = parseOrRefuse(RECORD_INPUT_SCHEMAS[kind] as unknown as z.ZodType<RecordInputOf<K>>, input);
    return this.db.write((m) => this.saveWith(m, ctx, kind, data, id));
  }

  async saveWith<K extends RecordKind>(
    m: EntityManager,
    ctx: ServiceContext,
    kind: K,
    data: RecordInputOf<K>,
    id?: number,
    action?: string,
  ): Promise<RecordOf<K>> {
    const { postingId, expectedVersion, ...fields } = data as unknown as { postingId: number; expectedVersion?: string } & Record<string, unknown>;
    const { posting, cadreName, batchThemes } = await requireWritablePosting(m, postingId, RECORD_KIND_LABELS[kind]);
    this.checkWithinPosting(kind, fields, posting);
    this.checkTermRules(kind, fields, posting);
    if (kind === 'quarterly' && !fields.theme) fields.theme = batchThemes[Number(fields.quarter) - 1]?.theme ?? '';

    const existing = id === undefined ? null : await this.stored(m, id);
    if (existing) {
      if (existing.kind !== kind)
        throw validationError(`编号为 ${id} 的记录是${RECORD_KIND_LABELS[existing.kind]}，不能作为${RECORD_KIND_LABELS[kind]}保存`);
      if (existing.postingId !== postingId) throw validationError('挂职记录：考核记录不能改到另一段挂职，请在那段挂职下新建');
      if (usesWorkflow(kind)) refuseUnlessEditable(existing.state as WorkflowState);
    }
    const version =
      existing &&
      (await claimVersion(m, ctx, {
        entity: AssessmentRecordEntity, id: existing.id, stored: existing.updatedAt, expected: expectedVersion, auditType: ENTITY,
        what: `“${cadreName}”的${RECORD_KIND_LABELS[kind]}${existing.period ? `（${existing.period}）` : ''}`,
      }));
    const period = periodOf(kind, fields);
    if (kind !== 'talk' && kind !== 'note') {
      const twin = await m.findOne(AssessmentRecordEntity, { select: { id: true }, where: { postingId, kind, period } });
      if (twin && twin.id !== id) throw conflict(duplicateRefusal(kind, fields));
    }

    const now = new Date().toISOString();
    const columns = { postingId, kind, period, grade: gradeOf(kind, fields), data: fields, updatedAt: now };
    let recordId: number;
    if (!existing) {
      const state = usesWorkflow(kind) ? '草稿' : '';
      recordId = (await m.save(AssessmentRecordEntity, m.create(AssessmentRecordEntity, { ...columns, state, createdAt: now }))).id;
      if (usesWorkflow(kind)) await this.workflow.start(m, ctx, ENTITY, recordId);
      await this.audit.record(m, ctx, {
        entityType: ENTITY, entityId: recordId, action: action ?? '新建', changes: diffRecords(null, fields), note: describeRecord(kind, fields),
      });
    } else {
      recordId = existing.id;
      const changes = diffRecords(existing.data, fields);
      // update, not save: save would first load the row through the entity, whose JSON hydration fails on a bad row.
      await m.update(AssessmentRecordEntity, { id: recordId }, { ...columns, updatedAt: version ?? now } as QueryDeepPartialEntity<AssessmentRecordEntity>);
      if (Object.keys(changes).length)
        await this.audit.record(m, ctx, { entityType: ENTITY, entityId: recordId, action: action ?? '修改', changes, note: describeRecord(kind, fields) });
    }
    return (await this.get(recordId, m)) as RecordOf<K>;
  }

  /** Deletes a plain record, or a workflow record that is still a draft. */
  async remove(ctx: ServiceContext, id: number): Promise<void> {
    await this.db.write(async (m) => {
      const e = await this.stored(m, id);
      if (usesWorkflow(e.kind)) refuseUnlessEditable(e.state as WorkflowState);
      await m.delete(AssessmentRecordEntity, { id });
      await this.workflow.remove(m, ENTITY, id);
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: id, action: '删除', changes: diffRecords(e.data, null), note: describeRecord(e.kind, e.data) });
    });
  }

  // ---- Workflow ----------------------------------------------------------------------------------------------

  /**
   * One workflow step (提交/审核/归档/退回为草稿). A 期满考核 moves forward only at the end of the term, and its 提交
   * warns about earlier quarterly and annual records still in draft. A reviewed annual grade goes into the cadre
   * file's 年度考核结果 when that text is empty or the app's own; the clerk's text is left as is and a proposal returned.
   */
  async transition(ctx: ServiceContext, input: TransitionInput): Promise<TransitionResult> {
    const v = parseOrRefuse(TransitionInputSchema, input);
    return this.db.write((m) => this.transitionWith(m, ctx, v));
  }

  async transitionWith(m: EntityManager, ctx: ServiceContext, v: z.output<typeof TransitionInputSchema>): Promise<TransitionResult> {
    const e = await this.stored(m, v.id);
    if (!usesWorkflow(e.kind)) throw conflict(`${RECORD_KIND_LABELS[e.kind]}不需要提交审核，可直接修改`);
    const from = e.state as WorkflowState;
    const to = await this.workflow.apply(m, ctx, ENTITY, e.id, from, v.action, v.reason);
    let warnings: string[] = [];
    if (e.kind === 'term' && v.action !== 'reopen') {
      const view = await readPosting(m, e.postingId);
      const refusal = view && termEndRefusal(view.posting, today(), '期满考核', WORKFLOW_ACTION_LABELS[v.action]);
      if (refusal) throw conflict(refusal);
      if (v.action === 'submit') warnings = draftsWarnings((await this.draftsBefore(m, e.postingId)).map((d) => describeRecord(d.kind, d.data)));
    }
    await m.update(AssessmentRecordEntity, { id: e.id }, { state: to, updatedAt: new Date().toISOString() });
    // The archive ledger's entry in the same transaction: archived and recorded, or neither.
    if (to === '已归档') await this.ledger.append(m, ctx, ENTITY, e.id);
    // 年度考核结果 follows the confirmed grade: set when reviewed, taken back when a reviewed record is reopened; on
    // 归档 a proposal the clerk left open (保留原文) is offered again.
    const annual =
      e.kind === 'annual' && (CONFIRMED.includes(from) !== CONFIRMED.includes(to) || to === '已归档')
        ? await this.syncAnnualText(m, ctx, e.id, e.postingId, Number(e.period))
        : { proposal: null, note: '' };
    await this.audit.record(m, ctx, {
      entityType: ENTITY,
      entityId: e.id,
      action: WORKFLOW_ACTION_LABELS[v.action],
      changes: { state: [from, to] },
      note: [describeRecord(e.kind, e.data), v.reason, annual.note].filter(Boolean).join('：'),
    });
    const record = (await this.get(e.id, m)) as TransitionResult;
    return { ...record, warnings, proposal: annual.proposal, annualTextNote: annual.note };
  }

  /** The posting's quarterly and annual records still in draft (what a 期满考核's 提交 warns about). */
  private async draftsBefore(m: EntityManager, postingId: number): Promise<StoredRecord[]> {
    const rows = await queryRows(
      m,
      recordsQuery(sql`r.posting_id = ${postingId} AND r.kind IN (${'quarterly'}, ${'annual'}) AND r.state = ${'草稿'}`),
      rowToStoredRecord,
    );
    // Quarters first, then years (the query orders by kind name).
    return rows.sort((a, b) => Number(b.kind === 'quarterly') - Number(a.kind === 'quarterly'));
  }

  // ---- 年度考核结果 of the cadre file ------------------------------------------------------------------------------

  /** The year's confirmed grade: the latest 已审核/已归档 annual assessment of any of the cadre's postings. */
  private async confirmedGrade(m: EntityManager, cadreId: number, year: number): Promise<string | null> {
    const confirmed: { grade: string } | undefined = await m
      .createQueryBuilder(AssessmentRecordEntity, 'r')
      .select('r.grade', 'grade')
      .innerJoin(PostingEntity, 'p', 'p.id = r.postingId')
      .where('p.cadreId = :cadreId AND r.kind = :kind AND r.period = :period', { cadreId, kind: 'annual', period: String(year) })
      .andWhere('r.state IN (:...states)', { states: CONFIRMED })
      .orderBy('r.updatedAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(1)
      .getRawOne();
    return confirmed ? confirmed.grade : null;
  }

  /**
   * What the file's 年度考核结果 should say about the record's year, when it says otherwise; null when it agrees,
   * or when the file is gone or in the recycle bin (left alone).
   */
  private async annualTextProposal(m: EntityManager, recordId: number, postingId: number, year: number): Promise<AnnualTextProposal | null> {
    const posting = await m.findOne(PostingEntity, { select: { id: true, cadreId: true }, where: { id: postingId } });
    const cadre = posting && (await m.findOneBy(CadreEntity, { id: posting.cadreId }));
    if (!cadre || cadre.deletedAt) return null;
    const grade = await this.confirmedGrade(m, cadre.id, year);
    const current = cadre.annualAssessment ?? '';
    const proposed = proposeAnnualAssessment(current, year, grade);
    return proposed === current ? null : { recordId, cadreId: cadre.id, cadreName: cadre.name, year, grade, current, proposed };
  }

  /** Whether `text` is what the app itself last wrote into the file's 年度考核结果 (not typed or imported since). */
  private async writtenByApp(m: EntityManager, cadreId: number, text: string): Promise<boolean> {
    const last = await m
      .createQueryBuilder(AuditEntryEntity, 'a')
      .where('a.entityType = :type AND a.entityId = :id', { type: 'cadre', id: String(cadreId) })
      .andWhere('a.changes LIKE :key', { key: '%"annualAssessment"%' })
      .orderBy('a.id', 'DESC')
      .limit(1)
      .getOne();
    return !!last && APP_WRITTEN_ANNUAL_TEXT.test(last.action) && last.changes.annualAssessment?.[1] === text;
  }

  /**
   * Brings the file's 年度考核结果 in line with the year's confirmed grade when the text is empty or the app's own
   * (and says so in `note`); the clerk's own text is not touched: the proposal is returned instead.
   */
  private async syncAnnualText(
    m: EntityManager,
    ctx: ServiceContext,
    recordId: number,
    postingId: number,
    year: number,
  ): Promise<{ proposal: AnnualTextProposal | null; note: string }> {
    const p = await this.annualTextProposal(m, recordId, postingId, year);
    if (!p) return { proposal: null, note: '' };
    const empty = !p.current.trim();
    if (!empty && !(await this.writtenByApp(m, p.cadreId, p.current))) return { proposal: p, note: '' };
    await this.writeAnnualText(m, ctx, p.cadreId, p.proposed, annualSyncAction(year));
    const was = empty ? '原为空' : '原内容由系统按考核记录生成';
    return { proposal: null, note: `已更新${p.cadreName}档案中的年度考核结果（${was}），现为“${p.proposed || '（空）'}”` };
  }

  /** Writes the file's 年度考核结果 through CadreService, so that the file's history shows it under `action`. */
  private async writeAnnualText(m: EntityManager, ctx: ServiceContext, cadreId: number, text: string, action: string): Promise<void> {
    const cadre = (await m.findOneBy(CadreEntity, { id: cadreId }))!;
    const { id, nameInitials: _i, namePinyin: _p, sortKey: _s, hasPhoto: _h, createdAt: _c, updatedAt: _u, deletedAt: _d, ...data } = cadre;
    await this.cadres.saveWith(m, ctx, { ...(data as unknown as CadreData), annualAssessment: text }, id, action);
  }

  /** The proposals still open for the posting's confirmed annual assessments (the records tab shows them). */
  async annualProposals(postingId: number): Promise<AnnualTextProposal[]> {
    return this.db.read(async (m) => {
      const rows = await m.find(AssessmentRecordEntity, { select: { id: true, period: true, state: true }, where: { postingId, kind: 'annual' }, order: { period: 'ASC' } });
      const out: AnnualTextProposal[] = [];
      for (const r of rows) {
        if (!CONFIRMED.includes(r.state)) continue;
        const p = await this.annualTextProposal(m, r.id, postingId, Number(r.period));
        if (p) out.push(p);
      }
      return out;
    });
  }

  /**
   * The clerk accepts the proposal for the record's year: the file's 年度考核结果 becomes the proposed text, audited
   * on the file and on the record. Refused when the text changed since the clerk saw it.
   */
  async acceptAnnualProposal(ctx: ServiceContext, input: AcceptAnnualProposalInput): Promise<AnnualTextProposal> {
    const v = parseOrRefuse(AcceptAnnualProposalSchema, input);
    return this.db.write((m) => this.acceptAnnualProposalWith(m, ctx, v));
  }

  async acceptAnnualProposalWith(m: EntityManager, ctx: ServiceContext, v: z.output<typeof AcceptAnnualProposalSchema>): Promise<AnnualTextProposal> {
    const e = await this.stored(m, v.recordId);
    if (e.kind !== 'annual') throw validationError(`编号为 ${e.id} 的记录是${RECORD_KIND_LABELS[e.kind]}，没有年度考核结果可同步`);
    const p = await this.annualTextProposal(m, e.id, e.postingId, Number(e.period));
    if (!p) throw conflict('档案中的年度考核结果已与年度考核一致（或档案在回收站中），无需更新');
    if (p.current !== v.current) throw conflict('档案中的年度考核结果刚被修改过：请关闭后重新查看建议');
    await this.writeAnnualText(m, ctx, p.cadreId, p.proposed, annualAcceptAction(p.year));
    await this.audit.record(m, ctx, {
      entityType: ENTITY,
      entityId: e.id,
      action: '采用年度考核结果建议',
      changes: { annualAssessment: [p.current || null, p.proposed || null] },
      note: `${describeRecord('annual', e.data)}：${p.cadreName}档案中的年度考核结果按建议更新`,
    });
    return p;
  }

  // ---- Batch overview ----------------------------------------------------------------------------------------

  /** Who in the batch still lacks an annual assessment for the year or a 期满考核, with the states of the others. */
  async batchCompletion(input: z.input<typeof BatchCompletionQuerySchema>): Promise<BatchCompletion> {
    const q = parseOrRefuse(BatchCompletionQuerySchema, input);
    return this.db.read((m) => this.batchCompletionWith(m, q));
  }

  private async batchCompletionWith(m: EntityManager, q: z.output<typeof BatchCompletionQuerySchema>): Promise<BatchCompletion> {
    const batch = await m.findOneBy(BatchEntity, { id: q.batchId });
    if (!batch) throw notFound(`未找到编号为 ${q.batchId} 的批次`);
    const today = q.today || dayOf(new Date());
    const year = q.year ?? Number((batch.endDate && batch.endDate < today ? batch.endDate : today).slice(0, 4));
    const [members, records, quarterly] = await Promise.all([
      readPostings(m, { batchId: q.batchId, order: 'member' }),
      queryRows(m, recordsQuery(sql`p.batch_id = ${q.batchId} AND ((r.kind = 'annual' AND r.period = ${String(year)}) OR r.kind = 'term')`), rowToStoredRecord),
      m
        .createQueryBuilder(AssessmentRecordEntity, 'r')
        .select('r.postingId', 'posting_id')
        .addSelect('COUNT(*)', 'n')
        .innerJoin(PostingEntity, 'p', 'p.id = r.postingId')
        .where('p.batchId = :batchId AND r.kind = :kind', { batchId: q.batchId, kind: 'quarterly' })
        .groupBy('r.postingId')
        .getRawMany<{ posting_id: number; n: number }>(),
    ]);
    const annualOf = new Map<number, StoredRecord>();
    const termOf = new Map<number, StoredRecord>();
    for (const r of records) (r.kind === 'annual' ? annualOf : termOf).set(r.postingId, r);
    const quarterlyOf = new Map(quarterly.map((r) => [Number(r.posting_id), Number(r.n)]));

    const counts: CompletionCounts = { members: 0, annualMissing: 0, annualPending: 0, annualDone: 0, termDue: 0, termMissing: 0, termPending: 0, termDone: 0 };
    const tally = (entry: { state: string } | null, prefix: 'annual' | 'term') => {
      const key = !entry ? 'Missing' : CONFIRMED.includes(entry.state) ? 'Done' : 'Pending';
      counts[`${prefix}${key}`]++;
    };
    // A member whose file is in the 回收站 keeps her row (greyed on screen) but is not counted: one rule with the batch page.
    const rows: CompletionRow[] = members.map(({ posting, cadreName, cadreDeleted }) => {
      const postingId = posting.id;
      const p = { startDate: posting.startDate, plannedEndDate: posting.plannedEndDate, actualEndDate: posting.actualEndDate, status: posting.status };
      const span = countedSpan(p, today);
      const a = annualOf.get(postingId);
      const t = termOf.get(postingId);
      const row: CompletionRow = {
        postingId,
        cadreId: posting.cadreId,
        name: cadreName,
        hostUnit: posting.hostUnit,
        ...p,
        annual: a ? { recordId: a.id, grade: a.grade, state: a.state as WorkflowState } : null,
        annualExpected: !!span && span.startDate.slice(0, 4) <= String(year) && span.endDate.slice(0, 4) >= String(year),
        term: t
          ? { recordId: t.id, grade: t.grade, state: t.state as WorkflowState, rates: voteRates(t.data.votes as VoteCounts) }
          : null,
        termDue: (FINAL_POSTING_STATUSES as readonly string[]).includes(p.status) || (p.status !== '拟派' && !!p.plannedEndDate && p.plannedEndDate <= today),
        quarterlyCount: quarterlyOf.get(postingId) ?? 0,
        quartersElapsed: span ? quartersBegun(span.startDate, span.endDate) : 0,
      };
      if (cadreDeleted) return row;
      counts.members++;
      if (row.annualExpected) tally(row.annual, 'annual');
      if (row.termDue) {
        counts.termDue++;
        tally(row.term, 'term');
      }
      return row;
    });
    return { batchId: batch.id, batchName: batch.name, year, today, rows, counts };
  }

  // ---- Checks ------------------------------------------------------------------------------------------------

  /** No record for a period that has not begun (shared/termRules.ts); a 期满考核 only at the end of the term. */
  private checkTermRules(kind: RecordKind, d: Record<string, unknown>, p: Posting): void {
    const day = today();
    let refusal: string | null;
    switch (kind) {
      case 'monthly':
        refusal = futureMonthRefusal(String(d.month), day);
        break;
      case 'quarterly': {
        const q = Number(d.quarter);
        refusal = futureQuarterRefusal('季度', quarterLabel(q), quarterSpan(p.startDate, q).startDate, day);
        break;
      }
      case 'annual':
        refusal = futureYearRefusal(Number(d.year), day);
        break;
      case 'term': {
        refusal = futureDayRefusal('考核日期', String(d.assessmentDate ?? ''), day);
        const notYet = termEndRefusal(p, day, '期满考核');
        if (!refusal && notYet) throw conflict(notYet);
        break;
      }
      default:
        refusal = futureDayRefusal('日期', String(d.date), day);
    }
    if (refusal) throw validationError(refusal);
  }

  /** A record's month, quarter, year or day must fall within the posting (its actual end, else its planned end). */
  private checkWithinPosting(kind: RecordKind, d: Record<string, unknown>, p: Posting): void {
    const end = effectiveEnd(p);
    const span = `挂职期间为 ${p.startDate}—${end}`;
    switch (kind) {
      case 'monthly': {
        const month = String(d.month);
        if (month < p.startDate.slice(0, 7) || month > end.slice(0, 7)) throw validationError(`月份：${month} 不在挂职期间（${span}）`);
        return;
      }
      case 'quarterly': {
        const q = Number(d.quarter);
        const qs = quarterSpan(p.startDate, q);
        if (qs.startDate > end)
          throw validationError(`季度：${quarterLabel(q)}（自 ${qs.startDate} 起）不在挂职期间（${span}，共${quartersBegun(p.startDate, end)}个季度）`);
        return;
      }
      case 'annual': {
        const y = String(d.year);
        if (y < p.startDate.slice(0, 4) || y > end.slice(0, 4)) throw validationError(`年度：${y}年不在挂职期间（${span}）`);
        return;
      }
      case 'term':
        if (d.assessmentDate && String(d.assessmentDate) < p.startDate)
          throw validationError(`考核日期：不能早于挂职开始日期（${p.startDate}）`);
        return;
      default: {
        const date = String(d.date);
        if (date < p.startDate || date > end) throw validationError(`日期：${date} 不在挂职期间（${span}）`);
      }
    }
  }
}
