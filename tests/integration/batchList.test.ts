import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services/AppServices';
import { saveDemoCadres } from '../helpers/refusal';
import { tempServices, testCtx } from '../helpers/tempServices';

let s: AppServices;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ s, cleanup } = await tempServices()));
afterEach(() => cleanup());

describe('batch list', () => {
  it('lists newest first with the leader’s name; search ignores ASCII case and takes % and _ literally', async () => {
    const [li] = await saveDemoCadres(s, 1);
    const old = await s.batches.save(testCtx, { name: '第5批 CZ 组', type: '东西部协作/对口支援', direction: '派出', toPlace: '常州市', startDate: '2024.01.01' });
    await s.batches.save(testCtx, { name: '第6批 100%到岗', type: '一线挂职', direction: '派出', startDate: '2025.01.01' });
    await s.batches.addMembers(testCtx, { batchId: old.id, cadreIds: [li], defaults: { plannedEndDate: '2024.12.31' } });
    await s.batches.save(testCtx, { name: '第5批 CZ 组', type: '东西部协作/对口支援', direction: '派出', toPlace: '常州市', startDate: '2024.01.01', leaderId: li }, old.id);

    const list = await s.batches.list();
    expect(list.map((b) => [b.name, b.leaderName, b.memberCount])).toEqual([
      ['第6批 100%到岗', null, 0],
      ['第5批 CZ 组', '李明远', 1],
    ]);
    expect((await s.batches.list({ query: 'cz' })).map((b) => b.name)).toEqual(['第5批 CZ 组']);
    expect((await s.batches.list({ query: '%' })).map((b) => b.name)).toEqual(['第6批 100%到岗']);
    expect(await s.batches.list({ query: '_' })).toEqual([]);
    expect((await s.batches.list({ query: '常州', type: '东西部协作/对口支援' })).map((b) => b.id)).toEqual([old.id]);
  });
});
