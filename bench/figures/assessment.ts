import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppServices } from '../../electron/services/AppServices';
import { postingRecordsQueries } from '../../electron/services/AssessmentService';
import { ledgerTotalsQuery } from '../../electron/services/ResultLedgerService';
import { generateRecords } from '../generateRecords';
import { median, p95, timeRuns, type Figure, type FigureLine } from '../Figure';

const POSTINGS = 2_000;
const PER_BATCH = 50;
const RECORDS_PER_POSTING = 100; // 200,000 records
const RESULTS_PER_POSTING = 50; // 100,000 results
const RUNS = 200;

/**
 * 考核记录 and 工作实绩 at full scale: a posting's records page (`record:listByPosting`) and a batch's results totals
 * (`ledger:totals`), each against the same SQL run raw on the same connection and indexes.
 */
export const assessmentFigure: Figure = {
  name: `考核记录与工作实绩（${(POSTINGS * RECORDS_PER_POSTING).toLocaleString('en')} 条记录，${(POSTINGS * RESULTS_PER_POSTING).toLocaleString('en')} 条实绩）`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-bench-'));
    const s = await AppServices.open(path.join(dir, 'cadre.db'));
    try {
      const t0 = performance.now();
      const data = await generateRecords(s, { postings: POSTINGS, perBatch: PER_BATCH, recordsPerPosting: RECORDS_PER_POSTING, resultsPerPosting: RESULTS_PER_POSTING });
      const generated = `生成 ${data.records} 条记录、${data.steps} 条流程记录、${data.results} 条实绩，用时 ${((performance.now() - t0) / 1000).toFixed(1)} s`;
      const m = s.db.manager;
      const posting = (i: number) => data.postingIds[(i * 7919) % data.postingIds.length];
      const batch = (i: number) => data.batchIds[(i * 13) % data.batchIds.length];

      // The same three queries as the service, run as plain SQL without mapping.
      const rawPage = (id: number) =>
        Promise.all(postingRecordsQueries(id).map((q) => q.render('sqlite')).map(({ text, params }) => m.query(text, params)));
      const page = await s.assessments.listByPosting(posting(0));
      const pageSize = page.monthly.length + page.quarterly.length + page.talks.length + page.annual.length + (page.term ? 1 : 0) + page.notes.length;
      if (pageSize !== RECORDS_PER_POSTING) throw new Error(`记录页应有 ${RECORDS_PER_POSTING} 条记录，实为 ${pageSize}`);
      await rawPage(posting(0));
      const pageSvc = await timeRuns(RUNS, (i) => s.assessments.listByPosting(posting(i)));
      const pageRaw = await timeRuns(RUNS, (i) => rawPage(posting(i)));

      const totalsRawQuery = (id: number) => {
        const { text, params } = ledgerTotalsQuery({ scope: 'batch', id }).render('sqlite');
        return m.query(text, params);
      };
      const totals = await s.ledger.totals({ scope: 'batch', id: batch(0) });
      if (totals.count !== PER_BATCH * RESULTS_PER_POSTING) throw new Error(`批次实绩应有 ${PER_BATCH * RESULTS_PER_POSTING} 条，实为 ${totals.count}`);
      await totalsRawQuery(batch(0));
      const totalsSvc = await timeRuns(RUNS, (i) => s.ledger.totals({ scope: 'batch', id: batch(i) }));
      const totalsRaw = await timeRuns(RUNS, (i) => totalsRawQuery(batch(i)));


      const lines: FigureLine[] = [
        {
          label: `record:listByPosting（一段挂职的 ${RECORDS_PER_POSTING} 条记录及流程历史）`,
          value: median(pageSvc),
          baseline: median(pageRaw),
          unit: 'ms',
          target: 'p95 < 30 ms',
          pass: p95(pageSvc) < 30,
          detail: `p95 ${p95(pageSvc).toFixed(2)} ms；${generated}`,
        },
        {
          label: `ledger:totals（一个批次 ${PER_BATCH} 人、${totals.count} 条实绩的分类合计）`,
          value: median(totalsSvc),
          baseline: median(totalsRaw),
          unit: 'ms',
          target: 'p95 < 50 ms',
          pass: p95(totalsSvc) < 50,
          detail: `p95 ${p95(totalsSvc).toFixed(2)} ms，${totals.byCategory.length} 个类别`,
        },
      ];
      return lines;
    } finally {
      await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
