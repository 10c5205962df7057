import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECORD_INPUT_SCHEMAS } from '../../shared/assessment';
import { GrowthEvaluationInputSchema, RaterSheetInputSchema } from '../../shared/growth';
import { LeaveInputSchema } from '../../shared/leave';
import { WorkResultInputSchema } from '../../shared/ledger';
import { PostingInputSchema, StatusChangeInputSchema } from '../../shared/posting';
import { TransitionInputSchema } from '../../shared/workflow';
import type { AppServices } from '../../electron/services/AppServices';
import { stageSheet } from '../helpers/growthFixtures';
import { saveDemoCadres } from '../helpers/refusal';
import { tempServices, testCtx } from '../helpers/tempServices';

let s: AppServices;
let cleanup: () => Promise<void>;
let cadreId: number;

beforeEach(async () => {
  ({ s, cleanup } = await tempServices());
  [cadreId] = await saveDemoCadres(s, 1);
});
afterEach(() => cleanup());

/**
 * Reads inside a write must go through the transaction: the read-only connection sees only committed rows. Here
 * every step reads back what the steps before it wrote in the same, never committed, transaction — a read through
 * the committed snapshot would not find the posting, would see it still 拟派, or would miss the linked record.
 */
describe('a transaction reads its own rows', () => {
  it('creates a posting, starts it, records, links and scores in one transaction, and rolls all of it back', async () => {
    const rollback = new Error('rollback');
    const template = await s.growthTemplates.active();
    const done = s.db.write(async (m) => {
      const p = await s.postings.saveWith(
        m,
        testCtx,
        PostingInputSchema.parse({ cadreId, direction: '派出', hostUnit: '常州市武进区商务局', startDate: '2025.12.01', plannedEndDate: '2026.11.30' }),
      );
      expect(p.status).toBe('拟派');
      const started = await s.postings.changeStatusWith(m, testCtx, StatusChangeInputSchema.parse({ id: p.id, to: '在岗', date: '2025.12.01' }));
      expect(started.status).toBe('在岗');
      expect((await s.postings.get(p.id, m)).statusChanges.map((c) => c.to)).toEqual(['拟派', '在岗']);
      // The committed snapshot does not have it yet.
      await expect(s.postings.get(p.id)).rejects.toThrow(`未找到编号为 ${p.id} 的挂职记录`);

      // The writable-posting guard reads the posting as started (a committed read would not find it at all).
      const record = await s.assessments.saveWith(m, testCtx, 'quarterly', RECORD_INPUT_SCHEMAS.quarterly.parse({ postingId: p.id, quarter: 1, grade: '好' }));
      const submitted = await s.assessments.transitionWith(m, testCtx, TransitionInputSchema.parse({ id: record.id, action: 'submit' }));
      expect(submitted.workflow.state).toBe('已提交');
      expect((await s.assessments.listByPosting(p.id, m)).quarterly.map((r) => r.workflow.state)).toEqual(['已提交']);
      await s.leave.saveWith(m, testCtx, LeaveInputSchema.parse({ postingId: p.id, leaveType: '事假', startDate: '2026.01.05', endDate: '2026.01.06', approvedBy: '工作组组长' }));
      await s.ledger.saveWith(m, testCtx, WorkResultInputSchema.parse({ postingId: p.id, category: '招商引资', title: '签约项目', date: '2026.02.01', amount: 100 }));

      const e = await s.growth.saveWith(
        m,
        testCtx,
        GrowthEvaluationInputSchema.parse({ postingId: p.id, period: '第一季度', evidence: [{ indicatorCode: '1.1', refKind: 'record', refId: record.id }] }),
      );
      expect(e.evidence.map((l) => [l.label, l.exists])).toEqual([['季度小结/考核（第一季度）', true]]);
      const rated = await s.growth.saveRaterWith(m, testCtx, RaterSheetInputSchema.parse({ evaluationId: e.id, rater: '挂职单位', scores: stageSheet(template, [80, 70, 60, 50]) }));
      expect(rated.ratings.find((r) => r.rater === '挂职单位')?.status).toBe('complete');
      const submittedEvaluation = await s.growth.transitionWith(m, testCtx, TransitionInputSchema.parse({ id: e.id, action: 'submit' }));
      expect(submittedEvaluation.state).toBe('已提交');
      throw rollback;
    });
    await expect(done).rejects.toBe(rollback);
    expect(await s.postings.listByCadre(cadreId)).toEqual([]);
  });
});
