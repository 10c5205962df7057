import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CadreInputSchema, type CadreData } from '../../shared/cadre';
import { isVersionConflict } from '../../shared/editVersion';
import { accessFor } from '../../electron/auth/Access';
import type { AppServices } from '../../electron/services/AppServices';
import { nextVersion } from '../../electron/services/editVersion';
import type { ServiceContext } from '../../electron/services/ServiceContext';
import { growthBatch, refusal, stageSheet } from '../helpers/growthFixtures';
import { tempServices, testCtx } from '../helpers/tempServices';
import { openServices } from '../helpers/testDb';

/**
 * Optimistic versioning of edits (issue 17): every form sends the `updatedAt` it was loaded with; a save from a
 * version that is no longer the record's is refused, naming who saved first and when, and writes nothing.
 */

let s: AppServices;
let cleanup: () => Promise<void>;
let batchId: number;
let cadreIds: number[];
let postings: number[];

// Two clerks with accounts (invented people).
const lisi: ServiceContext = { actor: 'lisi', actorName: '李四', signedIn: true };
const wangfang: ServiceContext = { actor: 'wangfang', actorName: '王芳', signedIn: true };
const CONFLICT_RE = (what: string, who = '李四') => new RegExp(`^${what}已被${who}于 (\\d{4}\\.\\d{2}\\.\\d{2} )?\\d{2}:\\d{2} 修改，请刷新后再改（您的修改未保存）$`);

beforeEach(async () => {
  ({ s, cleanup } = await tempServices());
  ({ batchId, cadreIds, postings } = await growthBatch(s, 2));
  const access = accessFor(s);
  await access.accounts.createFirstAdmin(testCtx, { username: 'root', name: '赵管理', dept: '干部科', password: 'Admin1234' });
  await access.accounts.add(testCtx, { username: 'lisi', name: '李四', role: 'clerk', password: 'Initial123' });
  await access.accounts.add(testCtx, { username: 'wangfang', name: '王芳', role: 'clerk', password: 'Initial123' });
});
afterEach(() => cleanup());

const cadreData = async (id: number): Promise<CadreData & { updatedAt: string; name: string }> => {
  const c = await s.cadres.get(id);
  return { ...CadreInputSchema.parse(c), updatedAt: c.updatedAt, name: c.name };
};

describe('two clerks saving the same record from the same loaded version', () => {
  it('cadre file: the second save is refused naming the first editor, and nothing of it is written', async () => {
    const loaded = await cadreData(cadreIds[0]);
    const first = await s.cadres.save(lisi, { ...loaded, phone: '0915-3261001', expectedVersion: loaded.updatedAt }, cadreIds[0]);
    expect(first.updatedAt).not.toBe(loaded.updatedAt);

    const r = await refusal(s.cadres.save(wangfang, { ...loaded, remarks: '王芳的备注', expectedVersion: loaded.updatedAt }, cadreIds[0]));
    expect(r.code).toBe('CONFLICT');
    expect(r.message).toMatch(CONFLICT_RE(`“${loaded.name}”的档案`));
    expect(isVersionConflict(r.message)).toBe(true);

    const now = await s.cadres.get(cadreIds[0]);
    expect(now).toMatchObject({ phone: '0915-3261001', remarks: loaded.remarks, updatedAt: first.updatedAt });
    const history = await s.cadres.history(cadreIds[0]);
    expect(history.filter((e) => e.action === '修改').map((e) => e.actor)).toEqual(['lisi']);

    // After 刷新 (the new version) the second clerk's save goes through; without a version there is no check (CLI, imports).
    const second = await s.cadres.save(wangfang, { ...loaded, phone: now.phone, remarks: '王芳的备注', expectedVersion: now.updatedAt }, cadreIds[0]);
    expect(second).toMatchObject({ phone: '0915-3261001', remarks: '王芳的备注' });
    await s.cadres.save(testCtx, { ...loaded, remarks: '命令行修改' }, cadreIds[0]);
    expect((await s.cadres.get(cadreIds[0])).remarks).toBe('命令行修改');
  });

  it('names the same clerk’s other window when it was the clerk who saved first', async () => {
    const loaded = await cadreData(cadreIds[0]);
    await s.cadres.save(lisi, { ...loaded, phone: '13800000001', expectedVersion: loaded.updatedAt }, cadreIds[0]);
    const r = await refusal(s.cadres.save(lisi, { ...loaded, phone: '13800000002', expectedVersion: loaded.updatedAt }, cadreIds[0]));
    expect(r.message).toMatch(CONFLICT_RE(`“${loaded.name}”的档案`, '您本人（在另一窗口）'));
  });

  it('batch, posting, assessment record, leave, work result and growth evaluation (narratives and scores) alike', async () => {
    const expectRefused = async (p: Promise<unknown>, what: string) => {
      const r = await refusal(p);
      expect(r.code).toBe('CONFLICT');
      expect(r.message).toMatch(CONFLICT_RE(what));
    };
    const cadreName = (await s.cadres.get(cadreIds[0])).name;

    // 批次
    const batch = (await s.batches.get(batchId)).batch;
    const batchInput = { name: batch.name, type: batch.type, direction: batch.direction, startDate: batch.startDate, endDate: batch.endDate, notes: '' };
    await s.batches.save(lisi, { ...batchInput, notes: '李四的说明', expectedVersion: batch.updatedAt }, batchId);
    await expectRefused(s.batches.save(wangfang, { ...batchInput, fromPlace: '安康市', expectedVersion: batch.updatedAt }, batchId), `批次“${batch.name}”`);
    expect((await s.batches.get(batchId)).batch).toMatchObject({ notes: '李四的说明', fromPlace: '' });

    // 挂职记录
    const posting = await s.postings.get(postings[0]);
    const { id: _id, createdAt: _c, updatedAt: pv, cadreName: _n, batchName: _b, statusChanges: _s, ...postingInput } = posting;
    await s.postings.save(lisi, { ...postingInput, notes: '李四：已报到', expectedVersion: pv }, posting.id);
    await expectRefused(s.postings.save(wangfang, { ...postingInput, hostPost: '局长助理（挂职）', expectedVersion: pv }, posting.id), `“${cadreName}”在${posting.hostUnit}的挂职记录`);
    expect(await s.postings.get(posting.id)).toMatchObject({ notes: '李四：已报到', hostPost: posting.hostPost });

    // 考核记录（月度汇报）
    const monthly = await s.assessments.save(testCtx, 'monthly', { postingId: postings[0], month: '2026.01', content: '熟悉分管工作' });
    await s.assessments.save(lisi, 'monthly', { postingId: postings[0], month: '2026.01', content: '李四补充：走访企业12家', expectedVersion: monthly.updatedAt }, monthly.id);
    await expectRefused(
      s.assessments.save(wangfang, 'monthly', { postingId: postings[0], month: '2026.01', content: '王芳的改动', expectedVersion: monthly.updatedAt }, monthly.id),
      `“${cadreName}”的月度工作汇报（2026.01）`,
    );
    expect(await s.assessments.get(monthly.id)).toMatchObject({ content: '李四补充：走访企业12家' });

    // 请销假
    const leave = await s.leave.save(testCtx, { postingId: postings[0], leaveType: '事假', startDate: '2026.01.05', endDate: '2026.01.06', approvedBy: '周立群（组长）' });
    await s.leave.save(lisi, { postingId: postings[0], leaveType: '事假', startDate: '2026.01.05', endDate: '2026.01.07', approvedBy: '周立群（组长）', expectedVersion: leave.updatedAt }, leave.id);
    await expectRefused(
      s.leave.save(wangfang, { postingId: postings[0], leaveType: '病假', startDate: '2026.01.05', endDate: '2026.01.06', approvedBy: '周立群（组长）', expectedVersion: leave.updatedAt }, leave.id),
      `“${cadreName}”2026.01.05起的事假记录`,
    );
    expect((await s.leave.listByPosting({ postingId: postings[0] })).entries[0]).toMatchObject({ leaveType: '事假', endDate: '2026.01.07' });

    // 工作实绩
    const result = await s.ledger.save(testCtx, { postingId: postings[0], category: '招商引资', title: '引进新材料项目', date: '2026.02.10', amount: 3000 });
    await s.ledger.save(lisi, { postingId: postings[0], category: '招商引资', title: '引进新材料项目', date: '2026.02.10', amount: 3500, expectedVersion: result.updatedAt }, result.id);
    await expectRefused(
      s.ledger.save(wangfang, { postingId: postings[0], category: '招商引资', title: '引进新材料项目（一期）', date: '2026.02.10', amount: 3000, expectedVersion: result.updatedAt }, result.id),
      '工作实绩“引进新材料项目”',
    );
    expect(await s.ledger.get(result.id)).toMatchObject({ title: '引进新材料项目', amount: 3500 });

    // 成长评价：评语 and a rater's scores share the evaluation's version
    const e = await s.growth.save(testCtx, { postingId: postings[0], period: '第一季度' });
    const saved = await s.growth.save(lisi, { postingId: postings[0], period: '第一季度', selfSummary: '李四录入的本人总结', expectedVersion: e.updatedAt }, e.id);
    const what = `${cadreName} 成长评价（第一季度）`;
    await expectRefused(s.growth.save(wangfang, { postingId: postings[0], period: '第一季度', selfSummary: '王芳录入', expectedVersion: e.updatedAt }, e.id), what);
    const t = await s.growthTemplates.active();
    await expectRefused(s.growth.saveRater(wangfang, { evaluationId: e.id, rater: '本人', scores: stageSheet(t, [80, 80, 80, 80]), expectedVersion: e.updatedAt }), what);
    const scored = await s.growth.saveRater(lisi, { evaluationId: e.id, rater: '本人', scores: stageSheet(t, [90, 90, 90, 90]), expectedVersion: saved.updatedAt });
    await expectRefused(s.growth.save(wangfang, { postingId: postings[0], period: '第一季度', selfSummary: '王芳录入', expectedVersion: saved.updatedAt }, e.id), what);
    expect((await s.growth.get(e.id)).selfSummary).toBe('李四录入的本人总结');
    expect((await s.growth.get(e.id)).updatedAt).toBe(scored.updatedAt);
  });

  it('gives every save a new version, even two in one millisecond', () => {
    const t = new Date('2026-11-29T06:03:00.000Z');
    expect(nextVersion('2026-11-29T06:02:59.000Z', t)).toBe('2026-11-29T06:03:00.000Z');
    expect(nextVersion('2026-11-29T06:03:00.000Z', t)).toBe('2026-11-29T06:03:00.001Z');
    expect(nextVersion('2026-11-29T06:05:00.000Z', t)).toBe('2026-11-29T06:05:00.001Z');
    expect(nextVersion('', t)).toBe('2026-11-29T06:03:00.000Z');
  });

  it('back-to-back saves each from the version the one before returned all go through; a stale one never does', async () => {
    let loaded = await cadreData(cadreIds[1]);
    const first = loaded.updatedAt;
    for (let i = 0; i < 5; i++) {
      const saved = await s.cadres.save(lisi, { ...loaded, remarks: `第${i + 1}次`, expectedVersion: loaded.updatedAt }, cadreIds[1]);
      loaded = { ...loaded, updatedAt: saved.updatedAt };
    }
    expect((await refusal(s.cadres.save(wangfang, { ...loaded, expectedVersion: first }, cadreIds[1]))).code).toBe('CONFLICT');
    expect((await s.cadres.get(cadreIds[1])).remarks).toBe('第5次');
  });
});

describe('two connections saving at the same moment', () => {
  it('exactly one of two concurrent saves from the same version wins; the other is refused and changes nothing', async () => {
    const other = await openServices(s.dbFile);
    try {
      for (let round = 0; round < 5; round++) {
        const loaded = await cadreData(cadreIds[0]);
        const results = await Promise.allSettled([
          s.cadres.save(lisi, { ...loaded, remarks: `李四第${round}轮`, expectedVersion: loaded.updatedAt }, cadreIds[0]),
          other.cadres.save(wangfang, { ...loaded, remarks: `王芳第${round}轮`, expectedVersion: loaded.updatedAt }, cadreIds[0]),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0].reason).toMatchObject({ code: 'CONFLICT' });
        const winner = results[0].status === 'fulfilled' ? '李四' : '王芳';
        expect(lost[0].reason.message).toMatch(CONFLICT_RE(`“${loaded.name}”的档案`, winner));
        expect((await s.cadres.get(cadreIds[0])).remarks).toBe(`${winner}第${round}轮`);
      }
      // Each round wrote one 修改 entry, never two.
      expect((await s.cadres.history(cadreIds[0])).filter((e) => e.action === '修改')).toHaveLength(5);
    } finally {
      await other.close();
    }
  });
});
