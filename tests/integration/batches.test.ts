import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchInput } from '../../shared/batch';
import { createHandlers } from '../../electron/api/handlers';
import { dispatch } from '../../electron/api/dispatch';
import { demoCadres } from '../../electron/demo/demoCadres';
import type { AppServices } from '../../electron/services/AppServices';
import { refusalMessage as refusal, saveDemoCadres } from '../helpers/refusal';
import { tempServices, testCtx } from '../helpers/tempServices';

let s: AppServices;
let cleanup: () => Promise<void>;
/** Cadre ids in demoCadres() order (0: 李明远 中共党员 … 4: 张雅琴 民盟盟员, 5: 陈志刚 群众). */
let ids: number[];

beforeEach(async () => {
  ({ s, cleanup } = await tempServices());
  ids = await saveDemoCadres(s, 8);
});
afterEach(() => cleanup());

const changzhou: BatchInput = {
  name: '安康市第7批赴常州挂职干部',
  type: '东西部协作/对口支援',
  direction: '派出',
  fromPlace: '安康市',
  toPlace: '常州市',
  dispatchingOrg: '中共安康市委组织部',
  receivingOrg: '中共常州市委组织部',
  startDate: '2025.12.01',
  endDate: '2026.11.30',
};

describe('batches and members', () => {
  it('adds members from a multi-select with the batch’s dates, snapshots 原单位/原职务, and skips those already in', async () => {
    const b = await s.batches.save(testCtx, changzhou);
    const r = await s.batches.addMembers(testCtx, { batchId: b.id, cadreIds: [ids[0], ids[1], ids[0]], defaults: { hostPost: '挂职干部' } });
    expect(r.added.map((a) => a.cadreId)).toEqual([ids[0], ids[1]]);
    expect(r.alreadyMembers).toEqual([]);
    const again = await s.batches.addMembers(testCtx, { batchId: b.id, cadreIds: [ids[1], ids[2]] });
    expect(again.added.map((a) => a.cadreId)).toEqual([ids[2]]);
    expect(again.alreadyMembers).toEqual([{ cadreId: ids[1], name: demoCadres()[1].name }]);

    const page = await s.batches.get(b.id);
    expect(page.members).toHaveLength(3);
    const first = page.members.find((m) => m.cadreId === ids[0])!;
    expect(first).toMatchObject({
      status: '拟派',
      startDate: '2025.12.01',
      plannedEndDate: '2026.11.30',
      originalUnit: demoCadres()[0].workUnit,
      originalPost: demoCadres()[0].currentPosition,
      hostPost: '挂职干部',
    });
    const postings = await s.postings.listByCadre(ids[0]);
    expect(postings).toMatchObject([{ batchId: b.id, direction: '派出', batchName: changzhou.name }]);
  });

  it('adds nobody when one of the chosen cadres cannot join (overlap), and names that cadre', async () => {
    const b = await s.batches.save(testCtx, changzhou);
    await s.postings.save(testCtx, { cadreId: ids[2], direction: '派出', hostUnit: '汉阴县涧池镇', startDate: '2026.03.01', plannedEndDate: '2027.02.28', status: '在岗' });
    const msg = await refusal(s.batches.addMembers(testCtx, { batchId: b.id, cadreIds: [ids[0], ids[1], ids[2]] }));
    expect(msg).toContain(`“${demoCadres()[2].name}”在此期间已有挂职：汉阴县涧池镇（2026.03.01—2027.02.28）`);
    expect((await s.batches.get(b.id)).members).toEqual([]);
    expect(await s.postings.listByCadre(ids[0])).toEqual([]);
  });

  it('needs start and end dates from the batch or the defaults', async () => {
    const b = await s.batches.save(testCtx, { ...changzhou, startDate: '', endDate: '' });
    const msg = await refusal(s.batches.addMembers(testCtx, { batchId: b.id, cadreIds: [ids[0]] }));
    expect(msg).toContain(`“${demoCadres()[0].name}”：开始日期：不能为空`);
    const ok = await s.batches.addMembers(testCtx, { batchId: b.id, cadreIds: [ids[0]], defaults: { startDate: '2026.01.01', plannedEndDate: '2026.12.31', status: '在岗' } });
    expect(ok.added).toHaveLength(1);
    expect((await s.batches.get(b.id)).statusCounts.在岗).toBe(1);
  });

  it('lets the roster import add members inside its own transaction: a later failure undoes them', async () => {
    const b = await s.batches.save(testCtx, changzhou);
    await expect(
      s.db.write(async (m) => {
        const r = await s.batches.addMembersWith(m, testCtx, b.id, [
          { cadreId: ids[0], hostUnit: '常州市武进区商务局', originalUnit: '花名册中的单位' },
          { cadreId: ids[1] },
        ]);
        expect(r.added).toHaveLength(2);
        expect((await s.batches.get(b.id, m)).members[0].originalUnit).toBeTruthy();
        throw new Error('导入的后续行出错');
      }),
    ).rejects.toThrow('导入的后续行出错');
    expect((await s.batches.get(b.id)).members).toEqual([]);

    await s.db.write((m) => s.batches.addMembersWith(m, testCtx, b.id, [{ cadreId: ids[0], hostUnit: '常州市武进区商务局', originalUnit: '花名册中的单位' }]));
    expect((await s.batches.get(b.id)).members[0]).toMatchObject({ hostUnit: '常州市武进区商务局', originalUnit: '花名册中的单位' });
  });

  it('requires the leader, the branch secretary and sub-group members to be members of the batch', async () => {
    const b = await s.batches.save(testCtx, changzhou);
    expect(await refusal(s.batches.save(testCtx, { ...changzhou, leaderId: ids[0] }))).toContain('批次名称：“安康市第7批赴常州挂职干部”已存在');
    expect(await refusal(s.batches.save(testCtx, { ...changzhou, name: '另一批', leaderId: ids[0] }))).toContain('组长：应为本批次成员');
    await s.batches.addMembers(testCtx, { batchId: b.id, cadreIds: [ids[0], ids[1], ids[4], ids[5]] });

    expect(await refusal(s.batches.save(testCtx, { ...changzhou, leaderId: ids[3] }, b.id))).toBe(
      `组长：“${demoCadres()[3].name}”不是批次“安康市第7批赴常州挂职干部”的成员`,
    );
    const withLeader = await s.batches.save(testCtx, { ...changzhou, leaderId: ids[1] }, b.id);
    expect(withLeader.leaderId).toBe(ids[1]);

    expect(await refusal(s.batches.savePartyBranch(testCtx, { batchId: b.id, secretaryId: ids[3] }))).toContain('支部书记：');
    expect(await refusal(s.batches.savePartyBranch(testCtx, { batchId: b.id, secretaryId: ids[0], memberIds: [ids[5]] }))).toBe(
      `成员：“${demoCadres()[5].name}”的政治面貌为“群众”，不能编入临时党支部`,
    );
    const branch = await s.batches.savePartyBranch(testCtx, { batchId: b.id, branchName: '安康赴常州挂职干部临时党支部', foundedDate: '2025.12.05', secretaryId: ids[0], memberIds: [ids[1]] });
    expect(branch).toMatchObject({ secretaryId: ids[0], secretaryName: demoCadres()[0].name, foundedDate: '2025.12.05' });
    expect(branch.memberIds.sort()).toEqual([ids[0], ids[1]].sort());

    expect(await refusal(s.batches.saveSubGroups(testCtx, { batchId: b.id, subGroups: [{ groupName: '项目招引', memberIds: [ids[0], ids[6]] }] }))).toBe(
      `工作小组成员：“${demoCadres()[6].name}”不是批次“安康市第7批赴常州挂职干部”的成员`,
    );
    expect(
      await refusal(s.batches.saveSubGroups(testCtx, { batchId: b.id, subGroups: [{ groupName: '项目招引' }, { groupName: '项目招引' }] })),
    ).toBe('工作小组第2条的小组名称：与第1条重名（“项目招引”）');
    expect(await refusal(s.batches.saveSubGroups(testCtx, { batchId: b.id, subGroups: [{ groupName: '' }] }))).toBe('工作小组第1条的小组名称：不能为空');
    expect((await s.batches.get(b.id)).subGroups).toEqual([]);
  });

  it('keeps sub-groups by id across saves and removes the ones left out', async () => {
    const b = await s.batches.save(testCtx, changzhou);
    await s.batches.addMembers(testCtx, { batchId: b.id, cadreIds: ids.slice(0, 4) });
    const groups = await s.batches.saveSubGroups(testCtx, {
      batchId: b.id,
      subGroups: [
        { groupName: '内部管理', leaderId: ids[0], memberIds: [ids[1]] },
        { groupName: '项目招引', memberIds: [ids[2], ids[3]] },
        { groupName: '宣传报道', memberIds: [ids[3]] },
      ],
    });
    expect(groups.map((g) => [g.groupName, g.memberIds.length])).toEqual([['内部管理', 2], ['项目招引', 2], ['宣传报道', 1]]);
    const [inner, projects] = groups;
    const saved = await s.batches.saveSubGroups(testCtx, {
      batchId: b.id,
      subGroups: [
        { id: projects.id, groupName: '项目招引', memberIds: [ids[2]] },
        { id: inner.id, groupName: '内部管理', leaderId: ids[0], memberIds: [ids[1]] },
      ],
    });
    expect(saved.map((g) => [g.id, g.groupName, g.memberIds.length])).toEqual([[projects.id, '项目招引', 1], [inner.id, '内部管理', 2]]);
    const page = await s.batches.get(b.id);
    expect(page.members.find((m) => m.cadreId === ids[3])!.subGroupIds).toEqual([]);
    expect(page.members.find((m) => m.cadreId === ids[0])!.subGroupIds).toEqual([inner.id]);
    const history = await s.batches.history(b.id);
    expect(history.filter((h) => h.action === '修改工作小组')).toHaveLength(2);
  });

  it('removes a member (their posting) but not the leader, and deletes only an empty batch', async () => {
    const b = await s.batches.save(testCtx, changzhou);
    await s.batches.addMembers(testCtx, { batchId: b.id, cadreIds: [ids[0], ids[1]] });
    await s.batches.save(testCtx, { ...changzhou, leaderId: ids[0] }, b.id);
    await s.batches.saveSubGroups(testCtx, { batchId: b.id, subGroups: [{ groupName: '调研组织', memberIds: [ids[0], ids[1]] }] });
    expect(await refusal(s.batches.removeMember(testCtx, b.id, ids[0]))).toContain('是批次“安康市第7批赴常州挂职干部”的组长，请先更换组长');
    expect(await refusal(s.batches.remove(testCtx, b.id))).toContain('还有 2 名成员');
    await s.batches.removeMember(testCtx, b.id, ids[1]);
    const page = await s.batches.get(b.id);
    expect(page.members.map((m) => m.cadreId)).toEqual([ids[0]]);
    expect(page.subGroups[0].memberIds).toEqual([ids[0]]);
    expect(await s.postings.listByCadre(ids[1])).toEqual([]);

    await s.batches.save(testCtx, { ...changzhou, leaderId: null }, b.id);
    await s.batches.removeMember(testCtx, b.id, ids[0]);
    await s.batches.remove(testCtx, b.id);
    expect(await s.batches.list()).toEqual([]);
  });
});

describe('moving a posting between batches', () => {
  it('lets a single posting join a batch and leave it again, but not while its cadre leads the batch', async () => {
    const b = await s.batches.save(testCtx, changzhou);
    const base = { cadreId: ids[0], direction: '派出' as const, hostUnit: '常州市武进区商务局', startDate: '2025.12.01', plannedEndDate: '2026.11.30' };
    const single = await s.postings.save(testCtx, base);
    await s.postings.save(testCtx, { ...base, batchId: b.id }, single.id);
    expect((await s.batches.get(b.id)).members.map((m) => m.postingId)).toEqual([single.id]);
    await s.batches.save(testCtx, { ...changzhou, leaderId: ids[0] }, b.id);
    await s.batches.saveSubGroups(testCtx, { batchId: b.id, subGroups: [{ groupName: '项目招引', memberIds: [ids[0]] }] });
    expect(await refusal(s.postings.save(testCtx, { ...base, batchId: null }, single.id))).toContain('是批次“安康市第7批赴常州挂职干部”的组长');
    await s.batches.save(testCtx, { ...changzhou, leaderId: null }, b.id);
    await s.postings.save(testCtx, { ...base, batchId: null }, single.id);
    const page = await s.batches.get(b.id);
    expect(page.members).toEqual([]);
    expect(page.subGroups[0].memberIds).toEqual([]);
    expect((await s.postings.get(single.id)).batchId).toBeNull();
  });
});

describe('when a member’s file is erased for good', () => {
  it('takes their posting, sub-group place and leadership with it', async () => {
    const b = await s.batches.save(testCtx, changzhou);
    await s.batches.addMembers(testCtx, { batchId: b.id, cadreIds: [ids[0], ids[1]] });
    await s.batches.save(testCtx, { ...changzhou, leaderId: ids[0] }, b.id);
    await s.batches.saveSubGroups(testCtx, { batchId: b.id, subGroups: [{ groupName: '内部管理', memberIds: [ids[0], ids[1]] }] });
    await s.cadres.remove(testCtx, ids[0]);
    expect((await s.batches.get(b.id)).members.find((m) => m.cadreId === ids[0])!.cadreDeleted).toBe(true);
    await s.cadres.purge(testCtx, ids[0]);
    const page = await s.batches.get(b.id);
    expect(page.members.map((m) => m.cadreId)).toEqual([ids[1]]);
    expect(page.batch.leaderId).toBeNull();
    expect(page.subGroups[0].memberIds).toEqual([ids[1]]);
    expect((await s.batches.list())[0].memberCount).toBe(1);
  });
});

describe('the batch page and list', () => {
  it('shows members with posts, statuses and mentors, counts by status, themes and meetings with counts', async () => {
    const b = await s.batches.save(testCtx, changzhou);
    const r = await s.batches.addMembers(testCtx, { batchId: b.id, cadreIds: ids.slice(0, 4), defaults: { status: '在岗', hostUnit: '常州市发展和改革委员会' } });
    const [p0, p1] = r.added;
    await s.postings.save(
      testCtx,
      {
        cadreId: ids[0],
        batchId: b.id,
        direction: '派出',
        hostUnit: '常州市武进区商务局',
        hostPost: '副局长',
        postType: '招商',
        startDate: '2025.12.01',
        plannedEndDate: '2026.11.30',
        politicalMentor: { name: '钱立', unit: '武进区委组织部', phone: '0519-86001234' },
        businessMentor: { name: '孙浩', unit: '武进区商务局' },
      },
      p0.postingId,
    );
    await s.postings.changeStatus(testCtx, { id: p1.postingId, to: '提前结束（召回）', date: '2026.05.20', reason: '原单位工作需要' });
    await s.batches.saveThemes(testCtx, {
      batchId: b.id,
      themes: [
        { period: '第一季度', theme: '融入' },
        { period: '第二季度', theme: '务实' },
      ],
    });
    await s.batches.saveMeeting(testCtx, b.id, { type: '全体成员会议', date: '2025.12.03', topic: '工作组第一次全体会议', attendance: 4 });
    await s.batches.saveMeeting(testCtx, b.id, { type: '主题党日', date: '2026.01.10', topic: '重温入党誓词' });
    const m3 = await s.batches.saveMeeting(testCtx, b.id, { type: '全体成员会议', date: '2026.03.01', topic: '一季度总结' });
    await s.batches.saveMeeting(testCtx, b.id, { type: '全体成员会议', date: '2026.03.02', topic: '一季度总结与研判', attendance: 3 }, m3.id);
    expect(await refusal(s.batches.saveMeeting(testCtx, b.id, { type: '座谈会' as never, date: '2026.03.01', topic: 'x' }))).toContain('类型：应为全体成员会议');

    const page = await s.batches.get(b.id);
    expect(page.statusCounts).toEqual({ 拟派: 0, 在岗: 3, 延期: 0, 期满: 0, '提前结束（召回）': 1 });
    expect(page.members.find((m) => m.cadreId === ids[0])).toMatchObject({
      hostUnit: '常州市武进区商务局',
      hostPost: '副局长',
      postType: '招商',
      politicalMentor: { name: '钱立', unit: '武进区委组织部', phone: '0519-86001234' },
      businessMentor: { name: '孙浩' },
    });
    expect(page.members.find((m) => m.cadreId === ids[1])).toMatchObject({ status: '提前结束（召回）', actualEndDate: '2026.05.20' });
    expect(page.themes.map((t) => t.theme)).toEqual(['融入', '务实']);
    expect(page.meetingCounts).toEqual({ 全体成员会议: 2, 日常工作会议: 0, 主题党日: 1, 警示教育: 0, 其他: 0, total: 3 });
    expect(page.meetings[0]).toMatchObject({ date: '2026.03.02', topic: '一季度总结与研判', attendance: 3 });

    const list = await s.batches.list();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: b.id, name: changzhou.name, memberCount: 4, meetingCount: 3, statusCounts: { 在岗: 3, '提前结束（召回）': 1 } });
    expect(await s.batches.list({ query: '常州' })).toHaveLength(1);
    expect(await s.batches.list({ type: '一线挂职' })).toHaveLength(0);
  });

  it('names the field in Chinese when a batch is invalid, through the contract too', async () => {
    expect(await refusal(s.batches.save(testCtx, { ...changzhou, name: '' }))).toBe('批次名称：不能为空');
    expect(await refusal(s.batches.save(testCtx, { ...changzhou, endDate: '2025.01.01' }))).toBe('结束日期：不能早于开始日期（2025.12.01）');
    const h = createHandlers(s);
    const ctx = { ...testCtx, mode: 'browser' as const };
    const bad = await dispatch(h, 'batch:save', { data: { ...changzhou, type: '援外' } }, ctx);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((bad as { error: { message: string } }).error.message).toContain('类型：请选择批次类型');
    const created = await dispatch(h, 'batch:save', { data: changzhou }, ctx);
    expect(created.ok).toBe(true);
    const id = (created as { result: { id: number } }).result.id;
    const added = await dispatch(h, 'batch:addMembers', { batchId: id, cadreIds: [ids[0], ids[1]] }, ctx);
    expect(added).toMatchObject({ ok: true, result: { added: [{ cadreId: ids[0] }, { cadreId: ids[1] }] } });
    const page = await dispatch(h, 'batch:get', { id }, ctx);
    expect(page).toMatchObject({ ok: true, result: { statusCounts: { 拟派: 2 } } });
    const list = await dispatch(h, 'batch:list', undefined, ctx);
    expect(list).toMatchObject({ ok: true, result: [{ id, memberCount: 2 }] });
  });
});
