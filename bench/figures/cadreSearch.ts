import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CadreListQuerySchema, type CadreListQuery } from '../../shared/cadre';
import { cadreListQueries, rowToListItem } from '../../electron/services/CadreService';
import { AppServices } from '../../electron/services/AppServices';
import { generateCadres } from '../generate';
import { median, p95, timeRuns, type Figure, type FigureLine } from '../Figure';

/** The searches a clerk makes, measured on SQLite here and on the department server (server.ts). */
export const SEARCH_CASES: readonly [string, CadreListQuery][] = [
  ['首页（无条件，按拼音排序）', {}],
  ['姓名片段“明”', { query: '明' }],
  ['拼音首字母“lmy”', { query: 'lmy' }],
  ['全拼“liu”', { query: 'liu' }],
  ['单位“商务局”', { query: '商务局' }],
  ['筛选 女 + 中共党员', { gender: '女', politicalStatus: '中共党员' }],
];

const N = 10_000;
const RUNS = 200;

/** Cadre list/search at 10,000 files: the service vs the same SQL run raw on the same connection and indexes. */
export const cadreSearchFigure: Figure = {
  name: `干部档案列表与检索（${N} 人）`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-bench-'));
    const s = await AppServices.open(path.join(dir, 'cadre.db'));
    try {
      await generateCadres(s, N);
      const m = s.db.manager;
      // The same two statements straight on the driver: no snapshot transaction, no query helper.
      const raw = async (q: CadreListQuery) => {
        const { count, page } = cadreListQueries(m, CadreListQuerySchema.parse(q));
        const c = count.render('sqlite');
        await m.query(c.text, c.params);
        const p = page.render('sqlite');
        const rows: Record<string, unknown>[] = await m.query(p.text, p.params);
        return rows.map(rowToListItem);
      };
      const cases = SEARCH_CASES;
      const lines: FigureLine[] = [];
      for (const [label, q] of cases) {
        // Warm both paths, then interleave so neither profits from order.
        await s.cadres.list(q);
        await raw(q);
        const svc = await timeRuns(RUNS, () => s.cadres.list(q));
        const base = await timeRuns(RUNS, () => raw(q));
        const value = median(svc);
        const baseline = median(base);
        lines.push({
          label,
          value,
          baseline,
          unit: 'ms',
          target: '≤ 1.5× 原始SQL，p95 < 20 ms',
          pass: value <= baseline * 1.5 && p95(svc) < 20,
          detail: `p95 ${p95(svc).toFixed(2)} ms`,
        });
      }
      return lines;
    } finally {
      await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
