import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CadreListQuery } from '../../shared/cadre';
import { AppServices } from '../../electron/services/AppServices';
import { generateCadres } from '../generate';
import { median, p95, timeRuns, type Figure, type FigureLine } from '../Figure';

const N = 10_000;
const RUNS = 200;

/** What encryption at rest costs the everyday screen: the cadre search on the same 10,000 files, before and after. */
export const encryptionFigure: Figure = {
  name: `数据加密对干部检索的影响（${N} 人）`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-bench-'));
    const s = await AppServices.open(path.join(dir, 'cadre.db'));
    try {
      await generateCadres(s, N);
      const cases: [string, CadreListQuery][] = [
        ['首页（按拼音排序）', {}],
        ['拼音首字母“lmy”', { query: 'lmy' }],
        ['单位“商务局”', { query: '商务局' }],
      ];
      const plain = new Map<string, number[]>();
      for (const [label, q] of cases) {
        await s.cadres.list(q);
        plain.set(label, await timeRuns(RUNS, () => s.cadres.list(q)));
      }
      await s.encryption.enable({ actor: 'bench' }, 'benchPass2026');
      const lines: FigureLine[] = [];
      for (const [label, q] of cases) {
        await s.cadres.list(q);
        const enc = await timeRuns(RUNS, () => s.cadres.list(q));
        const value = median(enc);
        const baseline = median(plain.get(label)!);
        lines.push({ label, value, baseline, unit: 'ms', target: '≤ 1.3× 未加密', pass: value <= baseline * 1.3, detail: `加密后 p95 ${p95(enc).toFixed(2)} ms` });
      }
      return lines;
    } finally {
      await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
