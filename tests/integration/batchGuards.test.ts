import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildRosterViewModel } from '../../electron/documents/viewModels/rosterViewModel';
import { buildSummaryViewModel } from '../../electron/documents/viewModels/summaryViewModel';
import { demoCadres } from '../../electron/demo/demoCadres';
import type { AppServices } from '../../electron/services/AppServices';
import { termMismatches, type BatchInput } from '../../shared/batch';
import { refusalMessage, saveDemoCadres } from '../helpers/refusal';
import { tempServices, testCtx } from '../helpers/tempServices';

let s: AppServices;
let cleanup: () => Promise<void>;
/** Cadre ids in demoCadres() order (invented people): 0 李明远, 1 刘思源, 2 卢佳宁, 3 王晓峰, 4 张雅琴. */
let ids: number[];
const names = demoCadres().map((c) => c.name);

beforeEach(async () => {
  ({ s, cleanup } = await tempServices());
  ids = await saveDemoCadres(s, 5);
});
afterEach(() => cleanup());

const batchInput: BatchInput = {
  name: '安康市第8批赴常州挂职干部',
  type: '东西部协作/对口支援',
  direction: '派出',
  dispatchingOrg: '中共安康市委组织部',
  receivingOrg: '中共常州市委组织部',
  startDate: '2026.03.01',
  endDate: '2027.02.28',
};

describe('a member whose file is in the recycle bin', () => {
  it('is shown but not counted, not 组长, cannot be chosen as 组长, and is left out of the 花名册 and 汇总表 alike', async () => {
    const b = await s.batches.save(testCtx, batchInput);
    await s.batches.addMembers(testCtx, { batchId: b.id, cadreIds: ids.slice(0, 3), defaults: { status: '在岗', hostUnit: '常州市商务局' } });
    await s.batches.save(testCtx, { ...batchInput, leaderId: ids[1] }, b.id);
    await s.cadres.remove(testCtx, ids[1]);

    const page = await s.batches.get(b.id);
    const her = page.members.find((m) => m.cadreId === ids[1])!;
    expect(her).toMatchObject({ cadreDeleted: true, isLeader: false });
    expect(page.leaderName).toBeNull();
    expect(page.recycledLeaderName).toBe(names[1]);
    expect(page.statusCounts.在岗).toBe(2);
    const listed = (await s.batches.list()).find((x) => x.id === b.id)!;
    expect(listed).toMatchObject({ memberCount: 2, leaderName: null });
    expect(listed.statusCounts.在岗).toBe(2);

    const roster = await buildRosterViewModel(s, b.id);
    expect(roster.rows.map((r) => r.name)).toEqual([names[0], names[2]]);
    expect(roster.rows.every((r) => !r.remark.includes('组长'))).toBe(true);
    const summary = await buildSummaryViewModel(s, b.id);
    expect(summary.rows.map((r) => r.name)).toEqual([names[0], names[2]]);
    // 考核完成情况: her row stays (greyed on screen), the counts leave her out.
    const completion = await s.assessments.batchCompletion({ batchId: b.id, today: '2026.11.20' });
    expect(completion.rows.map((r) => r.name)).toContain(names[1]);
    expect(completion.counts.members).toBe(2);
    expect(completion.counts.annualMissing).toBe(2);

    // The form may still be saved with the old 组长 unchanged (other fields), but nobody in the bin is chosen anew.
    await s.batches.save(testCtx, { ...batchInput, notes: '备注', leaderId: ids[1] }, b.id);
    await s.batches.save(testCtx, { ...batchInput, leaderId: null }, b.id);
    expect(await refusalMessage(s.batches.save(testCtx, { ...batchInput, leaderId: ids[1] }, b.id))).toBe(
      `组长：“${names[1]}”的档案在回收站中，不能担任组长（恢复档案后再指定）`,
    );
    // Restored, she is an active member again and may be chosen.
    await s.cadres.restore(testCtx, ids[1]);
    await s.batches.save(testCtx, { ...batchInput, leaderId: ids[1] }, b.id);
    expect((await s.batches.get(b.id)).leaderName).toBe(names[1]);
  });
});

describe('the batch’s dates and its members’ postings', () => {
  it('lists the postings outside the new term and moves the planned dates to it, each refusal by person', async () => {
    const b = await s.batches.save(testCtx, batchInput);
    await s.batches.addMembers(testCtx, { batchId: b.id, cadreIds: [ids[0], ids[1]] });
    await s.batches.addMembers(testCtx, { batchId: b.id, cadreIds: [ids[2], ids[3]], defaults: { status: '在岗' } });
    // 王晓峰 has another posting right after: moving his end later would overlap it.
    await s.postings.save(testCtx, { cadreId: ids[3], direction: '派出', hostUnit: '汉阴县招商服务中心', startDate: '2027.03.01', plannedEndDate: '2027.08.31', status: '拟派' });
    const before = await s.batches.get(b.id);
    expect(termMismatches(before.batch, before.members)).toEqual([]);

    // The batch moves a month later.
    await s.batches.save(testCtx, { ...batchInput, startDate: '2026.04.01', endDate: '2027.03.31' }, b.id);
    const page = await s.batches.get(b.id);
    const out = termMismatches(page.batch, page.members);
    expect(out.map((x) => [x.name, x.proposed, x.note])).toEqual([
      [names[0], { startDate: '2026.04.01', plannedEndDate: '2027.03.31' }, ''],
      [names[1], { startDate: '2026.04.01', plannedEndDate: '2027.03.31' }, ''],
      [names[2], null, '已到岗，开始日期按实际到岗日期，不作调整'],
      [names[3], null, '已到岗，开始日期按实际到岗日期，不作调整'],
    ]);

    // Shortened instead: the running postings' planned end follows; 王晓峰's later posting is not in the way.
    await s.batches.save(testCtx, { ...batchInput, endDate: '2027.01.31' }, b.id);
    const short = await s.batches.get(b.id);
    const mismatches = termMismatches(short.batch, short.members);
    expect(mismatches.map((x) => x.proposed?.plannedEndDate)).toEqual(['2027.01.31', '2027.01.31', '2027.01.31', '2027.01.31']);
    const r = await s.batches.alignPostings(testCtx, { batchId: b.id, postingIds: mismatches.map((x) => x.postingId) });
    expect(r.refused).toEqual([]);
    expect(r.done).toHaveLength(4);
    const aligned = await s.batches.get(b.id);
    expect(aligned.members.map((m) => m.plannedEndDate)).toEqual(['2027.01.31', '2027.01.31', '2027.01.31', '2027.01.31']);
    expect(termMismatches(aligned.batch, aligned.members)).toEqual([]);

    // Lengthened past 王晓峰's next posting: his adjustment is refused by name, the others are done.
    await s.batches.save(testCtx, { ...batchInput, endDate: '2027.05.31' }, b.id);
    const mid = await s.batches.get(b.id);
    // Inside (the term grew): nothing listed.
    expect(termMismatches(mid.batch, mid.members)).toEqual([]);
    await s.batches.save(testCtx, { ...batchInput, startDate: '2026.02.01', endDate: '2026.12.31' }, b.id);
    const early = await s.batches.get(b.id);
    const r2 = await s.batches.alignPostings(testCtx, { batchId: b.id, postingIds: early.members.map((m) => m.postingId) });
    expect(r2.done.map((d) => d.name).sort()).toEqual([names[0], names[1], names[2], names[3]].sort());
    const r3 = await s.batches.alignPostings(testCtx, { batchId: b.id, postingIds: early.members.map((m) => m.postingId) });
    expect(r3.done).toEqual([]);
    expect(r3.refused.map((x) => x.message)).toEqual(Array(4).fill('挂职起止已在批次起止（2026.02.01—2026.12.31）之内'));
  });

  it('refuses an adjustment that would overlap the person’s other posting, naming it, and does the rest', async () => {
    const b = await s.batches.save(testCtx, batchInput);
    await s.batches.addMembers(testCtx, { batchId: b.id, cadreIds: [ids[0]] });
    // 王晓峰 joins later, after another posting of his that ends 2026.03.31.
    await s.batches.addMembers(testCtx, { batchId: b.id, cadreIds: [ids[3]], defaults: { startDate: '2026.04.01' } });
    await s.postings.save(testCtx, { cadreId: ids[3], direction: '派出', hostUnit: '汉阴县招商服务中心', startDate: '2026.01.01', plannedEndDate: '2026.03.31', status: '在岗' });
    const his = (await s.batches.get(b.id)).members.find((m) => m.cadreId === ids[3])!;
    // The batch moves earlier: both end after it; moving 王晓峰's start to 2026.02.01 would overlap his other posting.
    await s.batches.save(testCtx, { ...batchInput, startDate: '2026.02.01', endDate: '2027.01.31' }, b.id);
    const page = await s.batches.get(b.id);
    const out = termMismatches(page.batch, page.members);
    expect(out.map((x) => x.name).sort()).toEqual([names[0], names[3]].sort());
    const r = await s.batches.alignPostings(testCtx, { batchId: b.id, postingIds: out.map((x) => x.postingId) });
    expect(r.done.map((d) => d.name)).toEqual([names[0]]);
    expect(r.refused).toEqual([{ postingId: his.postingId, name: names[3], message: expect.stringMatching(new RegExp(`^“${names[3]}”在此期间已有挂职：汉阴县招商服务中心`)) }]);
    expect((await s.postings.get(his.postingId)).startDate).toBe('2026.04.01');
  });
});

describe('field-bound refusals', () => {
  it('names the 批次名称 field when the name is taken (the form puts it under the field)', async () => {
    await s.batches.save(testCtx, batchInput);
    expect(await refusalMessage(s.batches.save(testCtx, batchInput))).toBe(`批次名称：“${batchInput.name}”已存在，请换一个名称`);
  });
});

describe('bulk status change', () => {
  it('records 到岗 for several at once on their own start dates, lists each refusal by person, and does the rest', async () => {
    const b = await s.batches.save(testCtx, batchInput);
    await s.batches.addMembers(testCtx, { batchId: b.id, cadreIds: [ids[0], ids[1], ids[2]] });
    await s.batches.addMembers(testCtx, { batchId: b.id, cadreIds: [ids[3]], defaults: { status: '在岗', startDate: '2026.03.05' } });
    const page = await s.batches.get(b.id);
    const r = await s.postings.changeStatusMany(testCtx, { postingIds: page.members.map((m) => m.postingId), to: '在岗' });
    expect(r.done.map((d) => [d.cadreName, d.date]).sort()).toEqual([names[0], names[1], names[2]].map((n) => [n, '2026.03.01']).sort());
    expect(r.refused).toEqual([
      { postingId: page.members.find((m) => m.cadreId === ids[3])!.postingId, cadreName: names[3], message: '不能从“在岗”改为“在岗”：状态已是“在岗”' },
    ]);
    const after = await s.batches.get(b.id);
    expect(after.statusCounts.在岗).toBe(4);
    expect((await s.postings.get(r.done[0].postingId)).statusChanges.at(-1)).toMatchObject({ from: '拟派', to: '在岗', date: '2026.03.01' });

    // A recall needs a date and a reason for everyone: refused before anything changes.
    expect(await refusalMessage(s.postings.changeStatusMany(testCtx, { postingIds: [r.done[0].postingId], to: '提前结束（召回）' }))).toMatch(/日期：改为“提前结束（召回）”须填写日期.*原因/);
  });
});

describe('reminders: 已过开始日期仍为拟派', () => {
  it('lists planned postings whose start has passed, not those starting later or of files in the recycle bin', async () => {
    const p0 = await s.postings.save(testCtx, { cadreId: ids[0], direction: '派出', hostUnit: '宁陕县信访局', startDate: '2026.11.01', plannedEndDate: '2027.10.31' });
    await s.postings.save(testCtx, { cadreId: ids[1], direction: '派出', hostUnit: '宁陕县信访局', startDate: '2026.12.01', plannedEndDate: '2027.11.30' });
    await s.postings.save(testCtx, { cadreId: ids[2], direction: '派出', hostUnit: '宁陕县信访局', startDate: '2026.10.01', plannedEndDate: '2027.09.30' });
    await s.cadres.remove(testCtx, ids[2]);
    const r = await s.postings.reminders({ today: '2026.11.22' });
    expect(r.pastStart.map((x) => [x.cadreName, x.startDate, x.status])).toEqual([[names[0], '2026.11.01', '拟派']]);
    await s.postings.changeStatus(testCtx, { id: p0.id, to: '在岗', date: '2026.11.01' });
    expect((await s.postings.reminders({ today: '2026.11.22' })).pastStart).toEqual([]);
  });
});
