import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDemo } from '../../electron/demo/loadDemo';
import type { AppServices } from '../../electron/services/AppServices';
import { tempServices, testCtx } from '../helpers/tempServices';

let s: AppServices;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ s, cleanup } = await tempServices());
});
afterEach(() => cleanup());

const count = async () => Number((await s.db.manager.query(`SELECT COUNT(*) AS n FROM growth_evaluation`))[0].n);

describe('demo growth evaluations', () => {
  it('gives the East–West batch varied trajectories, one archived 期满 that verifies, and loads once', async () => {
    await loadDemo(s, testCtx);
    const n = await count();
    expect(n).toBeGreaterThanOrEqual(20);
    await loadDemo(s, testCtx);
    expect(await count()).toBe(n);

    const batch = (await s.batches.list()).find((b) => b.name === '安康市第7批赴常州挂职干部')!;
    const overview = await s.growthOverview.batchOverview({ batchId: batch.id });
    expect(overview.periods).toEqual(['第一季度', '第二季度', '第三季度', '第四季度', '期满']);
    expect(overview.period).toBe('第四季度');
    expect(overview.notEvaluated.map((x) => x.name)).toEqual(['陈志刚']);

    const trajectories = await Promise.all(overview.rows.map((r) => s.growthOverview.trajectory(r.postingId)));
    const byName = new Map(trajectories.map((t) => [t.cadreName, t]));
    const last = (name: string) => byName.get(name)!.reached.at(-1)!.label;
    // One reaches 传递者 and is archived at 期满; one stalls at 参与者; one starts below 学习者.
    expect(last('刘思源')).toBe('传递者');
    expect(byName.get('刘思源')!.periods.at(-1)).toBe('期满');
    expect(byName.get('刘思源')!.states.at(-1)).toBe('已归档');
    expect(Math.max(...byName.get('卢佳宁')!.reached.map((r) => r.level))).toBe(2);
    expect(byName.get('张雅琴')!.reached[0].label).toBe('未达到学习者');
    // Some evaluations lack raters (partial).
    expect(trajectories.some((t) => t.partial.includes(true))).toBe(true);
    // Each trajectory climbs: the level never drops from one quarter to the next.
    for (const t of trajectories) for (let i = 1; i < t.reached.length; i++) expect(t.reached[i].level).toBeGreaterThanOrEqual(t.reached[i - 1].level);

    // Evidence points at the demo ledger (e.g. 刘思源's 签约资金 4000 万元).
    const final = await s.growth.get(byName.get('刘思源')!.evaluationIds.at(-1)!);
    expect(final.evidence.find((l) => l.indicatorName === '工作实绩')?.label).toContain('4000万元');
    const report = await s.archives.verify();
    // Every archived demo record (the 期满 evaluation and the archived assessments) is in the ledger and verifies.
    expect(report).toMatchObject({ ok: true, integrity: 'ok', mismatches: [], missing: [], ledger: { ok: true, problems: [] } });
    expect(report.ledger.entries).toBe(report.checked);
    expect(Number((await s.db.manager.query(`SELECT COUNT(*) AS n FROM growth_evaluation WHERE state = '已归档'`))[0].n)).toBe(1);
  });
});
