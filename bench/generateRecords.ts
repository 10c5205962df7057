import type { EntityManager } from 'typeorm';
import { RESULT_CATEGORIES } from '../shared/codes/assessment';
import type { AppServices } from '../electron/services/AppServices';
import { execute, sql } from '../electron/db/sql';

/**
 * A full-scale dataset for the assessment figures, written with raw multi-row INSERTs in one transaction (the
 * services would take minutes for 300,000 rows; the figures measure reading, not writing). Deterministic.
 *
 * `postings` postings in batches of `perBatch`, each posting with `recordsPerPosting` 考核记录 (monthly, quarterly,
 * annual, term, talks, notes — the workflow kinds with their state history), `resultsPerPosting` 工作实绩 and a few
 * leave entries.
 */
export interface RecordsDataset {
  postings: number;
  perBatch: number;
  recordsPerPosting: number;
  resultsPerPosting: number;
}

export interface GeneratedRecords {
  batchIds: number[];
  postingIds: number[];
  records: number;
  results: number;
  steps: number;
}

const UNITS = ['人次', '场', '篇', '家', '个'];
const STATES = ['草稿', '已提交', '已审核', '已归档'];

/** Inserts rows in chunks so that no statement binds more parameters than SQLite (or PostgreSQL) allows. */
async function insertRows(m: EntityManager, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const per = Math.floor(30_000 / columns.length);
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    await execute(m, sql`INSERT INTO ${sql.raw(table)} (${sql.raw(columns.join(','))}) VALUES ${sql.join(chunk.map((r) => sql`(${sql.list(r)})`), ',')}`);
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthOf = (k: number) => `${2025 + Math.floor(k / 12)}.${pad((k % 12) + 1)}`;

export async function generateRecords(s: AppServices, d: RecordsDataset): Promise<GeneratedRecords> {
  const now = new Date().toISOString();
  return s.db.write(async (m) => {
    const batches = Math.ceil(d.postings / d.perBatch);
    const themes = JSON.stringify(['融入', '务实', '见效', '赓续'].map((theme, i) => ({ period: `第${'一二三四'[i]}季度`, theme, note: '' })));
    await insertRows(
      m,
      'batch',
      ['name', 'type', 'direction', 'start_date', 'end_date', 'themes', 'created_at', 'updated_at'],
      Array.from({ length: batches }, (_, b) => [`基准批次${b + 1}`, '东西部协作/对口支援', '派出', '2025.01.01', '2026.12.31', themes, now, now]),
    );
    const batchIds: number[] = (await m.query(`SELECT id FROM batch WHERE name LIKE '基准批次%' ORDER BY id`)).map((r: { id: number }) => r.id);
    await insertRows(
      m,
      'cadre',
      ['name', 'gender', 'id_number', 'sort_key', 'annual_assessment', 'created_at', 'updated_at'],
      Array.from({ length: d.postings }, (_, i) => [`基准干部${i + 1}`, i % 2 ? '女' : '男', `BENCH${String(i).padStart(12, '0')}`, `jizhun ${String(i).padStart(6, '0')}`, '', now, now]),
    );
    const cadreIds: number[] = (await m.query(`SELECT id FROM cadre WHERE id_number LIKE 'BENCH%' ORDER BY id`)).map((r: { id: number }) => r.id);
    await insertRows(
      m,
      'posting',
      ['cadre_id', 'batch_id', 'direction', 'host_unit', 'host_post', 'start_date', 'planned_end_date', 'status', 'created_at', 'updated_at'],
      cadreIds.map((cid, i) => [cid, batchIds[Math.floor(i / d.perBatch)], '派出', `常州市某局${i % 37}`, '副局长（挂职）', '2025.01.01', '2026.12.31', '在岗', now, now]),
    );
    const postingIds: number[] = (
      await m.query(`SELECT p.id FROM posting p JOIN cadre c ON c.id = p.cadre_id WHERE c.id_number LIKE 'BENCH%' ORDER BY p.id`)
    ).map((r: { id: number }) => r.id);

    // Records: 24 monthly, 8 quarterly, 2 annual, 1 term, then talks and notes up to recordsPerPosting.
    let records = 0;
    let steps = 0;
    const body = '围绕招商引资和项目推进开展工作，走访企业，参加例会，协调解决推进中的具体问题，按周向工作组报告进展。';
    for (const [pi, postingId] of postingIds.entries()) {
      const rows: unknown[][] = [];
      for (let k = 0; k < 24; k++) rows.push([postingId, 'monthly', monthOf(k), '', '', JSON.stringify({ month: monthOf(k), content: body, hostComment: '工作认真。' }), now, now]);
      for (let q = 1; q <= 8; q++)
        rows.push([postingId, 'quarterly', `Q${q}`, STATES[(q + pi) % 4], '好', JSON.stringify({ quarter: q, theme: '务实', selfSummary: body, hostEvaluation: '较好', grade: '好', score: 90 }), now, now]);
      for (const year of [2025, 2026])
        rows.push([postingId, 'annual', String(year), STATES[(year + pi) % 4], '称职', JSON.stringify({ year, grade: '称职', gradeReason: '', comments: '' }), now, now]);
      const votes = { excellent: 20 + (pi % 10), competent: 8, basic: 1, incompetent: 0, abstain: pi % 3 };
      rows.push([postingId, 'term', '', STATES[pi % 4], '优秀', JSON.stringify({ assessmentDate: '', selfSummary: body, votes, hostOpinion: '同意', dispatchOpinion: '同意', orgOpinion: '同意', finalGrade: '优秀' }), now, now]);
      for (let k = rows.length; k < d.recordsPerPosting; k++) {
        const date = `${2025 + (k % 2)}.${pad((k % 12) + 1)}.${pad((k % 28) + 1)}`;
        rows.push(
          k % 2
            ? [postingId, 'talk', date, '', '', JSON.stringify({ date, talker: '政治辅导员', content: body, followUp: '跟进' }), now, now]
            : [postingId, 'note', date, '', '', JSON.stringify({ date, source: '挂职单位同事', content: '工作扎实，口碑好。' }), now, now],
        );
      }
      await insertRows(m, 'assessment_record', ['posting_id', 'kind', 'period', 'state', 'grade', 'data', 'created_at', 'updated_at'], rows);
      records += rows.length;
    }
    // The state history of the workflow records: created, then one step per state reached.
    const workflowRows: { id: number; state: string }[] = await m.query(`SELECT id, state FROM assessment_record WHERE state <> ''`);
    const stepRows: unknown[][] = [];
    for (const r of workflowRows) {
      const reached = STATES.indexOf(r.state);
      stepRows.push(['assessment_record', r.id, 'create', null, '草稿', '', 'bench', now]);
      for (let k = 1; k <= reached; k++) stepRows.push(['assessment_record', r.id, ['submit', 'review', 'archive'][k - 1], STATES[k - 1], STATES[k], '', 'bench', now]);
    }
    await insertRows(m, 'workflow_step', ['record_type', 'record_id', 'action', 'from_state', 'to_state', 'reason', 'actor', 'at'], stepRows);
    steps = stepRows.length;
    // Archived records are in the archive ledger, as the app would have entered them: the dataset verifies.
    await s.archiveLedger.appendMany(m, { actor: 'bench' }, 'assessment_record', workflowRows.filter((r) => r.state === '已归档').map((r) => r.id));

    let results = 0;
    const resultRows: unknown[][] = [];
    const leaveRows: unknown[][] = [];
    for (const [pi, postingId] of postingIds.entries()) {
      for (let k = 0; k < d.resultsPerPosting; k++) {
        const category = RESULT_CATEGORIES[(k + pi) % RESULT_CATEGORIES.length];
        const money = category === '招商引资' || category === '消费帮扶' || category === '项目建设';
        const unit = money ? '' : UNITS[k % UNITS.length];
        resultRows.push([
          postingId, category, `实绩${k + 1}`, `${2025 + (k % 2)}.${pad((k % 12) + 1)}.15`,
          money ? ((k * 37 + pi) % 5000) + 0.5 : null, money ? null : (k % 50) + 1, unit, '', now, now,
        ]);
      }
      for (let k = 0; k < 3; k++) leaveRows.push([postingId, '事假', `2025.${pad(k * 4 + 1)}.10`, `2025.${pad(k * 4 + 1)}.12`, '组长', '', now, now]);
      results += d.resultsPerPosting;
    }
    await insertRows(m, 'work_result', ['posting_id', 'category', 'title', 'date', 'amount', 'quantity', 'quantity_unit', 'description', 'created_at', 'updated_at'], resultRows);
    await insertRows(m, 'leave_entry', ['posting_id', 'leave_type', 'start_date', 'end_date', 'approved_by', 'notes', 'created_at', 'updated_at'], leaveRows);
    await m.query('ANALYZE');
    return { batchIds, postingIds, records, results, steps };
  });
}
