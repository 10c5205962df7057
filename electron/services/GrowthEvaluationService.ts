import { In, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { AuditEntry } from '../../shared/audit';
import { conflict, notFound, parseOrRefuse, validationError } from '../../shared/errors';
import {
  GROWTH_RATERS,
  GrowthEvaluationInputSchema,
  RaterSheetInputSchema,
  TERM_PERIOD,
  growthScoreRefusal,
  indicatorsOf,
  periodKindOf,
  periodSortKey,
  quarterDays,
  quarterNumber,
  type EvidenceCandidates,
  type EvidenceLink,
  type GrowthEvaluation,
  type GrowthEvaluationData,
  type GrowthEvaluationSummary,
  type GrowthPostingHeader,
  type GrowthResult,
  type GrowthTemplate,
  type GrowthTransitionResult,
  type RaterSheet,
  type StoredRaterSheet,
  type StoredRatings,
} from '../../shared/growth';
import { scoreEvaluation, type RatingScores } from '../../shared/growthScoring';
import { effectiveEnd, type Posting } from '../../shared/posting';
import { draftsWarnings, futureDayRefusal, futureQuarterRefusal, termEndRefusal, today } from '../../shared/termRules';
import { TransitionInputSchema, WORKFLOW_ACTION_LABELS, workflowInfo, type TransitionInput, type WorkflowStep } from '../../shared/workflow';
import { AssessmentRecordEntity, GrowthEvaluationEntity, WorkResultEntity } from '../db/entities';
import type { StoredEvidenceLink } from '../db/entities/GrowthEvaluationEntity';
import type { Database } from '../db/Database';
import { queryRow, queryRows, sql } from '../db/sql';
import { diffRecords, type AuditLog } from './AuditLog';
import type { GrowthTemplateService } from './GrowthTemplateService';
import type { ArchiveLedger } from '../archive/ArchiveLedger';
import { ARCHIVE_EVALUATION_COLUMNS, ARCHIVE_TEMPLATE_COLUMNS, archiveHash } from './growthArchive';
import { evaluationsQuery, readEvaluations, recordLabel, resultLabel, type StoredEvaluation } from './growthRows';
import { requirePosting, requireWritablePosting, type PostingView } from './postingReader';
import type { ServiceContext } from './ServiceContext';
import { claimVersion } from './editVersion';
import { takeExpectedVersion } from '../../shared/editVersion';
import { refuseUnlessEditable, type WorkflowLog } from './WorkflowLog';
import { formatDay } from '../../shared/dateText';

export const GROWTH_ENTITY = 'growth_evaluation';

/** What a linked record's label is made of (its `data` is not loaded: not needed, and its JSON may not parse). */
const RECORD_LABEL_COLUMNS = { id: true, kind: true, period: true, createdAt: true } as const;
const RESULT_LABEL_COLUMNS = { id: true, category: true, title: true, date: true, amount: true, quantity: true, quantityUnit: true } as const;

function growthHeader({ posting: p, cadreName }: PostingView): GrowthPostingHeader {
  const { cadreId, batchId, hostUnit, hostPost, startDate, plannedEndDate, actualEndDate } = p;
  return { postingId: p.id, cadreId, cadreName, batchId, hostUnit, hostPost, startDate, plannedEndDate, actualEndDate };
}

const describe = (period: string, cadreName?: string) => `${cadreName ? `${cadreName} ` : ''}成长评价（${period}）`;

/** The result of a stored evaluation with its pinned template. */
export const resultOf = (e: { ratings: StoredRatings }, t: GrowthTemplate): GrowthResult => scoreEvaluation(t, e.ratings as RatingScores);

export function toSummary(e: StoredEvaluation, t: GrowthTemplate, result: GrowthResult = resultOf(e, t)): GrowthEvaluationSummary {
  return {
    id: e.id,
    postingId: e.postingId,
    period: e.period,
    periodKind: e.periodKind,
    milestoneDate: e.milestoneDate,
    templateId: e.templateId,
    templateVersion: t.version,
    state: e.state,
    result,
    archived: e.state === '已归档',
    updatedAt: e.updatedAt,
  };
}

const hasAnyScore = (ratings: StoredRatings) => Object.values(ratings).some((s) => s && Object.keys(s.scores).length > 0);

/**
 * 成长评价: one evaluation per posting and period, pinned to a template version; each rater's sheet is saved on its
 * own; the submit-and-lock workflow (shared/workflow.ts) applies to every evaluation, and archiving stores the
 * SHA-256 of its canonical form, after which every write path refuses it.
 */
export class GrowthEvaluationService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly workflow: WorkflowLog,
    private readonly templates: GrowthTemplateService,
    private readonly ledger: ArchiveLedger,
  ) {}

  // ---- Reading -----------------------------------------------------------------------------------------------

  /** A posting's evaluations in period order, with their results. */
  async listByPosting(postingId: number, m: EntityManager = this.db.manager): Promise<GrowthEvaluationSummary[]> {
    await requirePosting(m, postingId, '挂职记录');
    const rows = await readEvaluations(m, sql`e.posting_id = ${postingId}`);
    const templates = await this.templates.byIds(rows.map((r) => r.templateId), m);
    return rows.map((e) => toSummary(e, templates.get(e.templateId)!));
  }

  /** The raw rows of a posting's evaluations, in period order (map them with growthRows' rowToStored). */
  storedOfPosting(postingId: number, m: EntityManager = this.db.manager): Promise<Record<string, unknown>[]> {
    return queryRows(m, evaluationsQuery(sql`e.posting_id = ${postingId}`), (r) => r);
  }

  /** Everything the evaluation page shows: the pinned template, every rater's sheet, evidence, result and history. */
  async get(id: number, m: EntityManager = this.db.manager): Promise<GrowthEvaluation> {
    const e = await this.stored(m, id);
    const [posting, template, steps] = await Promise.all([
      requirePosting(m, e.postingId, '挂职记录'),
      this.templates.get(e.templateId, m),
      this.workflow.steps(GROWTH_ENTITY, [id], m),
    ]);
    const result = resultOf(e, template);
    const names = new Map(indicatorsOf(template).map((i) => [i.code, i.indicatorName]));
    const present = await this.existingRefs(m, e.postingId, e.evidence);
    const ratings: RaterSheet[] = result.raters.map((r) => {
      const sheet = e.ratings[r.rater];
      return {
        rater: r.rater,
        scores: sheet?.scores ?? {},
        comments: sheet?.comments ?? {},
        comment: sheet?.comment ?? '',
        ratedBy: sheet?.ratedBy ?? '',
        ratedOn: sheet?.ratedOn ?? '',
        status: r.status,
        missingIndicators: r.missingIndicators,
      };
    });
    const evidence: EvidenceLink[] = e.evidence.map((l) => ({
      ...l,
      indicatorName: names.get(l.indicatorCode) ?? l.indicatorCode,
      exists: present.has(`${l.refKind}:${l.refId}`),
    }));
    return {
      ...toSummary(e, template, result),
      posting: growthHeader(posting),
      template,
      ratings,
      narratives: e.narratives,
      selfSummary: e.selfSummary,
      evidence,
      workflow: workflowInfo(e.state, steps.get(id) ?? []),
      archive: e.archiveHash ? { sha256: e.archiveHash, archivedAt: e.archivedAt } : null,
      createdAt: e.createdAt,
    };
  }

  async history(id: number): Promise<{ steps: WorkflowStep[]; audit: AuditEntry[] }> {
    await this.stored(this.db.manager, id);
    const steps = (await this.workflow.steps(GROWTH_ENTITY, [id])).get(id) ?? [];
    return { steps, audit: await this.audit.history(GROWTH_ENTITY, id) };
  }

  /** The posting's assessment records and ledger entries, to link as evidence. */
  async evidenceCandidates(postingId: number): Promise<EvidenceCandidates> {
    const m = this.db.manager;
    await requirePosting(m, postingId, '挂职记录');
    const [records, results] = await Promise.all([
      m.find(AssessmentRecordEntity, { select: RECORD_LABEL_COLUMNS, where: { postingId }, order: { kind: 'ASC', period: 'ASC', id: 'ASC' } }),
      m.find(WorkResultEntity, { select: RESULT_LABEL_COLUMNS, where: { postingId }, order: { date: 'ASC', id: 'ASC' } }),
    ]);
    return {
      records: records.map((r) => ({
        refKind: 'record',
        refId: r.id,
        label: recordLabel(r.kind, r.period),
        date: /^\d{4}\.\d{2}/.test(r.period) ? r.period : formatDay(r.createdAt),
      })),
      results: results.map((r) => ({ refKind: 'result', refId: r.id, label: resultLabel(r), date: r.date })),
    };
  }

  /** Scores for sheets not saved yet (the form's live figures), computed by the same function as saved ones. */
  async preview(templateId: number | null, ratings: RatingScores): Promise<GrowthResult> {
    const t = templateId === null ? await this.templates.active() : await this.templates.get(templateId);
    return scoreEvaluation(t, ratings);
  }

  // ---- Saving ------------------------------------------------------------------------------------------------

  /** Creates (no id) or changes (a draft) the evaluation's period, template, narratives, summary and evidence. */
  async save(ctx: ServiceContext, input: unknown, id?: number): Promise<GrowthEvaluation> {
    const data = parseOrRefuse(GrowthEvaluationInputSchema, input);
    return this.db.write((m) => this.saveWith(m, ctx, data, id));
  }

  async saveWith(m: EntityManager, ctx: ServiceContext, input: GrowthEvaluationData, id?: number, action?: string): Promise<GrowthEvaluation> {
    const [data, expectedVersion] = takeExpectedVersion(input);
    const { posting, cadreName } = await requireWritablePosting(m, data.postingId, '成长评价');
    const kind = periodKindOf(data.period);
    const milestoneDate = kind === 'milestone' ? data.milestoneDate : '';
    this.checkPeriod(data.period, milestoneDate, posting);

    const existing = id === undefined ? null : await this.stored(m, id);
    if (existing) {
      if (existing.postingId !== data.postingId) throw validationError('挂职记录：成长评价不能改到另一段挂职，请在那段挂职下新建');
      refuseUnlessEditable(existing.state);
    }
    const version =
      existing &&
      (await claimVersion(m, ctx, { entity: GrowthEvaluationEntity, id: existing.id, stored: existing.updatedAt, expected: expectedVersion, auditType: GROWTH_ENTITY, what: `${describe(existing.period, cadreName)}` }));
    const twin = await m.findOne(GrowthEvaluationEntity, { select: { id: true }, where: { postingId: data.postingId, period: data.period } });
    if (twin && twin.id !== id) throw conflict(`时段：${cadreName}的${data.period}成长评价已有记录，请在原评价上修改`);

    const template = await this.pinnable(m, data.templateId ?? existing?.templateId ?? null);
    if (existing && existing.templateId !== template.id && hasAnyScore(existing.ratings)) {
      const pinned = await this.templates.get(existing.templateId, m);
      throw conflict(`模板版本：已有评价主体按第${pinned.version}版评分，不能改用第${template.version}版（请先清空各评价主体的评分）`);
    }
    const evidence = await this.checkEvidence(m, data, template);

    const now = new Date().toISOString();
    const columns = {
      postingId: data.postingId,
      templateId: template.id,
      period: data.period,
      periodKind: kind,
      milestoneDate,
      sortKey: periodSortKey(data.period, milestoneDate, posting.startDate),
      narratives: data.narratives,
      selfSummary: data.selfSummary,
      evidence,
      updatedAt: now,
    };
    const content = (e: { templateId: number; period: string; milestoneDate: string; narratives: unknown; selfSummary: string; evidence: StoredEvidenceLink[] }) => ({
      templateId: e.templateId,
      period: e.period,
      milestoneDate: e.milestoneDate,
      narratives: e.narratives,
      selfSummary: e.selfSummary,
      evidence: e.evidence.map((l) => `${l.indicatorCode} ← ${l.label}`),
    });
    let evaluationId: number;
    if (!existing) {
      const created = await m.save(
        GrowthEvaluationEntity,
        m.create(GrowthEvaluationEntity, { ...columns, state: '草稿', ratings: {}, archiveHash: '', archivedAt: '', createdAt: now }),
      );
      evaluationId = created.id;
      await this.workflow.start(m, ctx, GROWTH_ENTITY, evaluationId);
      await this.audit.record(m, ctx, {
        entityType: GROWTH_ENTITY, entityId: evaluationId, action: action ?? '新建', changes: diffRecords(null, content(columns)), note: `${describe(data.period, cadreName)}（模板第${template.version}版）`,
      });
    } else {
      evaluationId = existing.id;
      await m.update(GrowthEvaluationEntity, { id: evaluationId }, { ...columns, updatedAt: version ?? now });
      const changes = diffRecords(content(existing), content(columns));
      if (Object.keys(changes).length)
        await this.audit.record(m, ctx, { entityType: GROWTH_ENTITY, entityId: evaluationId, action: action ?? '修改', changes, note: describe(data.period, cadreName) });
    }
    return this.get(evaluationId, m);
  }

  /** Saves one rater's sheet (a draft only). A sheet left entirely empty takes the rater out. */
  async saveRater(ctx: ServiceContext, input: unknown): Promise<GrowthEvaluation> {
    const data = parseOrRefuse(RaterSheetInputSchema, input);
    return this.db.write((m) => this.saveRaterWith(m, ctx, data));
  }

  async saveRaterWith(m: EntityManager, ctx: ServiceContext, data: z.output<typeof RaterSheetInputSchema>, action?: string): Promise<GrowthEvaluation> {
    const e = await this.stored(m, data.evaluationId);
    refuseUnlessEditable(e.state);
    const version = await claimVersion(m, ctx, {
      entity: GrowthEvaluationEntity, id: e.id, stored: e.updatedAt, expected: data.expectedVersion, auditType: GROWTH_ENTITY,
      what: describe(e.period, (await requirePosting(m, e.postingId, '挂职记录')).cadreName),
    });
    const template = await this.templates.get(e.templateId, m);
    const names = new Map(indicatorsOf(template).map((i) => [i.code, i.indicatorName]));
    const unknown = (code: string) => validationError(`${data.rater}评分：模板第${template.version}版没有编号为“${code}”的指标`);

    const scores: Record<string, number> = {};
    for (const [code, score] of Object.entries(data.scores)) {
      if (!names.has(code)) throw unknown(code);
      if (score === null) continue;
      const refusal = growthScoreRefusal(score);
      if (refusal) throw validationError(`${data.rater}评分：“${names.get(code)}”${refusal}`);
      scores[code] = score;
    }
    const comments: Record<string, string> = {};
    for (const [code, text] of Object.entries(data.comments)) {
      if (!names.has(code)) throw unknown(code);
      if (text) comments[code] = text;
    }
    const sheet: StoredRaterSheet = { scores, comments, comment: data.comment, ratedBy: data.ratedBy, ratedOn: data.ratedOn };
    const empty = !Object.keys(scores).length && !Object.keys(comments).length && !data.comment && !data.ratedBy && !data.ratedOn;

    const ratings: StoredRatings = { ...e.ratings };
    if (empty) delete ratings[data.rater];
    else ratings[data.rater] = sheet;
    // Stored in rater order, so the row reads the same however the sheets were entered.
    const ordered = Object.fromEntries(GROWTH_RATERS.filter((r) => ratings[r]).map((r) => [r, ratings[r]])) as StoredRatings;
    await m.update(GrowthEvaluationEntity, { id: e.id }, { ratings: ordered, updatedAt: version });

    const named = (s: StoredRaterSheet | undefined) =>
      s && { ...s, scores: Object.fromEntries(Object.entries(s.scores).map(([c, v]) => [names.get(c) ?? c, v])) };
    const changes = diffRecords({ [data.rater]: named(e.ratings[data.rater]) ?? null }, { [data.rater]: empty ? null : named(sheet) });
    if (Object.keys(changes).length) {
      const { cadreName } = await requirePosting(m, e.postingId, '挂职记录');
      await this.audit.record(m, ctx, {
        entityType: GROWTH_ENTITY, entityId: e.id, action: action ?? (empty ? '清空评分' : '评分'), changes, note: `${describe(e.period, cadreName)}：${data.rater}`,
      });
    }
    return this.get(e.id, m);
  }

  /** Deletes a draft evaluation. */
  async remove(ctx: ServiceContext, id: number): Promise<void> {
    await this.db.write(async (m) => {
      const e = await this.stored(m, id);
      refuseUnlessEditable(e.state);
      const { cadreName } = await requirePosting(m, e.postingId, '挂职记录');
      await m.delete(GrowthEvaluationEntity, { id });
      await this.workflow.remove(m, GROWTH_ENTITY, id);
      await this.audit.record(m, ctx, {
        entityType: GROWTH_ENTITY, entityId: id, action: '删除', changes: diffRecords({ period: e.period, ratings: e.ratings }, null), note: describe(e.period, cadreName),
      });
    });
  }

  // ---- Workflow ----------------------------------------------------------------------------------------------

  /**
   * 提交 / 审核 / 归档 / 退回为草稿. Submitting needs at least one rater with every indicator scored and no rater
   * half done. Archiving stores the SHA-256 of the canonical form (with the template version's content).
   */
  async transition(ctx: ServiceContext, input: TransitionInput): Promise<GrowthTransitionResult> {
    const v = parseOrRefuse(TransitionInputSchema, input);
    return this.db.write((m) => this.transitionWith(m, ctx, v));
  }

  async transitionWith(m: EntityManager, ctx: ServiceContext, v: z.output<typeof TransitionInputSchema>): Promise<GrowthTransitionResult> {
    const e = await this.stored(m, v.id);
    const { cadreName, posting } = await requirePosting(m, e.postingId, '挂职记录');
    if (v.action === 'submit' && e.state === '草稿') this.checkSubmittable(e, await this.templates.get(e.templateId, m));
    const from = e.state;
    const to = await this.workflow.apply(m, ctx, GROWTH_ENTITY, e.id, from, v.action, v.reason);
    // The 期满 evaluation moves forward only at the end of the term; its 提交 warns about earlier drafts.
    let warnings: string[] = [];
    if (e.periodKind === 'term' && v.action !== 'reopen') {
      const refusal = termEndRefusal(posting, today(), `${TERM_PERIOD}成长评价`, WORKFLOW_ACTION_LABELS[v.action]);
      if (refusal) throw conflict(refusal);
      if (v.action === 'submit') {
        const drafts = await readEvaluations(m, sql`e.posting_id = ${e.postingId} AND e.id <> ${e.id} AND e.state = ${'草稿'}`);
        warnings = draftsWarnings(drafts.map((d) => `成长评价（${d.period}）`));
      }
    }
    const now = new Date().toISOString();
    const changes: Record<string, [unknown, unknown]> = { state: [from, to] };
    // Archived in one update, hash included: an archived row refuses any later update.
    const archive = to === '已归档' ? { state: to, archived_at: now } : null;
    const sha = archive ? await this.computeArchiveHash(m, e.id, archive) : '';
    if (archive) changes.archiveHash = [null, sha];
    await m.update(GrowthEvaluationEntity, { id: e.id }, { state: to, updatedAt: now, ...(archive ? { archivedAt: now, archiveHash: sha } : {}) });
    // The archive ledger's entry in the same transaction: archived and recorded, or neither.
    if (archive) await this.ledger.append(m, ctx, GROWTH_ENTITY, e.id);
    await this.audit.record(m, ctx, {
      entityType: GROWTH_ENTITY,
      entityId: e.id,
      action: WORKFLOW_ACTION_LABELS[v.action],
      changes,
      note: [describe(e.period, cadreName), v.reason].filter(Boolean).join('：'),
    });
    return { ...(await this.get(e.id, m)), warnings };
  }

  /** The hash of the evaluation as stored (raw rows, the same as `verify` reads), with `pending` columns about to be written. */
  async computeArchiveHash(m: EntityManager, id: number, pending: Record<string, unknown> = {}): Promise<string> {
    // The stored text as it is, not parsed (a hash of what a reader would make of it could not catch an edit).
    const asIs = (r: Record<string, unknown>) => r;
    const row = (await queryRow(m, sql`SELECT ${sql.raw(ARCHIVE_EVALUATION_COLUMNS)} FROM growth_evaluation WHERE id = ${id}`, asIs))!;
    const template = await queryRow(m, sql`SELECT ${sql.raw(ARCHIVE_TEMPLATE_COLUMNS)} FROM growth_template WHERE id = ${row.template_id}`, asIs);
    return archiveHash({ ...row, ...pending }, template);
  }

  // ---- Checks ------------------------------------------------------------------------------------------------

  private checkSubmittable(e: StoredEvaluation, template: GrowthTemplate): void {
    const result = resultOf(e, template);
    const names = new Map(indicatorsOf(template).map((i) => [i.code, i.indicatorName]));
    const half = result.raters.filter((r) => r.status === 'incomplete');
    if (half.length)
      throw validationError(
        `${half.map((r) => `${r.rater}尚未评完（还差：${r.missingIndicators.map((c) => names.get(c) ?? c).join('、')}）`).join('；')}。可先保存草稿，评完后再提交`,
      );
    if (!result.scored) throw validationError('还没有评价主体完成全部指标的评分，不能提交');
  }

  private async stored(m: EntityManager, id: number): Promise<StoredEvaluation> {
    const [e] = await readEvaluations(m, sql`e.id = ${id}`);
    if (!e) throw notFound(`未找到编号为 ${id} 的成长评价`);
    return e;
  }

  /**
   * A quarter must have begun before the posting ended, and by today; a milestone must fall within the posting and
   * not after today; 期满 waits for the end of the term (shared/termRules.ts).
   */
  private checkPeriod(period: string, milestoneDate: string, p: Posting): void {
    const end = effectiveEnd(p);
    const span = `挂职期间为 ${p.startDate}—${end === '9999.12.31' ? '至今' : end}`;
    const kind = periodKindOf(period);
    const day = today();
    if (kind === 'quarter') {
      const q = quarterDays(p.startDate, quarterNumber(period));
      if (q.start > end) throw validationError(`时段：${period}（自 ${q.start} 起）不在挂职期间（${span}）`);
      const notYet = futureQuarterRefusal('时段', period, q.start, day, '评价');
      if (notYet) throw validationError(notYet);
    } else if (kind === 'milestone') {
      if (milestoneDate < p.startDate || milestoneDate > end) throw validationError(`节点日期：${milestoneDate} 不在挂职期间（${span}）`);
      const notYet = futureDayRefusal('节点日期', milestoneDate, day);
      if (notYet) throw validationError(notYet);
    } else {
      const notYet = termEndRefusal(p, day, `${TERM_PERIOD}成长评价`);
      if (notYet) throw conflict(notYet);
    }
  }

  /** The template to pin: the given version (not a draft), or the active one. */
  private async pinnable(m: EntityManager, templateId: number | null): Promise<GrowthTemplate> {
    if (templateId === null) return this.templates.active(m);
    const t = await this.templates.get(templateId, m);
    if (t.status === '草稿') throw conflict(`模板版本：第${t.version}版还是草稿，启用后才能用于评价`);
    return t;
  }

  /** Each link names an indicator of the template and a record or ledger entry of this posting. */
  private async checkEvidence(m: EntityManager, data: GrowthEvaluationData, template: GrowthTemplate): Promise<StoredEvidenceLink[]> {
    const names = new Map(indicatorsOf(template).map((i) => [i.code, i.indicatorName]));
    const links: StoredEvidenceLink[] = [];
    const seen = new Set<string>();
    for (const [i, l] of data.evidence.entries()) {
      const where = `佐证材料第${i + 1}条`;
      if (!names.has(l.indicatorCode)) throw validationError(`${where}：模板第${template.version}版没有编号为“${l.indicatorCode}”的指标`);
      const key = `${l.indicatorCode}|${l.refKind}|${l.refId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let label: string;
      const ref = { id: l.refId, postingId: data.postingId };
      if (l.refKind === 'record') {
        const r = await m.findOne(AssessmentRecordEntity, { select: RECORD_LABEL_COLUMNS, where: ref });
        if (!r) throw validationError(`${where}：这段挂职没有编号为 ${l.refId} 的考核记录`);
        label = recordLabel(r.kind, r.period);
      } else {
        const r = await m.findOne(WorkResultEntity, { select: RESULT_LABEL_COLUMNS, where: ref });
        if (!r) throw validationError(`${where}：这段挂职没有编号为 ${l.refId} 的工作实绩`);
        label = resultLabel(r);
      }
      links.push({ indicatorCode: l.indicatorCode, refKind: l.refKind, refId: l.refId, label, note: l.note });
    }
    return links;
  }

  /** `kind:id` of the linked records that still exist. */
  private async existingRefs(m: EntityManager, postingId: number, links: StoredEvidenceLink[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const [kind, entity] of [['record', AssessmentRecordEntity], ['result', WorkResultEntity]] as const) {
      const ids = [...new Set(links.filter((l) => l.refKind === kind).map((l) => l.refId))];
      if (!ids.length) continue;
      const rows = await m.find<{ id: number; postingId: number }>(entity, { select: { id: true }, where: { postingId, id: In(ids) } });
      for (const r of rows) out.add(`${kind}:${r.id}`);
    }
    return out;
  }
}

