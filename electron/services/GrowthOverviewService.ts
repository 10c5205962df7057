import { notFound, parseOrRefuse } from '../../shared/errors';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  BatchGrowthQuerySchema,
  GROWTH_STAGES,
  indicatorsOf,
  periodKindOf,
  quarterDays,
  quarterNumber,
  type BatchGrowthOverview,
  type BatchGrowthQuery,
  type BatchGrowthRow,
  type GrowthResult,
  type GrowthTemplate,
  type GrowthTrajectory,
} from '../../shared/growth';
import { levelLabel, round2, scoreEvaluation, type RatingScores } from '../../shared/growthScoring';
import { effectiveEnd } from '../../shared/posting';
import type { WorkflowState } from '../../shared/workflow';
import { BatchEntity } from '../db/entities';
import type { Database } from '../db/Database';
import type { GrowthTemplateService } from './GrowthTemplateService';
import { sql, type SqlFragment } from '../db/sql';
import { evaluationsQuery, readEvaluations } from './growthRows';
import { postingQuery, readPostings, requirePosting } from './postingReader';

/** The members of a batch whose files are live, and their evaluations. */
const liveMembersOf = (batchId: number) => sql`p.batch_id = ${batchId} AND c.deleted_at IS NULL`;
const evaluationsOfBatch = (batchId: number) =>
  sql`e.posting_id IN (SELECT p.id FROM posting p JOIN cadre c ON c.id = p.cadre_id WHERE ${liveMembersOf(batchId)})`;

/** The batch overview's two queries (members, and every evaluation of their postings): what the bench's baseline runs. */
export function batchGrowthQueries(batchId: number): SqlFragment[] {
  return [postingQuery(liveMembersOf(batchId), 'member'), evaluationsQuery(evaluationsOfBatch(batchId))];
}

interface ScoredRow {
  id: number;
  postingId: number;
  period: string;
  sortKey: string;
  state: WorkflowState;
  result: GrowthResult;
}

const LEVELS = [0, 1, 2, 3, 4];
const average = (xs: number[]) => (xs.length ? round2(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

/** The chart-ready views of growth evaluations: a posting's trajectory and a batch's overview for a period. */
export class GrowthOverviewService {
  constructor(
    private readonly db: Database,
    private readonly templates: GrowthTemplateService,
  ) {}

  /** Four stage lines across the posting's periods, the stage reached per period, and a radar of the latest one. */
  async trajectory(postingId: number): Promise<GrowthTrajectory> {
    const m = this.db.manager;
    const { cadreName } = await requirePosting(m, postingId, '挂职记录');
    const rows = await readEvaluations(m, sql`e.posting_id = ${postingId}`);
    const templates = await this.templates.byIds(rows.map((r) => r.templateId), m);
    const points = rows.map((e) => ({ e, t: templates.get(e.templateId)!, result: scoreEvaluation(templates.get(e.templateId)!, e.ratings as RatingScores) }));

    const latest = [...points].reverse().find((p) => p.result.scored) ?? null;
    return {
      postingId,
      cadreName,
      stages: [...GROWTH_STAGES],
      periods: points.map((p) => p.e.period),
      evaluationIds: points.map((p) => p.e.id),
      states: points.map((p) => p.e.state),
      series: GROWTH_STAGES.map((stage, i) => ({ stage, scores: points.map((p) => p.result.stageScores[i]?.score ?? null) })),
      totals: points.map((p) => p.result.total),
      thresholds: points.map((p) => p.result.threshold),
      reached: points.map((p) => ({ stage: p.result.reached, level: p.result.reachedLevel, label: p.result.reachedLabel })),
      partial: points.map((p) => p.result.partial),
      radar: latest && this.radar(latest.e.id, latest.e.period, latest.t, latest.result),
    };
  }

  private radar(evaluationId: number, period: string, t: GrowthTemplate, r: GrowthResult): NonNullable<GrowthTrajectory['radar']> {
    const indicators = indicatorsOf(t);
    return {
      evaluationId,
      period,
      threshold: r.threshold,
      byStage: { indicator: r.stageScores.map((s) => ({ name: s.stage, max: 100 })), value: r.stageScores.map((s) => s.score ?? 0) },
      byIndicator: { indicator: indicators.map((i) => ({ name: i.indicatorName, max: 100 })), value: indicators.map((i) => r.indicatorScores[i.code] ?? 0) },
    };
  }

  /**
   * A batch for one period: how many reached each stage, the average per stage, who has no scored evaluation, a
   * row per member; plus the level counts of every period. Every evaluation of the batch is scored once.
   */
  async batchOverview(input: BatchGrowthQuery): Promise<BatchGrowthOverview> {
    const q = parseOrRefuse(BatchGrowthQuerySchema, input);
    return this.db.read((m) => this.batchOverviewWith(m, q));
  }

  private async batchOverviewWith(m: EntityManager, q: z.output<typeof BatchGrowthQuerySchema>): Promise<BatchGrowthOverview> {
    const batch = await m.findOneBy(BatchEntity, { id: q.batchId });
    if (!batch) throw notFound(`未找到编号为 ${q.batchId} 的批次`);
    const [members, evaluations] = await Promise.all([
      readPostings(m, { batchId: q.batchId, liveCadres: true, order: 'member' }),
      readEvaluations(m, evaluationsOfBatch(q.batchId)),
    ]);
    const templates = await this.templates.byIds([...new Set(evaluations.map((e) => e.templateId))], m);

    const scored: ScoredRow[] = evaluations.map((e) => ({
      id: e.id,
      postingId: e.postingId,
      period: e.period,
      sortKey: e.sortKey,
      state: e.state,
      result: scoreEvaluation(templates.get(e.templateId)!, e.ratings as RatingScores),
    }));

    // Periods in order of their earliest day in the batch (quarters by their end, milestones by their day, 期满 last).
    const firstKey = new Map<string, string>();
    for (const s of scored) if (!firstKey.has(s.period) || s.sortKey < firstKey.get(s.period)!) firstKey.set(s.period, s.sortKey);
    const periods = [...firstKey.keys()].sort((a, b) => firstKey.get(a)!.localeCompare(firstKey.get(b)!) || quarterNumber(a) - quarterNumber(b) || a.localeCompare(b, 'zh'));
    // By default the latest period at least half the members were scored for (a lone early 期满 does not hide the
    // quarter everyone else is in), else the latest anyone was scored for.
    const active = members.filter((r) => r.posting.status !== '拟派').length;
    const scoredIn = (p: string) => scored.filter((s) => s.period === p && s.result.scored).length;
    const latestFirst = [...periods].reverse();
    const period =
      q.period || latestFirst.find((p) => scoredIn(p) * 2 >= active && scoredIn(p) > 0) || latestFirst.find((p) => scoredIn(p) > 0) || periods[periods.length - 1] || '第一季度';

    const byPosting = new Map<number, ScoredRow>();
    for (const s of scored) if (s.period === period) byPosting.set(s.postingId, s);

    const rows: BatchGrowthRow[] = [];
    const notEvaluated: BatchGrowthOverview['notEvaluated'] = [];
    for (const { posting: p, cadreName } of members) {
      if (p.status === '拟派') continue;
      const postingId = p.id;
      const s = byPosting.get(postingId);
      // A quarter that began after the posting ended is not owed.
      if (!s && periodKindOf(period) === 'quarter' && quarterDays(p.startDate, quarterNumber(period)).start > effectiveEnd(p)) continue;
      const base = { postingId, cadreId: p.cadreId, name: cadreName, hostUnit: p.hostUnit };
      rows.push({
        ...base,
        evaluationId: s?.id ?? null,
        state: s?.state ?? null,
        stageScores: s ? s.result.stageScores.map((x) => x.score) : GROWTH_STAGES.map(() => null),
        total: s?.result.total ?? null,
        reachedLevel: s?.result.reachedLevel ?? 0,
        reachedLabel: s ? s.result.reachedLabel : '未评价',
        partial: s?.result.partial ?? false,
      });
      if (!s?.result.scored) notEvaluated.push({ ...base, evaluationId: s?.id ?? null });
    }

    const done = rows.filter((r) => byPosting.get(r.postingId)?.result.scored).map((r) => byPosting.get(r.postingId)!.result);
    const counts = (results: GrowthResult[]) => LEVELS.map((l) => results.filter((r) => r.reachedLevel === l).length);
    const levelCounts = counts(done);
    return {
      batchId: batch.id,
      batchName: batch.name,
      period,
      periods,
      members: rows.length,
      evaluated: done.length,
      distribution: LEVELS.map((level) => ({ label: levelLabel(level), level, count: levelCounts[level] })),
      averagePerStage: GROWTH_STAGES.map((stage, i) => ({ stage, average: average(done.map((r) => r.stageScores[i].score!)) })),
      averageTotal: average(done.map((r) => r.total!)),
      notEvaluated,
      rows,
      byPeriod: periods.map((p) => {
        const results = scored.filter((s) => s.period === p && s.result.scored).map((s) => s.result);
        return { period: p, evaluated: results.length, counts: counts(results) };
      }),
    };
  }
}
