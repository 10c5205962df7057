import { CadreInputSchema } from '../../shared/cadre';
import type { AppServices } from '../services/AppServices';
import type { ServiceContext } from '../services/ServiceContext';
import { demoCadres } from './demoCadres';
import { loadDemoBatches } from './demoBatches';
import { loadDemoRecords } from './demoRecords';
import { loadDemoGrowth } from './demoGrowth';

/** Fills the database with the demo dataset, all-or-nothing; files already present (same 身份证号) are left alone. */
export async function loadDemo(s: AppServices, ctx: ServiceContext): Promise<{ cadres: number; batches: number; postings: number }> {
  return s.db.write(async (m) => {
    let created = 0;
    for (const input of demoCadres()) {
      const data = CadreInputSchema.parse(input);
      if (await s.cadres.findByIdNumber(data.idNumber, m)) continue;
      await s.cadres.saveWith(m, ctx, data, undefined, '载入示例数据');
      created++;
    }
    const secondments = await loadDemoBatches(s, ctx, m);
    await loadDemoRecords(s, ctx, m);
    await loadDemoGrowth(s, ctx, m);
    return { ...secondments, cadres: created + secondments.cadres };
  });
}
