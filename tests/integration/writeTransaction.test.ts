import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchInputSchema } from '../../shared/batch';
import { CadreInputSchema, CadreListQuerySchema, type CadreData } from '../../shared/cadre';
import { demoCadres, makeIdNumber } from '../../electron/demo/demoCadres';
import type { AppServices } from '../../electron/services/AppServices';
import { refusalMessage } from '../helpers/refusal';
import { xlsx } from '../helpers/rosterFixtures';
import { tempServices, testCtx } from '../helpers/tempServices';

/**
 * Reads inside a write must go through the transaction's own manager: the read-only connection sees only committed
 * rows, so a check made through it would miss what the same transaction already wrote.
 */
let s: AppServices;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ s, cleanup } = await tempServices()));
afterEach(() => cleanup());

const demo = (i: number): CadreData => CadreInputSchema.parse(demoCadres()[i]);
const allCadres = async () => (await s.cadres.list({ deleted: false, pageSize: 500 })).total;

describe('reads inside one write see that write', () => {
  it('refuses a second file with the same 身份证号 saved in the same transaction, naming the person; nothing is kept', async () => {
    const li = demo(0);
    const message = await refusalMessage(
      s.db.write(async (m) => {
        await s.cadres.saveWith(m, testCtx, li);
        await s.cadres.saveWith(m, testCtx, { ...li, name: '李明' });
      }),
    );
    expect(message).toBe(`身份证号：${li.idNumber} 已登记在“${li.name}”的档案中，同一人不能建两份档案`);
    expect(await allCadres()).toBe(0);
  });

  it('a bulk create after a single save in the same transaction finds that file as a twin', async () => {
    const [li, wang] = [demo(0), demo(1)];
    const message = await refusalMessage(
      s.db.write(async (m) => {
        await s.cadres.saveWith(m, testCtx, li);
        await s.cadres.createManyWith(m, testCtx, [wang, li]);
      }),
    );
    expect(message).toBe(`身份证号：${li.idNumber} 已登记在“${li.name}”的档案中，同一人不能建两份档案`);
    expect(await allCadres()).toBe(0);
  });

  it('builds a whole batch in one transaction: members just created join, sub-groups and branch see them, the page shows them', async () => {
    const [li, wang] = [demo(0), demo(1)];
    await s.db.write(async (m) => {
      const a = await s.cadres.saveWith(m, testCtx, li);
      const [b] = await s.cadres.createManyWith(m, testCtx, [wang]);
      const batch = await s.batches.saveWith(m, testCtx, BatchInputSchema.parse({ name: '第8批', type: '东西部协作/对口支援', direction: '派出', startDate: '2026.01.01', endDate: '2026.12.31' }));
      const added = await s.batches.addMembersWith(m, testCtx, batch.id, [{ cadreId: a.id }, { cadreId: b }]);
      expect(added.added.map((x) => x.name)).toEqual([li.name, wang.name]);
      await s.batches.saveSubGroupsWith(m, testCtx, { batchId: batch.id, subGroups: [{ groupName: '项目招引', leaderId: a.id, memberIds: [b] }] });
      await s.batches.savePartyBranchWith(m, testCtx, { batchId: batch.id, branchName: '临时党支部', foundedDate: '', secretaryId: a.id, memberIds: [] });

      const page = await s.batches.get(batch.id, m);
      expect(page.members.map((x) => [x.name, x.subGroupIds.length, x.inBranch])).toEqual([
        [li.name, 1, true],
        [wang.name, 1, false],
      ]);
      expect(page.partyBranch.secretaryName).toBe(li.name);
      // The standalone reads use the committed snapshot: nothing of this transaction yet.
      expect(await refusalMessage(s.batches.get(batch.id))).toBe(`未找到编号为 ${batch.id} 的批次`);
      expect(await allCadres()).toBe(0);
      expect((await s.cadres.listWith(m, CadreListQuerySchema.parse({}))).total).toBe(2);
    });
    expect(await allCadres()).toBe(2);
  });

  it('refuses a roster naming the same 身份证号 twice, naming both rows, and writes nothing', async () => {
    const twin = makeIdNumber('610902', '19920226', 111, '男');
    const roster = await xlsx((ws) => {
      ws.getRow(1).values = ['姓名', '性别', '出生年月', '身份证号'];
      ws.getRow(2).values = ['黄文博', '男', '1992.02', twin];
      ws.getRow(3).values = ['周敏', '女', '1986.08', makeIdNumber('610902', '19860809', 112, '女')];
      ws.getRow(4).values = ['黄文', '男', '1992.02', twin.toLowerCase()];
    });
    const result = await s.exchange.importRoster(testCtx, '花名册.xlsx', roster);
    expect(result).toMatchObject({ ok: false, created: 0 });
    expect(result.errors).toEqual([{ row: 4, message: `身份证号：与第 2 行重复（${twin}）` }]);
    expect(await allCadres()).toBe(0);
  });

  it('imports a roster of new people into a batch: each row joins the batch it was just created for', async () => {
    const batch = await s.batches.save(testCtx, { name: '第9批', type: '东西部协作/对口支援', direction: '派出', startDate: '2026.01.01', endDate: '2026.12.31' });
    const roster = await xlsx((ws) => {
      ws.getRow(1).values = ['姓名', '性别', '出生年月', '身份证号'];
      ws.getRow(2).values = ['黄文博', '男', '1992.02', makeIdNumber('610902', '19920226', 111, '男')];
      ws.getRow(3).values = ['周敏', '女', '1986.08', makeIdNumber('610902', '19860809', 112, '女')];
    });
    const result = await s.exchange.importRoster(testCtx, '花名册.xlsx', roster, batch.name);
    expect(result).toMatchObject({ ok: true, created: 2, postings: 2 });
    expect((await s.batches.get(batch.id)).members.map((x) => x.name).sort()).toEqual(['周敏', '黄文博']);
  });
});
