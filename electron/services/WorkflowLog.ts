import type { EntityManager } from 'typeorm';
import { AppError, conflict, validationError } from '../../shared/errors';
import {
  INITIAL_STATE,
  OWN_SUBMISSION_REFUSAL,
  REVIEW_OPINION_REQUIRED,
  editRefusal,
  targetState,
  workflowRefusal,
  type WorkflowAction,
  type WorkflowState,
  type WorkflowStep,
} from '../../shared/workflow';
import { WorkflowStepEntity } from '../db/entities';
import type { Database } from '../db/Database';
import { queryRows, sql, type SqlFragment } from '../db/sql';
import type { ServiceContext } from './ServiceContext';

/**
 * The steps of some records (`recordIds`: an id list or a subquery), oldest first. Raw through sql.ts: the records
 * page reads them with its records (a measured figure); exported so the benchmark's baseline runs the same SQL.
 */
export function stepsQuery(recordType: string, recordIds: SqlFragment): SqlFragment {
  return sql`SELECT id, record_id, action, from_state, to_state, reason, actor, at FROM workflow_step
    WHERE record_type = ${recordType} AND record_id IN (${recordIds}) ORDER BY id`;
}

function rowToStep(r: Record<string, unknown>): WorkflowStep & { recordId: number } {
  return {
    id: Number(r.id),
    recordId: Number(r.record_id),
    action: String(r.action) as WorkflowStep['action'],
    from: r.from_state == null ? null : (String(r.from_state) as WorkflowState),
    to: String(r.to_state) as WorkflowState,
    reason: String(r.reason ?? ''),
    actor: String(r.actor ?? ''),
    at: String(r.at ?? ''),
  };
}

/** Refuses an edit (or a delete) of a record that is not a draft, with the workflow's message. */
export function refuseUnlessEditable(state: WorkflowState): void {
  const refusal = editRefusal(state);
  if (refusal) throw conflict(refusal);
}

/**
 * The persistence side of shared/workflow.ts, for any record type: checks a transition, writes its step
 * (who, when, from, to, reason) in the caller's transaction, and reads the history. The record keeps its current
 * state on its own row; the caller updates it with the state returned here and writes its audit entry.
 *
 *   await workflow.start(m, ctx, 'growth_evaluation', id);                       // on create: null → 草稿
 *   const to = await workflow.apply(m, ctx, 'growth_evaluation', id, row.state, 'submit', '');
 *   refuseUnlessEditable(row.state);                                              // before an edit or delete
 */
export class WorkflowLog {
  constructor(private readonly db: Database) {}

  /** The first line of a new record's history (null → 草稿). */
  async start(m: EntityManager, ctx: ServiceContext, recordType: string, recordId: number): Promise<WorkflowState> {
    await this.insert(m, ctx, recordType, recordId, 'create', null, INITIAL_STATE, '');
    return INITIAL_STATE;
  }

  /** Checks and records one transition; returns the new state. Refusals name both states and change nothing. */
  async apply(
    m: EntityManager,
    ctx: ServiceContext,
    recordType: string,
    recordId: number,
    current: WorkflowState,
    action: WorkflowAction,
    reason = '',
  ): Promise<WorkflowState> {
    const refusal = workflowRefusal(current, action, reason);
    if (refusal) throw refusal.startsWith('原因：') ? validationError(refusal) : conflict(refusal);
    if (ctx.signedIn && action === 'review') await this.checkReviewer(m, ctx, recordType, recordId, reason);
    const to = targetState(action);
    await this.insert(m, ctx, recordType, recordId, action, current, to, reason.trim());
    return to;
  }

  /**
   * With accounts, 审核 is a person's act: it carries an opinion (kept as the step's reason) and the one who
   * submitted the record cannot review it (separation of duties). Without accounts everyone is the OS user.
   */
  private async checkReviewer(m: EntityManager, ctx: ServiceContext, recordType: string, recordId: number, opinion: string): Promise<void> {
    if (!opinion.trim()) throw validationError(REVIEW_OPINION_REQUIRED);
    const submitted = await m.findOne(WorkflowStepEntity, { where: { recordType, recordId, action: 'submit' }, order: { id: 'DESC' } });
    if (submitted && submitted.actor === ctx.actor) throw new AppError('FORBIDDEN', OWN_SUBMISSION_REFUSAL);
  }

  /** The histories of some records (ids, or a subquery selecting them), oldest step first. */
  async steps(recordType: string, recordIds: number[] | SqlFragment, m: EntityManager = this.db.manager): Promise<Map<number, WorkflowStep[]>> {
    const byRecord = new Map<number, WorkflowStep[]>();
    const chunks: SqlFragment[] = [];
    if (!Array.isArray(recordIds)) chunks.push(recordIds);
    // Chunked: SQLite limits the number of bound parameters.
    else for (let i = 0; i < recordIds.length; i += 500) chunks.push(sql.list(recordIds.slice(i, i + 500)));
    for (const chunk of chunks) {
      for (const { recordId, ...step } of await queryRows(m, stepsQuery(recordType, chunk), rowToStep)) {
        const list = byRecord.get(recordId) ?? [];
        list.push(step);
        byRecord.set(recordId, list);
      }
    }
    return byRecord;
  }

  /** Drops a deleted draft's history (its audit entries stay). */
  async remove(m: EntityManager, recordType: string, recordId: number): Promise<void> {
    await m.delete(WorkflowStepEntity, { recordType, recordId });
  }

  private async insert(
    m: EntityManager,
    ctx: ServiceContext,
    recordType: string,
    recordId: number,
    action: WorkflowStep['action'],
    from: WorkflowState | null,
    to: WorkflowState,
    reason: string,
  ): Promise<void> {
    await m.insert(WorkflowStepEntity, { recordType, recordId, action, fromState: from, toState: to, reason, actor: ctx.actor, at: new Date().toISOString() });
  }
}
