import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PostingInput } from '../../shared/posting';
import { createHandlers } from '../../electron/api/handlers';
import { dispatch } from '../../electron/api/dispatch';
import { demoCadres } from '../../electron/demo/demoCadres';
import type { AppServices } from '../../electron/services/AppServices';
import { refusalMessage as refusal, saveDemoCadres } from '../helpers/refusal';
import { tempServices, testCtx } from '../helpers/tempServices';

let s: AppServices;
let cleanup: () => Promise<void>;
let ids: number[];

beforeEach(async () => {
  ({ s, cleanup } = await tempServices());
  ids = await saveDemoCadres(s, 4);
});
afterEach(() => cleanup());

const posting = (over: Partial<PostingInput> = {}): PostingInput => ({
  cadreId: ids[0],
  direction: '派出',
  hostUnit: '常州市武进区商务局',
  hostPost: '副局长',
  postType: '招商',
  startDate: '2025.12.01',
  plannedEndDate: '2026.11.30',
  ...over,
});

describe('posting lifecycle', () => {
  it('walks 拟派 → 在岗 → 延期 → 期满 and keeps every change with date, reason and actor', async () => {
    const p = await s.postings.save(testCtx, posting());
    expect(p.status).toBe('拟派');
    await s.postings.changeStatus(testCtx, { id: p.id, to: '在岗', date: '2025.12.01' });
    const extended = await s.postings.changeStatus(testCtx, {
      id: p.id,
      to: '延期',
      date: '2026.11.01',
      reason: '招商项目落地需要',
      newPlannedEndDate: '2027.05.31',
    });
    expect(extended).toMatchObject({ status: '延期', plannedEndDate: '2027.05.31', actualEndDate: '' });
    const done = await s.postings.changeStatus(testCtx, { id: p.id, to: '期满', date: '2027.05.31' });
    expect(done).toMatchObject({ status: '期满', actualEndDate: '2027.05.31' });

    const detail = await s.postings.get(p.id);
    expect(detail.statusChanges.map((c) => [c.from, c.to])).toEqual([
      [null, '拟派'],
      ['拟派', '在岗'],
      ['在岗', '延期'],
      ['延期', '期满'],
    ]);
    expect(detail.statusChanges[2]).toMatchObject({ date: '2026.11.01', reason: '招商项目落地需要', actor: '测试员' });
    const history = await s.postings.history(p.id);
    expect(history.map((h) => h.action)).toContain('变更状态为“延期”');
    expect(history.find((h) => h.action === '变更状态为“延期”')!.changes.plannedEndDate).toEqual(['2026.11.30', '2027.05.31']);
  });

  it('records a recall (提前结束（召回）) with its reason and end date, and nothing follows it', async () => {
    const p = await s.postings.save(testCtx, posting({ status: '在岗' }));
    const recalled = await s.postings.changeStatus(testCtx, { id: p.id, to: '提前结束（召回）', date: '2026.04.15', reason: '存在“空挂”现象，予以召回' });
    expect(recalled).toMatchObject({ status: '提前结束（召回）', actualEndDate: '2026.04.15', plannedEndDate: '2026.11.30' });
    expect(await refusal(s.postings.changeStatus(testCtx, { id: p.id, to: '在岗', date: '2026.05.01' }))).toContain(
      '不能从“提前结束（召回）”改为“在岗”：提前结束（召回）是最终状态',
    );
  });

  it('refuses changes the lifecycle does not allow, naming both states, and changes nothing', async () => {
    const p = await s.postings.save(testCtx, posting());
    expect(await refusal(s.postings.changeStatus(testCtx, { id: p.id, to: '期满', date: '2026.11.30' }))).toContain(
      '不能从“拟派”改为“期满”：“拟派”之后只能改为“在岗”',
    );
    expect(await refusal(s.postings.changeStatus(testCtx, { id: p.id, to: '拟派', date: '2026.11.30' }))).toContain('不能从“拟派”改为“拟派”');
    await s.postings.changeStatus(testCtx, { id: p.id, to: '在岗', date: '2025.12.01' });
    expect(await refusal(s.postings.changeStatus(testCtx, { id: p.id, to: '拟派', date: '2025.12.02' }))).toContain('不能从“在岗”改为“拟派”');
    await s.postings.changeStatus(testCtx, { id: p.id, to: '期满', date: '2026.11.30' });
    expect(await refusal(s.postings.changeStatus(testCtx, { id: p.id, to: '在岗', date: '2026.12.01' }))).toContain(
      '不能从“期满”改为“在岗”：期满是最终状态',
    );
    expect(await refusal(s.postings.changeStatus(testCtx, { id: p.id, to: '延期', date: '2026.12.01', reason: 'x', newPlannedEndDate: '2027.01.01' }))).toContain(
      '期满是最终状态',
    );
    const after = await s.postings.get(p.id);
    expect(after.status).toBe('期满');
    expect(after.statusChanges).toHaveLength(3);
  });

  it('needs a reason to recall or extend, a later new end to extend, and an end not before the start', async () => {
    const p = await s.postings.save(testCtx, posting({ status: '在岗' }));
    expect(await refusal(s.postings.changeStatus(testCtx, { id: p.id, to: '提前结束（召回）', date: '2026.03.01' }))).toContain(
      '原因：改为“提前结束（召回）”须填写原因',
    );
    expect(await refusal(s.postings.changeStatus(testCtx, { id: p.id, to: '延期', date: '2026.11.01', reason: '工作需要' }))).toContain(
      '延期后的计划结束日期：延期须填写新的计划结束日期',
    );
    expect(await refusal(
      s.postings.changeStatus(testCtx, { id: p.id, to: '延期', date: '2026.11.01', reason: '工作需要', newPlannedEndDate: '2026.10.31' }),
    )).toContain('延期后的计划结束日期：应晚于原计划结束日期（2026.11.30）');
    expect(await refusal(s.postings.changeStatus(testCtx, { id: p.id, to: '期满', date: '2025.11.01' }))).toContain('日期：结束日期不能早于开始日期（2025.12.01）');
    expect((await s.postings.get(p.id)).status).toBe('在岗');
  });

  it('validates dates and refuses a planned end before the start', async () => {
    expect(await refusal(s.postings.save(testCtx, posting({ plannedEndDate: '2025.11.30' })))).toContain('计划结束日期：不能早于开始日期（2025.12.01）');
    expect(await refusal(s.postings.save(testCtx, posting({ startDate: '2026.02.30' })))).toContain('开始日期：应为日期');
    expect(await refusal(s.postings.save(testCtx, posting({ actualEndDate: '2026.01.01' })))).toContain('实际结束日期：“拟派”的挂职尚未结束');
    expect(await s.postings.listByCadre(ids[0])).toEqual([]);
  });

  it('will not change the status through a plain save', async () => {
    const p = await s.postings.save(testCtx, posting());
    expect(await refusal(s.postings.save(testCtx, posting({ status: '在岗' }), p.id))).toContain('请用“变更状态”修改');
    expect(await refusal(s.postings.save(testCtx, posting({ status: '延期', cadreId: ids[1] })))).toBe('状态：新建时应为“拟派”、“在岗”、“期满”之一，“延期”请新建后再变更');
    const edited = await s.postings.save(testCtx, posting({ status: '拟派', hostPost: '局长助理', politicalMentor: { name: '钱立', unit: '武进区委组织部', phone: '0519-1234567' } }), p.id);
    expect(edited).toMatchObject({ status: '拟派', hostPost: '局长助理', politicalMentor: { name: '钱立' } });
  });
});

describe('overlapping postings', () => {
  it('refuses a second posting sharing a day with another, naming it; the next day is fine', async () => {
    await s.postings.save(testCtx, posting({ status: '在岗' }));
    expect(await refusal(
      s.postings.save(testCtx, posting({ hostUnit: '汉阴县涧池镇', startDate: '2026.11.30', plannedEndDate: '2027.11.29' })),
    )).toContain('已有挂职：常州市武进区商务局（2025.12.01—2026.11.30）');
    expect(await refusal(s.postings.save(testCtx, posting({ startDate: '2025.01.01', plannedEndDate: '2027.12.31' })))).toContain('同一时间不能有两段挂职');
    const next = await s.postings.save(testCtx, posting({ hostUnit: '汉阴县涧池镇', startDate: '2026.12.01', plannedEndDate: '2027.11.30' }));
    expect(next.id).toBeGreaterThan(0);
    // Another cadre may hold the same post at the same time.
    await s.postings.save(testCtx, posting({ cadreId: ids[1] }));
    expect(await s.postings.listByCadre(ids[0])).toHaveLength(2);
  });

  it('counts an ended posting up to its actual end, and refuses an extension into the next posting', async () => {
    const first = await s.postings.save(testCtx, posting({ status: '在岗' }));
    await s.postings.changeStatus(testCtx, { id: first.id, to: '提前结束（召回）', date: '2026.03.31', reason: '原单位工作需要' });
    const second = await s.postings.save(testCtx, posting({ hostUnit: '安康高新区', startDate: '2026.04.01', plannedEndDate: '2027.03.31', status: '在岗' }));
    const third = await s.postings.save(testCtx, posting({ hostUnit: '旬阳市信访局', startDate: '2027.06.01', plannedEndDate: '2028.05.31' }));
    expect(await refusal(
      s.postings.changeStatus(testCtx, { id: second.id, to: '延期', date: '2027.03.01', reason: '项目需要', newPlannedEndDate: '2027.09.30' }),
    )).toContain('已有挂职：旬阳市信访局（2027.06.01—2028.05.31）');
    expect((await s.postings.get(second.id)).status).toBe('在岗');
    expect(third.status).toBe('拟派');
  });
});

describe('both directions', () => {
  it('keeps 派出 and 接收 postings, shows them in the 挂职经历 list with batch names, and matches a batch’s direction', async () => {
    const out = await s.postings.save(testCtx, posting({ startDate: '2024.03.01', plannedEndDate: '2025.02.28', status: '期满' }));
    expect(out).toMatchObject({ status: '期满', actualEndDate: '2025.02.28' });
    const received = await s.postings.save(
      testCtx,
      posting({ direction: '接收', hostUnit: '安康市商务局', hostPost: '副局长（挂职）', originalUnit: '常州市商务局', startDate: '2025.06.01', plannedEndDate: '2026.05.31', status: '在岗' }),
    );
    const list = await s.postings.listByCadre(ids[0]);
    expect(list.map((p) => [p.direction, p.status, p.batchName])).toEqual([
      ['派出', '期满', null],
      ['接收', '在岗', null],
    ]);
    expect(list[0].statusChanges.map((c) => c.to)).toEqual(['在岗', '期满']);

    const batch = await s.batches.save(testCtx, { name: '2026年度一线挂职锻炼', type: '一线挂职', direction: '派出', startDate: '2026.07.01', endDate: '2027.06.30' });
    expect(await refusal(s.postings.save(testCtx, posting({ cadreId: ids[1], direction: '接收', batchId: batch.id })))).toContain(
      '方向（派出/接收）：批次“2026年度一线挂职锻炼”为“派出”',
    );
    const inBatch = await s.postings.save(testCtx, posting({ batchId: batch.id, startDate: '2026.07.01', plannedEndDate: '2027.06.30' }));
    expect((await s.postings.get(inBatch.id)).batchName).toBe('2026年度一线挂职锻炼');
    expect(received.direction).toBe('接收');
  });
});

describe('reminders', () => {
  it('lists postings ending within 30 days, past their end still running, and without mentors', async () => {
    const mentors = { politicalMentor: { name: '钱立' }, businessMentor: { name: '孙浩' } };
    const soon = await s.postings.save(testCtx, posting({ status: '在岗', plannedEndDate: '2026.12.10', ...mentors }));
    const overdue = await s.postings.save(testCtx, posting({ cadreId: ids[1], status: '在岗', plannedEndDate: '2026.11.10', ...mentors }));
    const noMentor = await s.postings.save(testCtx, posting({ cadreId: ids[2], status: '在岗', plannedEndDate: '2027.06.30', politicalMentor: { name: '钱立' } }));
    const later = await s.postings.save(testCtx, posting({ cadreId: ids[3], status: '在岗', plannedEndDate: '2027.03.31', ...mentors }));
    // Neither a finished posting nor a planned one is a reminder.
    await s.postings.save(testCtx, posting({ cadreId: ids[3], startDate: '2024.01.01', plannedEndDate: '2024.12.31', status: '期满' }));

    const r = await s.postings.reminders({ today: '2026.11.22' });
    expect(r.today).toBe('2026.11.22');
    expect(r.endingSoon.map((x) => x.postingId)).toEqual([soon.id]);
    expect(r.endingSoon[0]).toMatchObject({ daysLeft: 18, cadreName: demoCadres()[0].name, hostUnit: '常州市武进区商务局' });
    expect(r.overdue.map((x) => [x.postingId, x.daysLeft])).toEqual([[overdue.id, -12]]);
    expect(r.withoutMentors.map((x) => [x.postingId, x.missingMentors])).toEqual([[noMentor.id, ['业务指导员']]]);

    // Extending the overdue posting clears it; a day later “ending soon” reaches further.
    await s.postings.changeStatus(testCtx, { id: overdue.id, to: '延期', date: '2026.11.22', reason: '工作需要', newPlannedEndDate: '2026.12.20' });
    const r2 = await s.postings.reminders({ today: '2026.11.22' });
    expect(r2.overdue).toEqual([]);
    expect(r2.endingSoon.map((x) => x.postingId)).toEqual([soon.id, overdue.id]);
    expect((await s.postings.reminders({ today: '2027.03.01' })).endingSoon.map((x) => x.postingId)).toContain(later.id);

    // A file moved to the recycle bin drops out.
    await s.cadres.remove(testCtx, ids[2]);
    expect((await s.postings.reminders({ today: '2026.11.22' })).withoutMentors).toEqual([]);
  });

  it('answers through the contract: refusals come back as Chinese messages', async () => {
    const h = createHandlers(s);
    const ctx = { ...testCtx, mode: 'browser' as const };
    const created = await dispatch(h, 'posting:save', { data: posting() }, ctx);
    expect(created.ok).toBe(true);
    const id = (created as { ok: true; result: { id: number } }).result.id;
    const refused = await dispatch(h, 'posting:changeStatus', { id, to: '期满', date: '2026.11.30' }, ctx);
    expect(refused).toEqual({ ok: false, error: { code: 'CONFLICT', message: '不能从“拟派”改为“期满”：“拟派”之后只能改为“在岗”' } });
    const bad = await dispatch(h, 'posting:changeStatus', { id, to: '提前结束（召回）', date: '2026.13.01' }, ctx);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((bad as { error: { message: string } }).error.message).toContain('日期：应为日期');
    const badPhone = await dispatch(h, 'posting:save', { data: posting({ politicalMentor: { name: '钱立', phone: '电话未知' } }) }, ctx);
    expect(badPhone).toEqual({ ok: false, error: { code: 'VALIDATION', message: '政治辅导员的联系电话：应为电话号码（数字，可含“-”）' } });
    const reminders = await dispatch(h, 'posting:reminders', { today: '2026.11.22' }, ctx);
    expect(reminders).toMatchObject({ ok: true, result: { today: '2026.11.22', endingSoon: [], overdue: [] } });
    const defaults = await dispatch(h, 'posting:reminders', undefined, ctx);
    expect(defaults.ok).toBe(true);
  });
});
