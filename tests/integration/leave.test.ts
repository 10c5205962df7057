import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LeaveInput } from '../../shared/leave';
import { createHandlers } from '../../electron/api/handlers';
import { dispatch } from '../../electron/api/dispatch';
import { demoCadres } from '../../electron/demo/demoCadres';
import type { AppServices } from '../../electron/services/AppServices';
import { refusal, saveDemoCadres } from '../helpers/refusal';
import { tempServices, testCtx } from '../helpers/tempServices';

let s: AppServices;
let cleanup: () => Promise<void>;
let ids: number[];
/** A running posting from 2026.01.15 (planned to 2027.01.14). */
let running: number;

const leave = (over: Partial<LeaveInput> = {}): LeaveInput => ({
  postingId: running,
  leaveType: '事假',
  startDate: '2026.01.30',
  endDate: '2026.02.05',
  approvedBy: '王晓峰（组长）',
  ...over,
});

beforeEach(async () => {
  ({ s, cleanup } = await tempServices());
  ids = await saveDemoCadres(s, 4);
  running = (
    await s.postings.save(testCtx, { cadreId: ids[0], direction: '派出', hostUnit: '汉阴县涧池镇双河村', startDate: '2026.01.15', plannedEndDate: '2027.01.14', status: '在岗' })
  ).id;
});
afterEach(() => cleanup());

describe('leave and days on post', () => {
  it('counts overlapping leave once and splits leave at month ends, per month and for the posting', async () => {
    await s.leave.save(testCtx, leave());
    await s.leave.save(testCtx, leave({ leaveType: '病假', startDate: '2026.02.03', endDate: '2026.02.10' }));
    const tab = await s.leave.listByPosting({ postingId: running, today: '2026.03.10' });
    expect(tab.entries.map((e) => [e.leaveType, e.days])).toEqual([
      ['病假', 8],
      ['事假', 7],
    ]);
    const o = tab.onPost;
    expect(o.span).toEqual({ startDate: '2026.01.15', endDate: '2026.03.10' });
    expect(o.months.map((m) => [m.month, m.postingDays, m.leaveDays, m.onPostDays])).toEqual([
      ['2026.01', 17, 2, 15],
      ['2026.02', 28, 10, 18],
      ['2026.03', 10, 0, 10],
    ]);
    expect(o).toMatchObject({ postingDays: 55, leaveDays: 12, onPostDays: 43, threshold: 0.8, belowThreshold: true, today: '2026.03.10' }); // 78.2 %
    expect(o.ratio).toBeCloseTo(43 / 55, 12);
    // Read a month earlier, February is only partly counted (up to today).
    const early = await s.leave.summary({ postingId: running, today: '2026.02.04' });
    expect(early.months.map((m) => [m.month, m.postingDays, m.leaveDays])).toEqual([
      ['2026.01', 17, 2],
      ['2026.02', 4, 4],
    ]);
    expect(early.belowThreshold).toBe(true); // 15 of 21 days
  });

  it('refuses leave outside the posting, a reversed range, and an unknown type; corrections are audited', async () => {
    expect((await refusal(s.leave.save(testCtx, leave({ startDate: '2026.01.10' })))).message).toBe('离岗开始日期：不能早于挂职开始日期（2026.01.15）');
    expect((await refusal(s.leave.save(testCtx, leave({ startDate: '2027.01.10', endDate: '2027.01.20' })))).message).toBe(
      '离岗结束日期：不能晚于挂职结束日期（2027.01.14）',
    );
    expect((await refusal(s.leave.save(testCtx, leave({ endDate: '2026.01.29' })))).message).toBe('离岗结束日期：不能早于离岗开始日期（2026.01.30）');
    expect((await refusal(s.leave.save(testCtx, leave({ leaveType: '旷工' as never })))).message).toContain('假别：应为事假、病假');
    expect((await refusal(s.leave.save(testCtx, leave({ approvedBy: '' })))).message).toBe('批准人：不能为空');
    const e = await s.leave.save(testCtx, leave());
    await s.leave.save(testCtx, leave({ endDate: '2026.02.02', notes: '提前销假' }), e.id);
    const history = await s.leave.history(e.id);
    expect(history[0]).toMatchObject({ action: '修改', changes: { endDate: ['2026.02.05', '2026.02.02'], notes: [null, '提前销假'] } });
    await s.leave.remove(testCtx, e.id);
    expect((await s.leave.listByPosting({ postingId: running })).entries).toEqual([]);
  });

  it('warns on the home screen about running postings below the threshold, which is a setting', async () => {
    const ended = await s.postings.save(testCtx, {
      cadreId: ids[1], direction: '派出', hostUnit: '石泉县池河工业园区', startDate: '2026.01.15', plannedEndDate: '2026.06.30', status: '在岗',
    });
    const fine = await s.postings.save(testCtx, { cadreId: ids[2], direction: '派出', hostUnit: '宁陕县信访局', startDate: '2026.01.15', plannedEndDate: '2027.01.14', status: '在岗' });
    // 2026.01.15–2026.03.10 is 55 days; 15 days away → 40/55 = 72.7 %.
    await s.leave.save(testCtx, leave({ startDate: '2026.02.01', endDate: '2026.02.15' }));
    await s.leave.save(testCtx, leave({ postingId: ended.id, startDate: '2026.02.01', endDate: '2026.02.28' }));
    await s.leave.save(testCtx, leave({ postingId: fine.id, startDate: '2026.02.01', endDate: '2026.02.05' }));
    await s.postings.changeStatus(testCtx, { id: ended.id, to: '提前结束（召回）', date: '2026.03.01', reason: '长期不在岗，予以召回' });

    const w = await s.leave.warnings({ today: '2026.03.10' });
    expect(w.threshold).toBe(0.8);
    expect(w.items.map((i) => [i.postingId, i.cadreName, i.postingDays, i.leaveDays, i.onPostDays])).toEqual([[running, '李明远', 55, 15, 40]]);
    expect(w.items[0].ratio).toBeCloseTo(40 / 55, 12);
    expect((await s.leave.summary({ postingId: running, today: '2026.03.10' })).belowThreshold).toBe(true);

    await s.settings.set(testCtx, { key: 'onPostThreshold', value: 0.7 });
    expect((await s.leave.warnings({ today: '2026.03.10' })).items).toEqual([]);
    await s.settings.set(testCtx, { key: 'onPostThreshold', value: 0.95 });
    expect((await s.leave.warnings({ today: '2026.03.10' })).items.map((i) => i.postingId)).toEqual([running, fine.id]);
    // A file in the recycle bin is not warned about.
    await s.cadres.remove(testCtx, ids[0]);
    expect((await s.leave.warnings({ today: '2026.03.10' })).items.map((i) => i.postingId)).toEqual([fine.id]);
  });

  it('reads and changes settings through the channels, refusing values out of range', async () => {
    const h = createHandlers(s);
    const ctx = { ...testCtx, mode: 'electron' as const };
    expect(await dispatch(h, 'setting:get', {}, ctx)).toMatchObject({ ok: true, result: { onPostThreshold: 0.8 } });
    expect(await dispatch(h, 'setting:set', { key: 'onPostThreshold', value: 1.5 }, ctx)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: '设置值：不能大于1（100%）' },
    });
    expect((await dispatch(h, 'setting:set', { key: 'colour', value: 1 }, ctx)).ok).toBe(false);
    expect(await dispatch(h, 'setting:set', { key: 'onPostThreshold', value: 0.75 }, ctx)).toMatchObject({ ok: true, result: { onPostThreshold: 0.75 } });
    expect(await s.settings.get()).toMatchObject({ onPostThreshold: 0.75 });
    expect((await s.audit.history('setting', 'onPostThreshold'))[0].changes).toEqual({ onPostThreshold: [0.8, 0.75] });
    const tab = await dispatch(h, 'leave:listByPosting', { postingId: running, today: '2026.02.01' }, ctx);
    expect(tab).toMatchObject({ ok: true, result: { entries: [], onPost: { threshold: 0.75, postingDays: 18, ratio: 1 } } });
  });
});
