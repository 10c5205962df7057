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

const count = async (sql: string) => Number((await s.db.manager.query(sql))[0].n);

describe('demo records', () => {
  it('gives the demo postings a year of records, leave and results, once', async () => {
    await loadDemo(s, testCtx);
    const before = { records: await count('SELECT COUNT(*) AS n FROM assessment_record'), audit: await count('SELECT COUNT(*) AS n FROM audit_log') };
    expect(before.records).toBeGreaterThan(100);
    await loadDemo(s, testCtx);
    expect(await count('SELECT COUNT(*) AS n FROM assessment_record')).toBe(before.records);
    expect(await count('SELECT COUNT(*) AS n FROM audit_log')).toBe(before.audit);

    // A batch member's page: a monthly report for each month so far, four quarters under the batch's themes.
    const [batch] = (await s.batches.list()).filter((b) => b.name === '安康市第7批赴常州挂职干部');
    const page = await s.batches.get(batch.id);
    const liu = page.members.find((m) => m.name === '刘思源')!;
    const records = await s.assessments.listByPosting(liu.postingId);
    expect(records.monthly.map((r) => r.month)).toEqual(
      ['2025.12', '2026.01', '2026.02', '2026.03', '2026.04', '2026.05', '2026.06', '2026.07', '2026.08', '2026.09', '2026.10'].reverse(),
    );
    expect(records.quarterly.map((q) => [q.theme, q.workflow.state])).toEqual([
      ['融入', '已归档'],
      ['务实', '已归档'],
      ['见效', '已审核'],
      ['赓续', '草稿'],
    ]);
    expect(records.talks.length).toBeGreaterThanOrEqual(2);
    expect(records.annual.map((a) => [a.year, a.grade, a.workflow.state])).toEqual([[2026, '优秀', '已归档']]);
    expect((await s.cadres.get(liu.cadreId)).annualAssessment).toContain('2026年年度考核优秀');

    // Annual assessments in every state, one 期满考核 with votes.
    const states: string[] = (await s.db.manager.query(`SELECT DISTINCT state FROM assessment_record WHERE kind = 'annual'`)).map((r: { state: string }) => r.state);
    expect(states.sort()).toEqual(['已审核', '已归档', '已提交', '草稿'].sort());
    const terms = await s.db.manager.query(`SELECT posting_id FROM assessment_record WHERE kind = 'term'`);
    expect(terms).toHaveLength(1);
    const term = (await s.assessments.listByPosting(Number(terms[0].posting_id))).term!;
    expect(term.rates.total).toBe(37);
    expect(term.rates.excellentRate).toBeCloseTo(26 / 37, 12);

    // Results: 签约资金 4000 万元 among the batch's totals; one cadre below 80 % on post.
    const totals = await s.ledger.totals({ scope: 'batch', id: batch.id });
    const invest = totals.byCategory.find((c) => c.category === '招商引资')!;
    expect(invest.amount).toBe(4000 + 1500 + 2800);
    expect(totals.byCategory.find((c) => c.category === '其他')!.quantities).toEqual([{ unit: '人次', quantity: 120 }]);
    const warnings = await s.leave.warnings({ today: '2026.11.22' });
    expect(warnings.items.map((w) => w.cadreName)).toEqual(['黄文博']);
    expect(warnings.items[0].ratio).toBeLessThan(0.8);

    const completion = await s.assessments.batchCompletion({ batchId: batch.id, today: '2026.11.22' });
    expect(completion.counts).toMatchObject({ members: 6, annualMissing: 2, annualPending: 2, annualDone: 2 });
  });
});
