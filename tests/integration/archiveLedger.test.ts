import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/api/handlers';
import { dispatch } from '../../electron/api/dispatch';
import { entryHashOf } from '../../electron/archive/ArchiveLedger';
import { headMac, ledgerKeyPath } from '../../electron/archive/ledgerKey';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { AppServices } from '../../electron/services/AppServices';
import { archiveHash, ARCHIVE_EVALUATION_COLUMNS, ARCHIVE_TEMPLATE_COLUMNS } from '../../electron/services/growthArchive';
import { postingWithRecords } from '../helpers/documentFixtures';
import { stageSheet } from '../helpers/growthFixtures';
import { refusalMessage } from '../helpers/refusal';
import { runCli } from '../helpers/runCli';
import { tamper } from '../helpers/tamper';
import { tempServices, testCtx } from '../helpers/tempServices';
import { onPostgres, openServices, rawQuery } from '../helpers/testDb';

type Env = Awaited<ReturnType<typeof tempServices>>;

/**
 * A cadre with an archived 年度考核 (优秀), an archived 第一季度 review, an archived 期满考核 and an archived 期满 growth
 * evaluation: four ledger entries.
 */
async function archivedFile(s: AppServices) {
  const idNumber = makeIdNumber('610902', '19860412', 115, '男');
  const { cadreId, postingId } = await postingWithRecords(s, {
    input: { name: '韩立新', gender: '男', birthDate: '1986.04', idNumber, workUnit: '安康市商务局', currentPosition: '科长' },
    annual: [{ year: 2026, grade: '优秀', state: '已归档' }],
    term: { selfSummary: '挂职一年，完成任务。', state: '已归档' },
  });
  const q = await s.assessments.save(testCtx, 'quarterly', { postingId, quarter: 1, selfSummary: '熟悉情况', grade: '好', score: 90 });
  for (const action of ['submit', 'review', 'archive'] as const) await s.assessments.transition(testCtx, { id: q.id, action });
  const t = await s.growthTemplates.active();
  const g = await s.growth.save(testCtx, { postingId, period: '期满', selfSummary: '一年挂职总结' });
  await s.growth.saveRater(testCtx, { evaluationId: g.id, rater: '挂职单位', scores: stageSheet(t, [90, 85, 80, 72]) });
  for (const action of ['submit', 'review', 'archive'] as const) await s.growth.transition(testCtx, { id: g.id, action });
  const records = await s.assessments.listByPosting(postingId);
  const annual = records.annual[0];
  return { cadreId, postingId, idNumber, annualId: annual.id, quarterlyId: q.id, termId: records.term!.id, growthId: g.id };
}

describe('the archive ledger', () => {
  let env: Env;
  beforeEach(async () => {
    env = await tempServices();
  });
  afterEach(async () => {
    await env.cleanup();
  });
  const q = (sql: string, p: unknown[] = []) => env.s.db.manager.query(sql, p);

  it('records each archiving, chained and signed, and a clean database verifies', async () => {
    const f = await archivedFile(env.s);
    const entries = await q(`SELECT * FROM archive_ledger ORDER BY seq`);
    expect(entries.map((e: { seq: number; record_type: string; actor: string }) => [e.seq, e.record_type, e.actor])).toEqual([
      [1, 'assessment_record', '测试员'],
      [2, 'assessment_record', '测试员'],
      [3, 'assessment_record', '测试员'],
      [4, 'growth_evaluation', '测试员'],
    ]);
    expect(entries.map((e: { record_id: number }) => e.record_id)).toEqual([f.annualId, f.termId, f.quarterlyId, f.growthId]);
    for (let i = 1; i < entries.length; i++) expect(entries[i].prev_hash).toBe(entries[i - 1].entry_hash);
    const [head] = await q(`SELECT * FROM archive_ledger_head`);
    expect(head).toMatchObject({ seq: 4, entry_hash: entries[3].entry_hash });
    expect(fs.existsSync(ledgerKeyPath(env.s.dbFile))).toBe(true);
    // The key is not in the database.
    const key = JSON.parse(fs.readFileSync(ledgerKeyPath(env.s.dbFile), 'utf8')).key as string;
    if (!onPostgres) expect(fs.readFileSync(env.s.dbFile).includes(Buffer.from(key))).toBe(false);

    const report = await env.s.archives.verify();
    expect(report).toMatchObject({ ok: true, integrity: 'ok', checked: 4, mismatches: [], missing: [], ledger: { ok: true, entries: 4, problems: [] } });
  });

  it('refuses to purge a cadre whose file holds archived records (service, API, CLI); the recycle bin still works', async () => {
    const f = await archivedFile(env.s);
    await env.s.cadres.remove(testCtx, f.cadreId);
    const message = await refusalMessage(env.s.cadres.purge(testCtx, f.cadreId));
    expect(message).toContain('“韩立新”的档案中有 4 份已归档的记录，不能彻底删除');
    expect(message).toContain('年度考核 #');
    expect(message).toContain('成长评价 #');

    const api = await dispatch(createHandlers(env.s), 'cadre:purge', { id: f.cadreId }, { ...testCtx, mode: 'browser' });
    expect(api).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('不能彻底删除') } });

    // The CLI opens database files (a server database from the CLI comes with server mode).
    if (!onPostgres) {
      const cli = runCli(['--db', env.s.dbFile, '--json', 'cadre', 'purge', f.idNumber]);
      expect(cli.status).not.toBe(0);
      expect(cli.stderr).toContain('不能彻底删除');
    }

    // Nothing went: the file is still in the recycle bin, its records are all there, and it can be restored.
    expect((await env.s.cadres.get(f.cadreId)).deletedAt).toBeTruthy();
    expect(Number((await q(`SELECT COUNT(*) AS n FROM assessment_record WHERE state = '已归档'`))[0].n)).toBe(3);
    await env.s.cadres.restore(testCtx, f.cadreId);
    expect((await env.s.cadres.get(f.cadreId)).deletedAt).toBeFalsy();
    expect((await env.s.archives.verify()).ok).toBe(true);
  });

  it('the database itself refuses to change or delete archived rows, even by a cascade', async () => {
    const f = await archivedFile(env.s);
    const w = (sql: string) => env.s.db.write((m) => m.query(sql));
    expect(await refusalMessage(w(`UPDATE assessment_record SET grade = '不称职' WHERE id = ${f.annualId}`))).toBe('已归档的考核记录不能修改');
    expect(await refusalMessage(w(`DELETE FROM growth_evaluation WHERE id = ${f.growthId}`))).toBe('已归档的成长评价不能删除');
    expect(await refusalMessage(w(`DELETE FROM cadre WHERE id = ${f.cadreId}`))).toMatch(/已归档的(考核记录|成长评价)不能删除/);
    expect(await refusalMessage(w(`DELETE FROM archive_ledger WHERE seq = 1`))).toBe('归档账本只能追加，不能修改或删除');
    expect((await env.s.archives.verify()).ok).toBe(true);
  });

  describe('verify finds every kind of tampering with the file', () => {
    const verifyCli = () => {
      const r = runCli(['--db', env.s.dbFile, '--json', 'verify']);
      return { status: r.status, report: JSON.parse(r.stdout), stderr: r.stderr };
    };

    it('an archived 年度考核 changed from 优秀 to 不称职', async () => {
      const f = await archivedFile(env.s);
      await tamper(env.s.dbFile, `UPDATE assessment_record SET grade = '不称职', data = replace(data, '优秀', '不称职') WHERE id = ${f.annualId}`);
      const { status, report, stderr } = verifyCli();
      expect(status).toBe(1);
      expect(report.ok).toBe(false);
      expect(report.mismatches).toEqual([expect.objectContaining({ kind: 'assessment_record', id: f.annualId, label: `年度考核 #${f.annualId}（韩立新，2026年）`, reason: '内容与归档时不一致' })]);
      expect(stderr).toContain(`归档记录与归档时不一致：年度考核 #${f.annualId}（韩立新，2026年）`);
    });

    it('an archived quarterly record deleted', async () => {
      const f = await archivedFile(env.s);
      await tamper(env.s.dbFile, `DELETE FROM assessment_record WHERE id = ${f.quarterlyId}`);
      const { status, report, stderr } = verifyCli();
      expect(status).toBe(1);
      expect(report.missing).toEqual([expect.objectContaining({ kind: 'assessment_record', id: f.quarterlyId, seq: 3 })]);
      expect(report.missing[0].label).toContain('季度小结');
      expect(stderr).toContain('归档记录已不存在');
      expect(report.mismatches).toEqual([]);
    });

    it('the archived 期满 growth evaluation deleted', async () => {
      const f = await archivedFile(env.s);
      await tamper(env.s.dbFile, `DELETE FROM growth_evaluation WHERE id = ${f.growthId}`);
      const { report } = verifyCli();
      expect(report.ok).toBe(false);
      expect(report.missing).toEqual([expect.objectContaining({ kind: 'growth_evaluation', id: f.growthId, label: `成长评价 #${f.growthId}（韩立新，期满）` })]);
    });

    it('an archived evaluation set back to 草稿 with its hash cleared', async () => {
      const f = await archivedFile(env.s);
      await tamper(env.s.dbFile, `UPDATE growth_evaluation SET state = '草稿', archive_hash = '', archived_at = '' WHERE id = ${f.growthId}`);
      const { report } = verifyCli();
      expect(report.mismatches).toEqual([expect.objectContaining({ kind: 'growth_evaluation', id: f.growthId, reason: '归档后状态被改为“草稿”' })]);
    });

    it('an edit re-hashed with the application’s own function, the ledger re-chained to match: the signed head gives it away', async () => {
      const f = await archivedFile(env.s);
      const m = env.s.db.manager;
      const [row] = await rawQuery(m, `SELECT ${ARCHIVE_EVALUATION_COLUMNS} FROM growth_evaluation WHERE id = ?`, [f.growthId]);
      const [tpl] = await rawQuery(m, `SELECT ${ARCHIVE_TEMPLATE_COLUMNS} FROM growth_template WHERE id = ?`, [row.template_id]);
      const edited = { ...row, self_summary: '改过的总结' };
      const forged = archiveHash(edited, tpl);
      // The forger recomputes the content hash, the entry hash and the head — everything but the key-signed MAC.
      const entries = await m.query(`SELECT * FROM archive_ledger ORDER BY seq`);
      const last = entries[3];
      const fields = { seq: last.seq, at: last.at, actor: last.actor, action: last.action, recordType: last.record_type, recordId: last.record_id, label: last.label, contentHash: '', prevHash: last.prev_hash };
      fields.contentHash = forged;
      const entryHash = entryHashOf(fields);
      await tamper(
        env.s.dbFile,
        `UPDATE growth_evaluation SET self_summary = '改过的总结', archive_hash = '${forged}' WHERE id = ${f.growthId}`,
        `UPDATE archive_ledger SET content_hash = '${forged}', entry_hash = '${entryHash}' WHERE seq = 4`,
        `UPDATE archive_ledger_head SET entry_hash = '${entryHash}', mac = '${headMac(Buffer.alloc(32), 4, entryHash)}'`,
      );
      const { status, report } = verifyCli();
      expect(status).toBe(1);
      expect(report.mismatches).toEqual([]);
      expect(report.ledger.problems).toEqual([{ seq: 4, message: '账本头的签名不符：账本头在本系统之外被改动' }]);
    });

    it('a ledger entry deleted from the middle, one edited, and the last one removed with its record', async () => {
      const f = await archivedFile(env.s);
      await tamper(env.s.dbFile, `DELETE FROM archive_ledger WHERE seq = 2`);
      let { report } = verifyCli();
      expect(report.ledger.problems.map((p: { message: string }) => p.message)).toEqual(['账本第 2 条缺失（被删除）', '账本第 3 条与前一条接不上：前面的条目被删除或修改']);

      await tamper(env.s.dbFile, `UPDATE archive_ledger SET actor = '别人' WHERE seq = 1`);
      ({ report } = verifyCli());
      expect(report.ledger.problems.map((p: { message: string }) => p.message)).toContain(`账本第 1 条（年度考核 #${f.annualId}（韩立新，2026年））的内容被修改`);

      await tamper(env.s.dbFile, `DELETE FROM archive_ledger WHERE seq = 4`, `DELETE FROM growth_evaluation WHERE id = ${f.growthId}`);
      ({ report } = verifyCli());
      expect(report.ledger.problems.map((p: { message: string }) => p.message)).toContain('账本末尾的第 4 条被删除');
      expect(report.ok).toBe(false);
    });

    it('the whole ledger and its head deleted, the key file kept: reported, not started afresh', async () => {
      await archivedFile(env.s);
      await env.s.close();
      await tamper(env.s.dbFile, `DELETE FROM archive_ledger`, `DELETE FROM archive_ledger_head`);
      const reopened = await openServices(env.s.dbFile);
      try {
        const report = await reopened.archives.verify();
        expect(report.ok).toBe(false);
        expect(report.ledger.problems.map((p) => p.message)).toContain('账本头缺失：账本被删除或改动');
        expect(report.mismatches.map((m) => m.reason)).toEqual(Array(4).fill('归档账本中没有这条记录的归档记载'));
      } finally {
        await reopened.close();
      }
    });
  });

  it('a database from before the ledger gets one on first open, with its archived records entered as 补记', async () => {
    const f = await archivedFile(env.s);
    await env.s.close();
    // As it was before migration 0006: no ledger rows, no key file.
    await tamper(env.s.dbFile, `DELETE FROM archive_ledger`, `DELETE FROM archive_ledger_head`);
    fs.rmSync(ledgerKeyPath(env.s.dbFile));
    const reopened = await openServices(env.s.dbFile);
    try {
      const entries = await reopened.db.manager.query(`SELECT action, actor, record_id FROM archive_ledger ORDER BY seq`);
      expect(entries.map((e: { action: string }) => e.action)).toEqual(['backfill', 'backfill', 'backfill', 'backfill']);
      expect(entries.map((e: { record_id: number }) => e.record_id).sort()).toEqual([f.annualId, f.termId, f.quarterlyId, f.growthId].sort());
      expect(await reopened.archives.verify()).toMatchObject({ ok: true, checked: 4 });
    } finally {
      await reopened.close();
    }
  });
});
