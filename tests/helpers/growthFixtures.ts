import type { GrowthTemplate } from '../../shared/growth';
import type { AppServices } from '../../electron/services/AppServices';
import { saveDemoCadres } from './refusal';
import { testCtx } from './tempServices';

/**
 * A rater's scores giving every indicator of stage k the score `perStage[k]`, so that the rater's own stage
 * scores are exactly `perStage` and the hand computations stay short.
 */
export function stageSheet(t: Pick<GrowthTemplate, 'stages'>, perStage: number[]): Record<string, number> {
  return Object.fromEntries(t.stages.flatMap((s, k) => s.indicators.map((i) => [i.code, perStage[k]])));
}

/** A batch of demo cadres (first `n`) with postings 2025.12.01–2026.11.30, 在岗. */
export async function growthBatch(s: AppServices, n = 3): Promise<{ batchId: number; cadreIds: number[]; postings: number[] }> {
  const cadreIds = await saveDemoCadres(s, n);
  const batchId = (
    await s.batches.save(testCtx, { name: '成长评价测试批次', type: '东西部协作/对口支援', direction: '派出', startDate: '2025.12.01', endDate: '2026.11.30' })
  ).id;
  const added = await s.batches.addMembers(testCtx, { batchId, cadreIds, defaults: { status: '在岗', hostUnit: '常州市武进区商务局', hostPost: '副局长（挂职）' } });
  return { batchId, cadreIds, postings: cadreIds.map((id) => added.added.find((a) => a.cadreId === id)!.postingId) };
}

export { refusal } from './refusal';

