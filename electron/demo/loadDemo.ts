import { CadreInputSchema } from '../../shared/cadre';
import type { DemoLoadResult } from '../../shared/demo';
import { conflict } from '../../shared/errors';
import { BatchEntity, CadreEntity } from '../db/entities';
import type { AppServices } from '../services/AppServices';
import type { ServiceContext } from '../services/ServiceContext';
import { demoCadres } from './demoCadres';
import { loadDemoBatches } from './demoBatches';
import { highestIds, markRowsAfter } from './demoMarks';
import type { DemoOptions } from './demoOptions';
import { loadDemoRecords } from './demoRecords';
import { loadDemoGrowth } from './demoGrowth';

export interface LoadDemoOptions extends DemoOptions {
  /** Refuse unless the database holds no file (recycle bin included) and no batch: the home page's offer. */
  onlyIfEmpty?: boolean;
}

/**
 * Fills the database with the demo dataset, all-or-nothing; files already present (same 身份证号) are left alone.
 * Every row written is registered in demo_mark, so that 清除示例数据 (clearDemo.ts) removes exactly them.
 */
export async function loadDemo(s: AppServices, ctx: ServiceContext, options: LoadDemoOptions = {}): Promise<DemoLoadResult> {
  return s.db.write(async (m) => {
    if (options.onlyIfEmpty && ((await m.count(CadreEntity)) > 0 || (await m.count(BatchEntity)) > 0))
      throw conflict('数据库中已有干部档案或批次，不能再载入示例数据：示例数据只在空数据库中提供，以免与正式档案混在一起');
    const before = await highestIds(m);
    let created = 0;
    for (const input of demoCadres()) {
      const data = CadreInputSchema.parse(input);
      if (await s.cadres.findByIdNumber(data.idNumber, m)) continue;
      await s.cadres.saveWith(m, ctx, data, undefined, '载入示例数据');
      created++;
    }
    const secondments = await loadDemoBatches(s, ctx, m);
    await loadDemoRecords(s, ctx, m, options);
    await loadDemoGrowth(s, ctx, m, options);
    await markRowsAfter(m, before);
    return { ...secondments, cadres: created + secondments.cadres };
  });
}
