import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../../bench/generateRecords';
import { formatWan } from '../../electron/documents/formatting';
import { rosterViewModelOf, buildRosterViewModel } from '../../electron/documents/viewModels/rosterViewModel';
import { buildSummaryViewModel, summaryViewModelOf, type SummaryMemberSources } from '../../electron/documents/viewModels/summaryViewModel';
import type { AppServices } from '../../electron/services/AppServices';
import { dayOf } from '../../shared/validators/yearMonth';
import { stageSheet } from '../helpers/growthFixtures';
import { withQueryCount } from '../helpers/queryCounter';
import { tempServices, testCtx } from '../helpers/tempServices';
import { rawQuery } from '../helpers/testDb';

/**
 * The batch forms (花名册, 汇总表) read a batch in a constant number of queries: counted on every connection the
 * services use, for a 500-member batch and a 3-member one, and checked against the view model built the slow way
 * (the services' per-posting reads), so a fast but wrong read fails too.
 */

const MAX_QUERIES = 10;
const TODAY = new Date(2026, 5, 30);

let s: AppServices;
let cleanup: () => Promise<void>;
let big: number;
let small: number;
let deletedName: string;
let leaderName: string;

beforeAll(async () => {
  ({ s, cleanup } = await tempServices());
  // 503 postings: a batch of 500 and one of 3, each with annual and term assessments, leave and 6 results.
  const gen = await generateRecords(s, { postings: 503, perBatch: 500, recordsPerPosting: 36, resultsPerPosting: 6 });
  [big, small] = gen.batchIds;
  // What the generator leaves blank but the roster prints: 学历 (full-time, else part-time), birth, phone, original unit.
  await s.db.write(async (m) => {
    await m.query(
      `UPDATE cadre SET ft_education = CASE WHEN id % 3 = 0 THEN '' ELSE '大学' END,
         pt_education = CASE WHEN id % 2 = 0 THEN '中央党校研究生' ELSE '' END,
         birth_date = '1985.03', phone = '1390000' || id, political_status = '中共党员' WHERE id_number LIKE 'BENCH%'`,
    );
    await rawQuery(m, `UPDATE posting SET original_unit = '安康市商务局', original_post = '科长' WHERE batch_id IN (?, ?)`, [big, small]);
    await rawQuery(m, `UPDATE posting SET status = '提前结束（召回）', actual_end_date = '2026.03.31' WHERE id = ?`, [gen.postingIds[3]]);
  });
  const memberIds = (await s.batches.get(big)).members.map((m) => m.cadreId);
  // 组长 (printed first), a 临时党支部书记, one file in the recycle bin (left out).
  const leader = await s.cadres.get(memberIds[42]);
  leaderName = leader.name;
  await s.batches.save(testCtx, { name: '基准批次1', type: '东西部协作/对口支援', direction: '派出', dispatchingOrg: '中共安康市委组织部', startDate: '2025.01.01', endDate: '2026.12.31', leaderId: leader.id }, big);
  await s.db.write((m) => rawQuery(m, `UPDATE batch SET branch_secretary_id = ? WHERE id = ?`, [memberIds[7], big]));
  const gone = await s.cadres.get(memberIds[100]);
  deletedName = gone.name;
  await s.cadres.remove(testCtx, gone.id);
  // Growth evaluations, so the summary's 成长阶段 column and the templates' query have work in both batches.
  const template = await s.growthTemplates.active();
  const scored = [gen.postingIds[0], gen.postingIds[1], gen.postingIds[2], gen.postingIds[501]];
  for (const [k, postingId] of scored.entries()) {
    for (const [period, scores] of [['第一季度', [72, 50, 40, 30]], ['第二季度', [80, 68 + k, 55, 40]]] as const) {
      const e = await s.growth.save(testCtx, { postingId, period });
      await s.growth.saveRater(testCtx, { evaluationId: e.id, rater: '挂职单位', scores: stageSheet(template, [...scores]) });
    }
  }
}, 120_000);
afterAll(() => cleanup());

/** The roster as the per-member reads give it: the batch page, then each member's file. */
async function rosterTheSlowWay(batchId: number) {
  const page = await s.batches.get(batchId);
  const members = [];
  for (const m of page.members) {
    const c = await s.cadres.get(m.cadreId);
    members.push({ ...m, education: c.ftEducation || c.ptEducation });
  }
  return rosterViewModelOf(page.batch, members, TODAY);
}

/** The summary as the per-posting service reads give it. */
async function summaryTheSlowWay(batchId: number) {
  const page = await s.batches.get(batchId);
  const day = dayOf(TODAY);
  const sources: SummaryMemberSources[] = [];
  for (const member of page.members.filter((m) => !m.cadreDeleted)) {
    const [records, onPost, totals, growth] = await Promise.all([
      s.assessments.listByPosting(member.postingId),
      s.leave.summary({ postingId: member.postingId, today: day }),
      s.ledger.totals({ scope: 'posting', id: member.postingId }),
      s.growth.listByPosting(member.postingId),
    ]);
    sources.push({ member, annual: records.annual, term: records.term, onPost, totals, growth });
  }
  return summaryViewModelOf(page.batch, sources, TODAY);
}

describe('花名册', () => {
  it(`reads a 500-member batch in at most ${MAX_QUERIES} queries, as many as a 3-member one`, async () => {
    const run = await withQueryCount(s, () => buildRosterViewModel(s, big, TODAY));
    const few = await withQueryCount(s, () => buildRosterViewModel(s, small, TODAY));
    expect(run.count, run.queries.join('\n')).toBeLessThanOrEqual(MAX_QUERIES);
    expect(run.count).toBe(few.count);

    const vm = run.result;
    expect(vm.rows).toHaveLength(499);
    expect(vm.subtitle).toContain('共499人');
    expect(vm.rows[0]).toMatchObject({ name: leaderName, remark: '组长' });
    expect(vm.rows.map((r) => r.name)).not.toContain(deletedName);
    expect(vm.rows.filter((r) => r.education === '中央党校研究生').length).toBeGreaterThan(0);
    expect(vm).toEqual(await rosterTheSlowWay(big));
    expect(few.result).toEqual(await rosterTheSlowWay(small));
  });
});

describe('工作实绩及考核汇总表', () => {
  it(`reads a 500-member batch in at most ${MAX_QUERIES} queries, as many as a 3-member one`, async () => {
    const run = await withQueryCount(s, () => buildSummaryViewModel(s, big, TODAY));
    const few = await withQueryCount(s, () => buildSummaryViewModel(s, small, TODAY));
    expect(run.count, run.queries.join('\n')).toBeLessThanOrEqual(MAX_QUERIES);
    expect(run.count).toBe(few.count);

    const vm = run.result;
    expect(vm.rows).toHaveLength(499);
    expect(vm.rows[0].name).toBe(leaderName);
    // 签约资金合计: the 招商引资 amounts of the members whose files are not in the recycle bin, summed by the database.
    const [{ total }] = await rawQuery(s.db.manager, 
      `SELECT SUM(r.amount) AS total FROM work_result r JOIN posting p ON p.id = r.posting_id JOIN cadre c ON c.id = p.cadre_id
       WHERE p.batch_id = ? AND r.category = '招商引资' AND c.deleted_at IS NULL`,
      [big],
    );
    expect(total).toBeGreaterThan(0);
    expect(vm.totals[0]).toBe(formatWan(Math.round(total * 10_000) / 10_000));
    expect(vm.rows.filter((r) => r.stage !== '未评价')).toHaveLength(3);
    expect(vm.rows.filter((r) => r.annual.length > 0).length).toBeGreaterThan(0);
    expect(vm.rows.some((r) => r.onPostRatio && r.onPostRatio !== '100.0%')).toBe(true);
    expect(vm).toEqual(await summaryTheSlowWay(big));
    expect(few.result).toEqual(await summaryTheSlowWay(small));
  });
});
