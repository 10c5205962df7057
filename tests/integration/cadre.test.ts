import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CadreInput } from '../../shared/cadre';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { AuditEntryEntity } from '../../electron/db/entities';
import { refusalMessage } from '../helpers/refusal';
import { tempServices, testCtx } from '../helpers/tempServices';

type Env = Awaited<ReturnType<typeof tempServices>>;

const person = (name: string, gender: '男' | '女', birth: string, seq: number, extra: Partial<CadreInput> = {}): CadreInput => ({
  name,
  gender,
  birthDate: `${birth.slice(0, 4)}.${birth.slice(4, 6)}`,
  idNumber: makeIdNumber('610902', birth, seq, gender),
  ...extra,
});

const failure = refusalMessage;

describe('cadre files', () => {
  let env: Env;
  beforeEach(async () => {
    env = await tempServices();
  });
  afterEach(async () => {
    await env.cleanup();
  });
  const auditCount = () => env.s.db.manager.count(AuditEntryEntity);

  describe('validation', () => {
    it('stores a valid file and audits it in the same transaction', async () => {
      const c = await env.s.cadres.save(testCtx, person('李明远', '男', '19850324', 101, { workUnit: '安康市发展和改革委员会' }));
      expect(c).toMatchObject({ id: 1, name: '李明远', birthDate: '1985.03', gender: '男', hasPhoto: false });
      const history = await env.s.cadres.history(c.id);
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ action: '新建', actor: '测试员' });
      expect(history[0].changes.workUnit).toEqual([null, '安康市发展和改革委员会']);
    });

    it('refuses a wrong check character, naming the field and the expected character', async () => {
      const good = makeIdNumber('610902', '19850324', 101, '男');
      const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      const msg = await failure(env.s.cadres.save(testCtx, { name: '李明远', gender: '男', idNumber: bad }));
      expect(msg).toBe(`身份证号：校验位错误（末位应为${good[17]}）`);
      expect(await env.s.cadres.list({})).toMatchObject({ total: 0 });
      expect(await auditCount()).toBe(0);
    });

    it('refuses a birth date or sex that disagrees with the ID number', async () => {
      const id = makeIdNumber('610902', '19850324', 101, '男');
      expect(await failure(env.s.cadres.save(testCtx, { name: '甲', gender: '男', idNumber: id, birthDate: '1986.03' }))).toBe('出生年月：与身份证号中的出生年月（1985.03）不一致');
      expect(await failure(env.s.cadres.save(testCtx, { name: '甲', gender: '女', idNumber: id }))).toBe('性别：与身份证号中的性别（男）不一致');
    });

    it('requires 姓名, 性别 and 身份证号 and names each', async () => {
      const msg = await failure(env.s.cadres.save(testCtx, { name: ' ', idNumber: '' } as CadreInput));
      expect(msg).toContain('姓名：不能为空');
      expect(msg).toContain('性别：请选择“男”或“女”');
      expect(msg).toContain('身份证号：不能为空');
    });

    it('refuses dates out of order or in the future', async () => {
      const base = person('李明远', '男', '19850324', 101);
      expect(await failure(env.s.cadres.save(testCtx, { ...base, workStartDate: '1984.07' }))).toBe('参加工作时间：不能早于出生年月');
      expect(await failure(env.s.cadres.save(testCtx, { ...base, resume: [{ start: '2010.01', end: '2009.12', text: '某局科员' }] }))).toBe('简历第1条的截止年月：不能早于起始年月（2010.01）');
      expect(await failure(env.s.cadres.save(testCtx, { ...base, workStartDate: '2999.01' }))).toMatch(/^参加工作时间：不能晚于当前年月/);
      expect(await failure(env.s.cadres.save(testCtx, { ...base, birthDate: '1985.3' }))).toBe('出生年月：应为年月，格式如 1985.03');
    });

    it('refuses a second file with the same ID number, even one in the recycle bin', async () => {
      const a = await env.s.cadres.save(testCtx, person('李明远', '男', '19850324', 101));
      const twin = person('李明', '男', '19850324', 101);
      expect(await failure(env.s.cadres.save(testCtx, twin))).toContain('已登记在“李明远”的档案中');
      await env.s.cadres.remove(testCtx, a.id);
      expect(await failure(env.s.cadres.save(testCtx, twin))).toContain('回收站');
      expect(await env.s.cadres.list({ deleted: true })).toMatchObject({ total: 1 });
    });
  });

  describe('search and order', () => {
    beforeEach(async () => {
      let seq = 11;
      for (const [name, unit] of [
        ['卢佳宁', '汉滨区农业农村局'],
        ['刘思源', '安康市商务局'],
        ['李明远', '安康市发展和改革委员会'],
        ['吕一鸣', '平利县商务局'],
        ['单晓东', '石泉县委组织部'],
        ['刘明', '安康市教育局'],
      ] as const)
        await env.s.cadres.save(testCtx, person(name, '男', '19800101', (seq += 2), { workUnit: unit }));
    });
    const names = async (query: string) => (await env.s.cadres.list({ query })).items.map((c) => c.name);

    it('orders by pinyin, not by code point (李 before 刘 before 卢)', async () => {
      expect((await env.s.cadres.list({})).items.map((c) => c.name)).toEqual(['李明远', '刘明', '刘思源', '卢佳宁', '吕一鸣', '单晓东']);
    });
    it('finds by pinyin initials, full pinyin and partial name', async () => {
      expect(await names('lmy')).toEqual(['李明远']);
      expect(await names('LMY')).toEqual(['李明远']);
      expect(await names('liu')).toEqual(['刘明', '刘思源']);
      expect(await names('liusiyuan')).toEqual(['刘思源']);
      expect(await names('明')).toEqual(['李明远', '刘明']);
      expect(await names('shanxiao')).toEqual(['单晓东']);
      expect(await names('lv')).toEqual(['吕一鸣']);
    });
    it('finds by unit and by ID number prefix', async () => {
      expect(await names('商务局')).toEqual(['刘思源', '吕一鸣']);
      const id = (await env.s.cadres.list({ query: '卢佳宁' })).items[0].idNumber;
      expect(await names(id.slice(0, 16))).toContain('卢佳宁');
    });
    it('treats % and _ literally', async () => {
      expect(await names('%')).toEqual([]);
      expect(await names('_')).toEqual([]);
    });
    it('pages', async () => {
      const p2 = await env.s.cadres.list({ page: 2, pageSize: 4 });
      expect(p2.total).toBe(6);
      expect(p2.items.map((c) => c.name)).toEqual(['吕一鸣', '单晓东']);
    });
  });

  describe('recycle bin, photo and history', () => {
    it('deletes to the recycle bin, restores, and purges only from there', async () => {
      const c = await env.s.cadres.save(testCtx, person('李明远', '男', '19850324', 101));
      expect(await failure(env.s.cadres.purge(testCtx, c.id))).toContain('不在回收站中');
      await env.s.cadres.remove(testCtx, c.id);
      expect((await env.s.cadres.list({})).total).toBe(0);
      expect(await failure(env.s.cadres.save(testCtx, person('李明远', '男', '19850324', 101), c.id))).toContain('在回收站中');
      await env.s.cadres.restore(testCtx, c.id);
      expect((await env.s.cadres.list({})).total).toBe(1);
      await env.s.cadres.remove(testCtx, c.id);
      await env.s.cadres.purge(testCtx, c.id);
      expect(await failure(env.s.cadres.get(c.id))).toContain('未找到');
      expect((await env.s.cadres.history(c.id)).map((h) => h.action)).toEqual(['彻底删除', '移入回收站', '从回收站恢复', '移入回收站', '新建']);
    });

    it('keeps a JPEG photo of at most 200 KB and refuses anything else', async () => {
      const c = await env.s.cadres.save(testCtx, person('李明远', '男', '19850324', 101));
      const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1000, 1)]);
      await env.s.cadres.setPhoto(testCtx, c.id, jpeg);
      expect((await env.s.cadres.get(c.id)).hasPhoto).toBe(true);
      expect((await env.s.cadres.getPhoto(c.id))!.equals(jpeg)).toBe(true);
      expect(await failure(env.s.cadres.setPhoto(testCtx, c.id, Buffer.from('\x89PNG\r\n')))).toContain('应为JPEG');
      expect(await failure(env.s.cadres.setPhoto(testCtx, c.id, Buffer.concat([jpeg, Buffer.alloc(200 * 1024)])))).toContain('不能超过200 KB');
      await env.s.cadres.setPhoto(testCtx, c.id, null);
      expect(await env.s.cadres.getPhoto(c.id)).toBeNull();
    });

    it('records each changed field old → new, and nothing for an unchanged save', async () => {
      const input = person('李明远', '男', '19850324', 101, { currentPosition: '科长' });
      const c = await env.s.cadres.save(testCtx, input);
      await env.s.cadres.save(testCtx, { ...input, currentPosition: '副局长', resume: [{ start: '2003.09', end: '2007.07', text: '某大学学习' }] }, c.id);
      await env.s.cadres.save(testCtx, { ...input, currentPosition: '副局长', resume: [{ start: '2003.09', end: '2007.07', text: '某大学学习' }] }, c.id);
      const h = await env.s.cadres.history(c.id);
      expect(h.map((e) => e.action)).toEqual(['修改', '新建']);
      expect(h[0].changes.currentPosition).toEqual(['科长', '副局长']);
      expect(h[0].changes.resume[0]).toBeNull();
      expect(Object.keys(h[0].changes).sort()).toEqual(['currentPosition', 'resume']);
    });

    it('serialises concurrent writes on the one connection', async () => {
      const saves = Array.from({ length: 20 }, (_, i) => env.s.cadres.save(testCtx, person(`测试${i}`, i % 2 ? '女' : '男', '19900101', 201 + i * 2)));
      const results = await Promise.all(saves);
      expect(new Set(results.map((r) => r.id)).size).toBe(20);
      expect(await auditCount()).toBe(20);
    });
  });
});

describe('cadre list filters by batch and posting status', () => {
  let env: Env;
  beforeEach(async () => {
    env = await tempServices();
  });
  afterEach(async () => {
    await env.cleanup();
  });

  it('lists only the members of a batch, and only cadres with a posting in a status', async () => {
    const a = await env.s.cadres.save(testCtx, person('李明远', '男', '19850324', 101));
    const b = await env.s.cadres.save(testCtx, person('刘思源', '女', '19880611', 103));
    await env.s.cadres.save(testCtx, person('卢佳宁', '女', '19900915', 105));
    const batch = await env.s.batches.save(testCtx, { name: '测试批次', type: '一线挂职', direction: '派出', startDate: '2026.01.01', endDate: '2026.12.31' });
    await env.s.batches.addMembers(testCtx, { batchId: batch.id, cadreIds: [a.id, b.id], defaults: { status: '在岗' } });
    const names = async (q: object) => (await env.s.cadres.list(q)).items.map((c) => c.name);
    expect(await names({ batchId: batch.id })).toEqual(['李明远', '刘思源']);
    expect(await names({ postingStatus: '在岗' })).toEqual(['李明远', '刘思源']);
    expect(await names({ postingStatus: '期满' })).toEqual([]);
    expect(await names({ batchId: batch.id, query: 'liu' })).toEqual(['刘思源']);
  });
});
