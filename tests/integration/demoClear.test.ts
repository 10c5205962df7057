import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/api/handlers';
import { dispatch } from '../../electron/api/dispatch';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { loadDemo } from '../../electron/demo/loadDemo';
import type { DemoClearReport } from '../../shared/demo';
import { AppError, type ErrorCode } from '../../shared/errors';
import { AppServices as Services } from '../../electron/services/AppServices';
import { refusalMessage } from '../helpers/refusal';
import { cliDbArgs } from '../helpers/runCli';
import { tempServices, testCtx } from '../helpers/tempServices';
import { openServices } from '../helpers/testDb';

let s: Services;
let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ s, dir, cleanup } = await tempServices());
});
afterEach(() => cleanup());

const count = async (table: string, where = '1 = 1') => Number((await s.db.manager.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`))[0].n);
const TABLES = ['cadre', 'batch', 'posting', 'assessment_record', 'growth_evaluation', 'leave_entry', 'work_result', 'batch_meeting', 'posting_status_change', 'workflow_step'];
const counts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await count(t)] as const)));

/** An invented clerk's own file, entered after the demo. */
const realCadre = () =>
  s.cadres.save(testCtx, { name: '韩若曦', gender: '女', birthDate: '1986.04', idNumber: makeIdNumber('610902', '19860417', 226, '女'), workUnit: '安康市商务局' });

describe('示例数据 from the home page', () => {
  /** A call as the home page makes it: through the contract, a refusal thrown as the page sees it. */
  const ui = async (channel: string, input: unknown = {}): Promise<unknown> => {
    const r = await dispatch(createHandlers(s), channel, input, { ...testCtx, mode: 'browser' });
    if (!r.ok) throw new AppError(r.error.code as ErrorCode, r.error.message);
    return r.result;
  };

  it('is offered on an empty database only, loads without archiving, and 清除示例数据 removes every row it wrote', async () => {
    expect(((await ui('app:info')) as { demo: unknown }).demo).toEqual({ offer: true, cadres: 0, batches: 0 });
    const loaded = (await ui('demo:load')) as { cadres: number; batches: number };
    expect(loaded).toMatchObject({ cadres: 15, batches: 2 });
    expect(((await ui('app:info')) as { demo: unknown }).demo).toEqual({ offer: false, cadres: 15, batches: 2 });
    // Nothing archived: archives can never be deleted, and the demo must be removable.
    expect(await count('assessment_record', `state = '已归档'`)).toBe(0);
    expect(await count('growth_evaluation', `state = '已归档'`)).toBe(0);
    expect(await count('assessment_record')).toBeGreaterThan(50);

    // A second load is refused: the database is no longer empty.
    expect(await refusalMessage(ui('demo:load'))).toMatch(/已有干部档案或批次，不能再载入示例数据/);

    const preview = (await ui('demo:clear', { preview: true })) as DemoClearReport;
    expect(preview.done).toBe(false);
    expect(preview.removed).toMatchObject({ cadres: 15, batches: 2 });
    expect(preview.removed.records).toBe(await count('assessment_record'));
    expect(preview.kept).toEqual([]);
    expect(await count('cadre')).toBe(15);

    const report = (await ui('demo:clear')) as DemoClearReport;
    expect(report.done).toBe(true);
    expect(report.removed).toEqual(preview.removed);
    expect(await counts()).toEqual(Object.fromEntries(TABLES.map((t) => [t, 0])));
    expect(await count('demo_mark')).toBe(0);
    expect(((await ui('app:info')) as { demo: unknown }).demo).toEqual({ offer: true, cadres: 0, batches: 0 });
    // The audit log keeps what happened; the archive and the audit chain verify.
    expect(await count('audit_log', `action = '清除示例数据'`)).toBeGreaterThanOrEqual(15 + 2);
    expect((await s.archives.verify()).ok).toBe(true);
  });

  it('is refused on a database that already has a file (even one in the recycle bin)', async () => {
    const c = await realCadre();
    await s.cadres.remove(testCtx, c.id);
    expect(((await ui('app:info')) as { demo: { offer: boolean } }).demo.offer).toBe(false);
    expect(await refusalMessage(ui('demo:load'))).toMatch(/示例数据只在空数据库中提供/);
    expect(await count('cadre')).toBe(1);
  });

  it('keeps the clerk’s own file and its posting in a demo batch, and the batch with it; everything about demo people goes', async () => {
    await ui('demo:load');
    const batch = (await s.batches.list()).find((b) => b.name === '2026年度一线挂职锻炼')!;
    const mine = await realCadre();
    await s.batches.addMembers(testCtx, { batchId: batch.id, cadreIds: [mine.id], defaults: { hostUnit: '宁陕县商务局', status: '在岗' } });
    // A record the clerk wrote on a demo person's posting goes with that posting.
    const demoMember = (await s.batches.get(batch.id)).members.find((m) => m.name === '黄文博')!;
    await s.leave.save(testCtx, { postingId: demoMember.postingId, leaveType: '事假', startDate: '2026.11.02', endDate: '2026.11.03', approvedBy: '何立新' });

    const report = (await ui('demo:clear')) as DemoClearReport;
    expect(report.removed.cadres).toBe(15);
    expect(report.removed.batches).toBe(1);
    expect(report.kept).toEqual([{ what: '批次“2026年度一线挂职锻炼”', reason: expect.stringContaining('韩若曦') }]);

    expect((await s.cadres.list({})).items.map((c) => c.name)).toEqual(['韩若曦']);
    const kept = await s.batches.get(batch.id);
    expect(kept.members.map((m) => m.name)).toEqual(['韩若曦']);
    expect(kept.batch.leaderId).toBeNull();
    expect(kept.subGroups.flatMap((g) => g.memberIds)).toEqual([]);
    expect(kept.meetings).toEqual([]);
    expect(await count('posting')).toBe(1);
    expect(await count('leave_entry')).toBe(0);
    // What was kept is no longer demo data: nothing left to clear, and the home page stops offering it.
    expect(((await ui('app:info')) as { demo: unknown }).demo).toEqual({ offer: false, cadres: 0, batches: 0 });
    const again = (await ui('demo:clear')) as DemoClearReport;
    expect(again).toMatchObject({ removed: { cadres: 0, batches: 0, postings: 0 }, kept: [] });
    expect((await s.batches.list()).map((b) => b.name)).toEqual(['2026年度一线挂职锻炼']);
  });
});

describe('示例数据 from the command line (with archived records)', () => {
  it('demo --clear keeps each archived record with its posting, file and batch, says why, and verify stays green', async () => {
    await loadDemo(s, testCtx);
    const archivedBefore = await count('assessment_record', `state = '已归档'`);
    const evaluationsBefore = await count('growth_evaluation', `state = '已归档'`);
    expect(archivedBefore).toBeGreaterThan(0);
    // Whose postings hold an archived record: those files stay, every other demo file goes.
    const holders: string[] = (
      await s.db.manager.query(
        `SELECT DISTINCT c.name FROM cadre c JOIN posting p ON p.cadre_id = c.id WHERE p.id IN (SELECT posting_id FROM assessment_record WHERE state = '已归档' UNION SELECT posting_id FROM growth_evaluation WHERE state = '已归档')`,
      )
    ).map((r: { name: string }) => r.name);
    expect(holders).toEqual(expect.arrayContaining(['刘思源', '马俊杰']));
    await s.close();

    const root = path.resolve(__dirname, '../..');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'electron/cli/main.ts'), ...cliDbArgs(path.join(dir, 'cadre.db')), '--json', 'demo', '--clear'],
      { cwd: root },
    );
    const report = JSON.parse(stdout) as DemoClearReport;
    s = await openServices(path.join(dir, 'cadre.db'));

    expect((await s.cadres.list({})).items.map((c) => c.name).sort()).toEqual([...holders].sort());
    expect(report.removed.cadres).toBe(15 - holders.length);
    const liu = report.kept.find((k) => k.what.startsWith('刘思源'))!;
    expect(liu.what).toBe('刘思源的档案及在常州市武进区商务局的挂职（2025.12.01—2026.11.30）');
    expect(liu.reason).toMatch(/有已归档的.*年度考核（2026年）.*成长评价（期满）.*须永久保存/);
    expect(report.kept.find((k) => k.what.startsWith('马俊杰'))!.reason).toMatch(/期满考核/);
    expect(report.kept.find((k) => k.what === '批次“安康市第7批赴常州挂职干部”')!.reason).toMatch(/刘思源.*的挂职有已归档的记录，批次保留/);
    expect(await count('assessment_record', `state = '已归档'`)).toBe(archivedBefore);
    expect(await count('growth_evaluation', `state = '已归档'`)).toBe(evaluationsBefore);
    // Every kept batch still has members; none of the removed people left a posting behind.
    for (const b of await s.batches.list()) expect(b.memberCount).toBeGreaterThan(0);
    expect(await count('posting', `cadre_id NOT IN (SELECT id FROM cadre)`)).toBe(0);
    expect((await s.archives.verify()).ok).toBe(true);
  });
});
