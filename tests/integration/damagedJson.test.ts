import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CadreInputSchema, parseResume } from '../../shared/cadre';
import { demoCadres } from '../../electron/demo/demoCadres';
import type { AppServices } from '../../electron/services/AppServices';
import { parseEvidenceLinks, parseStages } from '../../electron/services/storedJson';
import { growthBatch } from '../helpers/growthFixtures';
import { tamper } from '../helpers/tamper';
import { tempServices, testCtx } from '../helpers/tempServices';
import { rawQuery } from '../helpers/testDb';

/**
 * Every JSON column holding text that is not JSON at all (a damaged file, a hand edit): each screen that reads it
 * still opens, with that column's defaults. The text is written with plain SQL on the writer connection, as a
 * SQLite tool would.
 */
let s: AppServices;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ s, cleanup } = await tempServices()));
afterEach(() => cleanup());

const BROKEN = '{"not json';
const damage = (table: string, columns: string[], id: number) =>
  rawQuery(s.db.dataSource, `UPDATE "${table}" SET ${columns.map((c) => `"${c}" = ?`).join(', ')} WHERE "id" = ?`, [...columns.map(() => BROKEN), id]);

describe('JSON columns whose text is not JSON', () => {
  let ids: { batchId: number; cadreId: number; postingId: number; recordId: number; evaluationId: number; draftId: number };
  beforeEach(async () => {
    const { batchId, cadreIds, postings } = await growthBatch(s, 1);
    const [cadreId] = cadreIds;
    const [postingId] = postings;
    const record = await s.assessments.save(testCtx, 'quarterly', { postingId, quarter: 1, selfSummary: '融入', grade: '好', score: 90 });
    const evaluation = await s.growth.save(testCtx, { postingId, period: '第一季度', narratives: { 学习者: '融入快' } });
    const active = await s.growthTemplates.active();
    // A draft version: the same columns as an active one, and nothing refuses its edit.
    const draft = await s.growthTemplates.save(testCtx, { ...active, basedOnId: active.id });
    ids = { batchId, cadreId, postingId, recordId: record.id, evaluationId: evaluation.id, draftId: draft.id };

    await damage('cadre', ['resume', 'family', 'tags'], cadreId);
    // The audit log refuses UPDATE (migration 0008): damaged with another tool, as it would be.
    await tamper(s.dbFile, `UPDATE "audit_log" SET "changes" = '${BROKEN}' WHERE "entity_type" = 'cadre' AND "entity_id" = '${cadreId}'`);
    await damage('batch', ['themes'], batchId);
    await damage('assessment_record', ['data'], record.id);
    await damage('growth_evaluation', ['ratings', 'narratives', 'evidence'], evaluation.id);
    await damage('growth_template', ['rater_weights', 'stages'], draft.id);
  });

  it('the cadre file opens with an empty 简历, family and tags', async () => {
    const cadre = await s.cadres.get(ids.cadreId);
    expect([cadre.resume, cadre.family, cadre.tags]).toEqual([[], [], []]);
  });

  it('the cadre history lists its entries without changes', async () => {
    const history = await s.cadres.history(ids.cadreId);
    expect(history.length).toBeGreaterThan(0);
    expect(history.map((h) => h.changes)).toEqual(history.map(() => ({})));
  });

  it('the batch page opens with no themes, members intact', async () => {
    const page = await s.batches.get(ids.batchId);
    expect([page.batch.themes, page.themes]).toEqual([[], []]);
    expect(page.members.map((m) => m.cadreId)).toEqual([ids.cadreId]);
  });

  it("the posting's records list the damaged record with its fields' defaults", async () => {
    const records = await s.assessments.listByPosting(ids.postingId);
    expect(records.quarterly.find((r) => r.id === ids.recordId)).toMatchObject({ quarter: 0, selfSummary: '', score: null });
  });

  it('the evaluation opens with no ratings, narratives or evidence', async () => {
    const e = await s.growth.get(ids.evaluationId);
    expect(e.narratives).toEqual({ 学习者: '', 参与者: '', 践行者: '', 传递者: '' });
    expect(e.evidence).toEqual([]);
    expect(e.ratings.map((r) => r.status)).toEqual(['missing', 'missing', 'missing', 'missing']);
  });

  it('the damaged cadre file and batch themes can be saved over, which writes JSON again', async () => {
    const cadre = await s.cadres.get(ids.cadreId);
    await s.cadres.save(testCtx, { ...cadre, tags: ['援派'] }, ids.cadreId);
    await s.batches.saveThemes(testCtx, { batchId: ids.batchId, themes: [{ period: '第一季度', theme: '融入' }] });
    expect((await s.cadres.get(ids.cadreId)).tags).toEqual(['援派']);
    expect((await s.batches.get(ids.batchId)).themes).toEqual([{ period: '第一季度', theme: '融入', note: '' }]);
  });

  it('the template list and the template open with weights 0 and no stages', async () => {
    const listed = (await s.growthTemplates.list()).find((t) => t.id === ids.draftId);
    expect(listed).toMatchObject({ indicatorCount: 0, raterWeights: { 本人: 0, 挂职单位: 0, 派出单位: 0, 组织部门: 0 } });
    expect((await s.growthTemplates.get(ids.draftId)).stages).toEqual([]);
  });
});

describe('JSON columns as written', () => {
  it('hold JSON.stringify of the value, through save and through bulk insert, and read back as saved', async () => {
    const [one, two] = demoCadres().slice(0, 2).map((c) => CadreInputSchema.parse(c));
    const saved = await s.cadres.save(testCtx, one);
    const [bulkId] = await s.db.write((m) => s.cadres.createManyWith(m, testCtx, [two]));
    const stored = (id: number) => rawQuery(s.db.dataSource, `SELECT "resume", "family", "tags" FROM "cadre" WHERE "id" = ?`, [id]);
    for (const [id, input] of [[saved.id, one], [bulkId, two]] as const) {
      expect(input.resume.length).toBeGreaterThan(0);
      expect(await stored(id)).toEqual([{ resume: JSON.stringify(input.resume), family: JSON.stringify(input.family), tags: JSON.stringify(input.tags) }]);
      expect(await s.cadres.get(id)).toMatchObject({ resume: input.resume, family: input.family, tags: input.tags });
    }
    // The audit entries of the bulk insert, through the same transformer.
    const [entry] = await rawQuery(s.db.dataSource, `SELECT "changes" FROM "audit_log" WHERE "entity_type" = 'cadre' AND "entity_id" = ?`, [String(bulkId)]);
    const [history] = await s.cadres.history(bulkId);
    expect(entry.changes).toBe(JSON.stringify(history.changes));

    const { id: batchId } = await s.batches.save(testCtx, { name: '第6批', type: '东西部协作/对口支援', direction: '派出' });
    const themes = [{ period: '第一季度', theme: '融入', note: '' }];
    await s.batches.saveThemes(testCtx, { batchId, themes });
    expect(await rawQuery(s.db.dataSource, `SELECT "themes" FROM "batch" WHERE "id" = ?`, [batchId])).toEqual([{ themes: JSON.stringify(themes) }]);
  });
});

describe('array elements missing what identifies them', () => {
  it('are dropped by every array column alike (one rule for 简历 lines, evidence links, stages and indicators)', () => {
    expect(parseResume([{ text: '无起始' }, { start: '2010.01', text: '有起始' }]).map((r) => r.text)).toEqual(['有起始']);
    expect(parseEvidenceLinks([{ indicatorCode: '1.1', refKind: 'record' }, { indicatorCode: '1.2', refKind: 'record', refId: 4 }])).toEqual([
      { indicatorCode: '1.2', refKind: 'record', refId: 4, label: '', note: '' },
    ]);
    const [stage] = parseStages([{ stage: '学习者', weight: 25, indicators: [{ indicatorName: '无编号' }, { code: '1.1', weight: 25 }] }, { weight: 25 }]);
    expect(stage.indicators.map((i) => i.code)).toEqual(['1.1']);
    expect(parseStages([{ weight: 25 }])).toEqual([]);
  });
});
