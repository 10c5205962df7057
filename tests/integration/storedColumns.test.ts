import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execute, sql } from '../../electron/db/sql';
import type { AppServices } from '../../electron/services/AppServices';
import { saveDemoCadres } from '../helpers/refusal';
import { tamper } from '../helpers/tamper';
import { tempServices, testCtx } from '../helpers/tempServices';

/** JSON columns as an older version (or a hand edit) left them: the screens still open and show what is valid. */
let s: AppServices;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ s, cleanup } = await tempServices()));
afterEach(() => cleanup());

const store = (q: ReturnType<typeof sql>) => s.db.write((m) => execute(m, q));

describe('stored JSON columns', () => {
  it('a batch whose themes were stored before 备注 existed, with a damaged entry, lists and opens with the valid themes', async () => {
    const b = await s.batches.save(testCtx, { name: '第6批', type: '东西部协作/对口支援', direction: '派出' });
    await store(sql`UPDATE batch SET themes = ${'[{"period":"第一季度","theme":"融入"},7,{"period":"第二季度","theme":"务实","note":"调研"}]'} WHERE id = ${b.id}`);
    expect((await s.batches.list()).map((x) => x.name)).toEqual(['第6批']);
    expect((await s.batches.get(b.id)).themes).toEqual([
      { period: '第一季度', theme: '融入', note: '' },
      { period: '第二季度', theme: '务实', note: '调研' },
    ]);
    // Saving over them diffs against what was read, not against the raw text.
    await s.batches.saveThemes(testCtx, { batchId: b.id, themes: [{ period: '第一季度', theme: '融入' }] });
    const [last] = await s.batches.history(b.id);
    expect(last.changes.themes).toEqual(['第一季度：融入；第二季度：务实', '第一季度：融入']);
  });

  it('a batch list is not failed by a batch whose themes are not JSON at all', async () => {
    const b = await s.batches.save(testCtx, { name: '第6批', type: '东西部协作/对口支援', direction: '派出' });
    await store(sql`UPDATE batch SET themes = ${'[{"period":'} WHERE id = ${b.id}`);
    expect((await s.batches.list()).map((x) => [x.name, x.memberCount])).toEqual([['第6批', 0]]);
  });

  it('a cadre file whose 简历 was stored before 兼职 existed reads with the default, in the file and in the roster export', async () => {
    const [id] = await saveDemoCadres(s, 1);
    await store(sql`UPDATE cadre SET resume = ${'[{"start":"2003.09","end":"2007.07","text":"西北大学学习"}]'}, tags = ${'["援派", 5]'} WHERE id = ${id}`);
    const c = await s.cadres.get(id);
    expect(c.resume).toEqual([{ start: '2003.09', end: '2007.07', text: '西北大学学习', concurrent: false }]);
    expect(c.tags).toEqual(['援派']);
    expect((await s.exchange.exportRoster()).count).toBe(1);
  });

  it('a damaged history line does not hide the others', async () => {
    const [id] = await saveDemoCadres(s, 1);
    await s.cadres.save(testCtx, { ...(await s.cadres.get(id)), phone: '13900000000' }, id);
    // The audit log refuses UPDATE (migration 0008): damaged with another tool, as it would be.
    await tamper(s.dbFile, `UPDATE audit_log SET changes = '{"name":"只有一个值"}' WHERE action = '新建'`);
    const history = await s.cadres.history(id);
    expect(history.map((h) => [h.action, Object.keys(h.changes)])).toEqual([
      ['修改', ['phone']],
      ['新建', []],
    ]);
  });
});
