import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GrowthEvaluation } from '../../shared/growth';
import type { AppServices } from '../../electron/services/AppServices';
import { archiveHash, ARCHIVE_EVALUATION_COLUMNS, ARCHIVE_TEMPLATE_COLUMNS } from '../../electron/services/growthArchive';
import { growthBatch, refusal, stageSheet } from '../helpers/growthFixtures';
import { tamper } from '../helpers/tamper';
import { runCli } from '../helpers/runCli';
import { tempServices, testCtx } from '../helpers/tempServices';
import { rawQuery } from '../helpers/testDb';

let s: AppServices;
let dir: string;
let cleanup: () => Promise<void>;
let postings: number[];

beforeEach(async () => {
  ({ s, dir, cleanup } = await tempServices());
  ({ postings } = await growthBatch(s, 2));
});
afterEach(() => cleanup());

/** A 期满 evaluation scored by two raters and taken through 提交 → 审核 → 归档. */
async function archived(postingId: number): Promise<GrowthEvaluation> {
  const t = await s.growthTemplates.active();
  const e = await s.growth.save(testCtx, { postingId, period: '期满', narratives: { 传递者: '把经验带回家乡' }, selfSummary: '一年挂职总结' });
  await s.growth.saveRater(testCtx, { evaluationId: e.id, rater: '挂职单位', scores: stageSheet(t, [90, 85, 80, 72]) });
  await s.growth.saveRater(testCtx, { evaluationId: e.id, rater: '组织部门', scores: stageSheet(t, [88, 80, 75, 70]), comment: '同意' });
  for (const action of ['submit', 'review', 'archive'] as const) await s.growth.transition(testCtx, { id: e.id, action });
  return s.growth.get(e.id);
}

const db = () => path.join(dir, 'cadre.db');

describe('archiving the final evaluation', () => {
  it('stores the SHA-256 of the canonical form with the template version, and refuses every change after', async () => {
    const e = await archived(postings[0]);
    expect(e.state).toBe('已归档');
    expect(e.archive!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(e.result.reachedLabel).toBe('传递者');
    const [row] = await rawQuery(s.db.manager, `SELECT ${ARCHIVE_EVALUATION_COLUMNS} FROM growth_evaluation WHERE id = ?`, [e.id]);
    const [tpl] = await rawQuery(s.db.manager, `SELECT ${ARCHIVE_TEMPLATE_COLUMNS} FROM growth_template WHERE id = ?`, [e.templateId]);
    expect(archiveHash(row, tpl)).toBe(e.archive!.sha256);
    // The hash covers the template version: another threshold gives another hash.
    expect(archiveHash(row, { ...tpl, threshold: 70 })).not.toBe(e.archive!.sha256);

    const locked = '已归档的记录不能修改';
    expect((await refusal(s.growth.save(testCtx, { postingId: postings[0], period: '期满', selfSummary: '改一下' }, e.id))).message).toBe(locked);
    expect((await refusal(s.growth.saveRater(testCtx, { evaluationId: e.id, rater: '本人', scores: { '1.1': 99 } }))).message).toBe(locked);
    expect((await refusal(s.growth.remove(testCtx, e.id))).message).toBe(locked);
    expect((await refusal(s.growth.transition(testCtx, { id: e.id, action: 'reopen', reason: '想改' }))).message).toContain('已归档的记录不能再改变');
    expect((await refusal(s.postings.remove(testCtx, postings[0]))).message).toContain('成长评价 1 份');
    const after = await s.growth.get(e.id);
    expect(after.selfSummary).toBe('一年挂职总结');
    expect(after.archive).toEqual(e.archive);

    // A newer template version does not disturb it: the hash leaves out the template's status.
    const v1 = await s.growthTemplates.active();
    const { id: _id, version: _v, status: _s, usedBy: _u, createdAt: _c, updatedAt: _up, activatedAt: _a, stages, ...rest } = v1;
    const v2 = await s.growthTemplates.save(testCtx, { ...rest, basedOnId: v1.id, stages: stages.map((st) => ({ ...st, indicators: st.indicators.map(({ code: _k, ...i }) => i) })) });
    await s.growthTemplates.activate(testCtx, v2.id);
    const report = await s.archives.verify();
    expect(report).toEqual({ ok: true, integrity: 'ok', checked: 1, mismatches: [], missing: [], ledger: { ok: true, entries: 1, problems: [] }, audit: expect.objectContaining({ ok: true, problems: [] }) });
  });
});

describe('verify', () => {
  it('detects a row edited behind the application’s back, naming the record; the CLI exits non-zero', async () => {
    const e = await archived(postings[0]);
    await archived(postings[1]);
    const clean = runCli(['--db', db(), '--json', 'verify']);
    expect(clean.status).toBe(0);
    expect(JSON.parse(clean.stdout)).toEqual({ ok: true, integrity: 'ok', checked: 2, mismatches: [], missing: [], ledger: { ok: true, entries: 2, problems: [] }, audit: expect.objectContaining({ ok: true, problems: [] }) });

    // Someone raises a score in the database file directly.
    const [{ ratings }] = await rawQuery(s.db.manager, `SELECT ratings FROM growth_evaluation WHERE id = ?`, [e.id]);
    const edited = JSON.parse(ratings);
    edited['挂职单位'].scores['3.3'] = 100;
    await tamper(s.dbFile, `UPDATE growth_evaluation SET ratings = '${JSON.stringify(edited).replace(/'/g, "''")}' WHERE id = ${e.id}`);

    const report = await s.archives.verify();
    expect(report.ok).toBe(false);
    expect(report.checked).toBe(2);
    const cadre = (await s.growth.get(e.id)).posting.cadreName;
    expect(report.mismatches).toEqual([
      { kind: 'growth_evaluation', id: e.id, label: `成长评价 #${e.id}（${cadre}，期满）`, expected: e.archive!.sha256, actual: expect.stringMatching(/^[0-9a-f]{64}$/), reason: '内容与归档时不一致' },
    ]);
    expect(report.mismatches[0].actual).not.toBe(e.archive!.sha256);

    const json = runCli(['--db', db(), '--json', 'verify']);
    expect(json.status).toBe(1);
    const out = JSON.parse(json.stdout);
    expect(out).toMatchObject({ ok: false, integrity: 'ok', checked: 2 });
    expect(out.mismatches.map((x: { id: number }) => x.id)).toEqual([e.id]);
    expect(json.stderr).toContain(`归档记录与归档时不一致：成长评价 #${e.id}（${cadre}，期满）`);

    const human = runCli(['--db', db(), 'verify']);
    expect(human.status).toBe(1);
    expect(human.stdout).toContain('数据库完整性检查：正常');
    expect(human.stdout).toContain('已核对归档记录 2 份：1 份与归档时不一致');
  });

  it('catches an archived row set back to 草稿 and an edited template version', async () => {
    const a = await archived(postings[0]);
    const b = await archived(postings[1]);
    await tamper(s.dbFile, `UPDATE growth_evaluation SET state = '草稿' WHERE id = ${a.id}`);
    expect((await s.archives.verify()).mismatches.map((x) => x.id)).toEqual([a.id]);
    await tamper(s.dbFile, `UPDATE growth_template SET threshold = 50 WHERE id = ${b.templateId}`);
    expect((await s.archives.verify()).mismatches.map((x) => x.id)).toEqual([a.id, b.id]);
  });

  it('a database without archives verifies clean; a missing file is an error', () => {
    const r = runCli(['--db', db(), 'verify']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('已核对归档记录 0 份：全部一致');
    const missing = runCli(['--db', path.join(dir, 'none.db'), 'verify']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('数据库文件不存在');
  });
});
