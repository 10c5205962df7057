import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GROWTH_RATERS, QUARTER_PERIODS, periodSortKey, type GrowthRater, type GrowthTemplate } from '../../shared/growth';
import { AppServices } from '../../electron/services/AppServices';
import { batchGrowthQueries } from '../../electron/services/GrowthOverviewService';
import { parseRatings } from '../../electron/services/storedJson';
import { generateCadres } from '../generate';
import { median, p95, timeRuns, type Figure } from '../Figure';

const POSTINGS = 500;
const PERIODS = QUARTER_PERIODS.slice(0, 4);
const RUNS = 20;
const ctx = { actor: 'bench' };
const START = '2025.12.01';

/**
 * Stage results for a batch of 500 postings with four quarterly evaluations each (2000 evaluations, every one
 * scored): `growth:batchOverview` through the service vs the same two queries with the scoring written inline in
 * plain JS (no shared scorer, no shaping). Target from the issue: under 1 s.
 */
export const growthFigure: Figure = {
  name: `成长评价批次结果（${POSTINGS} 段挂职 × ${PERIODS.length} 次评价）`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-bench-'));
    const s = await AppServices.open(path.join(dir, 'cadre.db'));
    try {
      await generateCadres(s, POSTINGS);
      const ids: number[] = (await s.db.manager.query(`SELECT id FROM cadre ORDER BY id LIMIT ?`, [POSTINGS])).map((r: { id: number }) => r.id);
      const batch = await s.batches.save(ctx, {
        name: '基准测试批次', type: '东西部协作/对口支援', direction: '派出', fromPlace: '安康市', toPlace: '常州市', startDate: START, endDate: '2026.11.30',
      });
      const added = await s.batches.addMembers(ctx, { batchId: batch.id, cadreIds: ids, defaults: { status: '在岗', hostUnit: '常州市某局', hostPost: '副局长（挂职）' } });
      const template = await s.growthTemplates.active();
      await insertEvaluations(s, template, added.added.map((a) => a.postingId));

      const m = s.db.manager;
      // The service's two queries as plain SQL, ratings read with the same parse function, scored inline.
      const queries = batchGrowthQueries(batch.id).map((q) => q.render('sqlite'));
      const baseline = async () => {
        const [members, rows] = (await Promise.all(queries.map(({ text, params }) => m.query(text, params)))) as Record<string, unknown>[][];
        const levels = [0, 0, 0, 0, 0];
        for (const r of rows) levels[plainLevel(template, parseRatings(r.ratings) as Record<string, { scores: Record<string, number> }>)]++;
        return { members: members.length, levels };
      };

      const check = await s.growthOverview.batchOverview({ batchId: batch.id, period: '第四季度' });
      const plain = await baseline();
      const serviceLevels = [0, 1, 2, 3, 4].map((l) => check.byPeriod.reduce((a, p) => a + p.counts[l], 0));
      if (check.evaluated !== POSTINGS || serviceLevels.join() !== plain.levels.join())
        throw new Error(`结果不一致：服务 ${serviceLevels.join('/')}，基线 ${plain.levels.join('/')}，已评 ${check.evaluated}`);

      const svc = await timeRuns(RUNS, () => s.growthOverview.batchOverview({ batchId: batch.id, period: '第四季度' }));
      const base = await timeRuns(RUNS, baseline);
      return [
        {
          label: 'growth:batchOverview（2000 份评价逐一计分，分布、均分、未评名单、各季度分布）',
          value: median(svc),
          baseline: median(base),
          unit: 'ms',
          target: 'p95 < 1000 ms',
          pass: p95(svc) < 1000,
          detail: `p95 ${p95(svc).toFixed(2)} ms，各阶段人数（全年）${serviceLevels.join('/')}`,
        },
      ];
    } finally {
      await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** Raw rows in one transaction: four quarters per posting, varied scores, now and then a rater missing. */
async function insertEvaluations(s: AppServices, t: GrowthTemplate, postings: number[]): Promise<void> {
  const codes = t.stages.flatMap((st, k) => st.indicators.map((i) => ({ code: i.code, k })));
  const now = new Date().toISOString();
  await s.db.write(async (m) => {
    for (const [n, postingId] of postings.entries()) {
      for (const [q, period] of PERIODS.entries()) {
        const ratings: Record<string, unknown> = {};
        for (const [ri, rater] of GROWTH_RATERS.entries()) {
          if ((n + q + ri) % 7 === 0) continue;
          const base = [60 + q * 8, 45 + q * 10, 35 + q * 11, 25 + q * 12].map((b) => b + ((n * 7 + ri * 3) % 15) - 7);
          ratings[rater] = { scores: Object.fromEntries(codes.map(({ code, k }, j) => [code, Math.max(0, Math.min(100, base[k] + (j % 3) - 1))])), comments: {}, comment: '', ratedBy: '', ratedOn: '' };
        }
        await m.query(
          `INSERT INTO growth_evaluation (posting_id, template_id, period, period_kind, milestone_date, sort_key, state, ratings, narratives, self_summary, evidence, archive_hash, archived_at, created_at, updated_at)
           VALUES (?, ?, ?, 'quarter', '', ?, '已审核', ?, '{}', '', '[]', '', '', ?, ?)`,
          [postingId, t.id, period, periodSortKey(period, '', START), JSON.stringify(ratings), now, now],
        );
      }
    }
  });
}

/** The plain way: renormalised rater-weighted means, indicator-weighted stage means, leading stages ≥ threshold. */
function plainLevel(t: GrowthTemplate, ratings: Record<string, { scores: Record<string, number> }>): number {
  const codes = t.stages.flatMap((st) => st.indicators.map((i) => i.code));
  const present = (Object.keys(ratings) as GrowthRater[]).filter((r) => codes.every((c) => typeof ratings[r].scores[c] === 'number'));
  const ws = present.reduce((a, r) => a + t.raterWeights[r], 0);
  if (!present.length || ws === 0) return 0;
  let level = 0;
  for (const st of t.stages) {
    let sum = 0;
    let w = 0;
    for (const i of st.indicators) {
      let x = 0;
      for (const r of present) x += t.raterWeights[r] * ratings[r].scores[i.code];
      sum += i.weight * (x / ws);
      w += i.weight;
    }
    if (Math.round((sum / w) * 100 + 1e-7) / 100 < t.threshold) break;
    level++;
  }
  return level;
}
