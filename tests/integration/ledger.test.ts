import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkResultInput } from '../../shared/ledger';
import { createHandlers } from '../../electron/api/handlers';
import { dispatch } from '../../electron/api/dispatch';
import { demoCadres } from '../../electron/demo/demoCadres';
import type { AppServices } from '../../electron/services/AppServices';
import { refusal, saveDemoCadres } from '../helpers/refusal';
import { tempServices, testCtx } from '../helpers/tempServices';
import { rawQuery } from '../helpers/testDb';

let s: AppServices;
let dir: string;
let cleanup: () => Promise<void>;
let ids: number[];
let batchId: number;
/** Batch postings of ids[0] and ids[1] (2025.12.01–2026.11.30), and ids[0]'s earlier posting outside the batch. */
let p0: number;
let p1: number;
let earlier: number;

const result = (over: Partial<WorkResultInput>): WorkResultInput => ({
  postingId: p0,
  category: '招商引资',
  title: '签约项目',
  date: '2026.05.20',
  ...over,
});

beforeEach(async () => {
  ({ s, dir, cleanup } = await tempServices());
  ids = await saveDemoCadres(s, 3);
  batchId = (await s.batches.save(testCtx, { name: '安康市第7批赴常州挂职干部', type: '东西部协作/对口支援', direction: '派出', startDate: '2025.12.01', endDate: '2026.11.30' })).id;
  const added = await s.batches.addMembers(testCtx, { batchId, cadreIds: [ids[0], ids[1]], defaults: { status: '在岗', hostUnit: '常州市武进区商务局' } });
  p0 = added.added.find((a) => a.cadreId === ids[0])!.postingId;
  p1 = added.added.find((a) => a.cadreId === ids[1])!.postingId;
  earlier = (await s.postings.save(testCtx, { cadreId: ids[0], direction: '派出', hostUnit: '汉阴县', startDate: '2024.03.01', plannedEndDate: '2025.02.28', status: '期满' })).id;
});
afterEach(() => cleanup());

describe('the work-results ledger', () => {
  it('totals amounts per category and quantities per unit, per posting, per cadre and per batch', async () => {
    await s.ledger.save(testCtx, result({ title: '智能装备生产基地项目签约', amount: 4000 }));
    await s.ledger.save(testCtx, result({ title: '新材料项目签约', amount: 1234.5 }));
    await s.ledger.save(testCtx, result({ category: '消费帮扶', title: '消费帮扶馆开馆', amount: 0.1, quantity: 1, quantityUnit: '家' }));
    await s.ledger.save(testCtx, result({ category: '消费帮扶', title: '年货节展销', amount: 0.2, quantity: 2, quantityUnit: '家' }));
    await s.ledger.save(testCtx, result({ category: '其他', title: '转接党员组织关系', quantity: 120, quantityUnit: '人次' }));
    await s.ledger.save(testCtx, result({ category: '活动组织', title: '农特产品推介活动', quantity: 18, quantityUnit: '场' }));
    await s.ledger.save(testCtx, result({ postingId: p1, category: '招商引资', title: '文旅项目签约', amount: 800 }));
    await s.ledger.save(testCtx, result({ postingId: p1, category: '调研报告', title: '调研报告', quantity: 3, quantityUnit: '篇' }));
    await s.ledger.save(testCtx, result({ postingId: earlier, category: '招商引资', title: '早年签约', date: '2024.06.01', amount: 100 }));

    const posting = await s.ledger.totals({ scope: 'posting', id: p0 });
    expect(posting.count).toBe(6);
    expect(posting.amount).toBe(5234.8);
    expect(posting.byCategory).toEqual([
      { category: '招商引资', amountLabel: '签约资金', count: 2, amount: 5234.5, quantities: [] },
      { category: '消费帮扶', amountLabel: '销售额', count: 2, amount: 0.3, quantities: [{ unit: '家', quantity: 3 }] },
      { category: '活动组织', amountLabel: '金额', count: 1, amount: null, quantities: [{ unit: '场', quantity: 18 }] },
      { category: '其他', amountLabel: '金额', count: 1, amount: null, quantities: [{ unit: '人次', quantity: 120 }] },
    ]);
    const cadre = await s.ledger.totals({ scope: 'cadre', id: ids[0] });
    expect(cadre.count).toBe(7);
    expect(cadre.byCategory[0]).toMatchObject({ category: '招商引资', count: 3, amount: 5334.5 });
    const batch = await s.ledger.totals({ scope: 'batch', id: batchId });
    expect(batch.count).toBe(8);
    expect(batch.amount).toBe(6034.8);
    expect(batch.byCategory.map((c) => [c.category, c.count, c.amount])).toEqual([
      ['招商引资', 3, 6034.5],
      ['消费帮扶', 2, 0.3],
      ['调研报告', 1, null],
      ['活动组织', 1, null],
      ['其他', 1, null],
    ]);

    const list = await s.ledger.list({ scope: 'batch', id: batchId, category: '招商引资' });
    // Newest first: same day, so the later entry first.
    expect(list.items.map((i) => [i.cadreName, i.title])).toEqual([
      ['刘思源', '文旅项目签约'],
      ['李明远', '新材料项目签约'],
      ['李明远', '智能装备生产基地项目签约'],
    ]);
    expect(list.totals.count).toBe(3);
    expect(list.totals.byCategory).toHaveLength(1);
    expect(list.totals.amount).toBe(6034.5);
  });

  it('keeps quantities of different units apart within a category', async () => {
    await s.ledger.save(testCtx, result({ category: '活动组织', title: '推介会', quantity: 18, quantityUnit: '场' }));
    await s.ledger.save(testCtx, result({ category: '活动组织', title: '培训', quantity: 300, quantityUnit: '人次' }));
    await s.ledger.save(testCtx, result({ category: '活动组织', title: '推介会（二）', quantity: 2, quantityUnit: '场' }));
    const t = await s.ledger.totals({ scope: 'posting', id: p0 });
    // Units in pinyin order (场 chang, 人次 ren).
    expect(t.byCategory[0].quantities).toEqual([
      { unit: '场', quantity: 20 },
      { unit: '人次', quantity: 300 },
    ]);
  });

  it('validates entries and keeps corrections in the history', async () => {
    expect((await refusal(s.ledger.save(testCtx, result({ amount: -5 })))).message).toBe('金额（万元）：不能为负数');
    expect((await refusal(s.ledger.save(testCtx, result({ quantity: 120 })))).message).toBe('数量单位：填写数量时须填写单位（如 人次、场、篇）');
    expect((await refusal(s.ledger.save(testCtx, result({ amount: 1.00001 })))).message).toContain('最多保留4位小数');
    expect((await refusal(s.ledger.save(testCtx, result({ category: '捐款' as never })))).message).toContain('类别：应为招商引资、消费帮扶');
    expect((await refusal(s.ledger.save(testCtx, result({ date: '2026.12.01' })))).message).toBe('日期：2026.12.01 不在挂职期间（挂职期间为 2025.12.01—2026.11.30）');
    const r = await s.ledger.save(testCtx, result({ amount: 4000 }));
    const fixed = await s.ledger.save(testCtx, result({ amount: 4200, description: '含二期' }), r.id);
    expect(fixed).toMatchObject({ amount: 4200, description: '含二期', cadreName: '李明远' });
    expect((await s.ledger.history(r.id))[0].changes).toEqual({ amount: [4000, 4200], description: [null, '含二期'] });
  });
});

describe('evidence files', () => {
  const pdf = Buffer.from('%PDF-1.4\n% 签约协议扫描件\n1 0 obj << >> endobj\n%%EOF\n');
  const sha = crypto.createHash('sha256').update(pdf).digest('hex');

  it('are copied into the data folder under their SHA-256, stored once, opened by path and downloaded as base64', async () => {
    const r = await s.ledger.save(testCtx, result({ amount: 4000 }));
    const other = await s.ledger.save(testCtx, result({ title: '另一项目', amount: 10 }));
    const e = await s.ledger.addEvidence(testCtx, { resultId: r.id, fileName: 'C:\\扫描\\签约协议.PDF', base64: pdf.toString('base64') });
    expect(e).toMatchObject({ resultId: r.id, fileName: '签约协议.PDF', size: pdf.length, sha256: sha });
    const stored = path.join(dir, 'cadre.db.evidence', sha.slice(0, 2), `${sha}.pdf`);
    expect(fs.readFileSync(stored)).toEqual(pdf);
    const same = await s.ledger.addEvidence(testCtx, { resultId: other.id, fileName: '协议副本.pdf', base64: pdf.toString('base64') });
    expect(fs.readdirSync(path.join(dir, 'cadre.db.evidence', sha.slice(0, 2)))).toEqual([`${sha}.pdf`]);

    expect(await s.ledger.evidencePath(e.id)).toEqual({ path: stored, fileName: '签约协议.PDF' });
    expect(path.isAbsolute((await s.ledger.evidencePath(e.id)).path)).toBe(true);
    expect(await s.ledger.evidenceContent(e.id)).toEqual({ fileName: '签约协议.PDF', base64: pdf.toString('base64') });
    expect((await s.ledger.list({ scope: 'posting', id: p0 })).items.find((i) => i.id === r.id)!.evidence.map((x) => x.fileName)).toEqual(['签约协议.PDF']);

    // Removing one of two uses keeps the file; removing the last one deletes it.
    await s.ledger.removeEvidence(testCtx, e.id);
    expect(fs.existsSync(stored)).toBe(true);
    await s.ledger.remove(testCtx, other.id);
    expect(fs.existsSync(stored)).toBe(false);
    expect(await rawQuery(s.db.manager, `SELECT id FROM evidence_file WHERE id = ?`, [same.id])).toEqual([]);
    const history = await s.ledger.history(r.id);
    expect(history.map((h) => h.action)).toEqual(['删除证据文件', '添加证据文件', '新建']);
  });

  it('refuses programs and scripts by name or content, empty and oversize files, and notices a changed file', async () => {
    const r = await s.ledger.save(testCtx, result({ amount: 1 }));
    const add = (fileName: string, bytes: Buffer) => s.ledger.addEvidence(testCtx, { resultId: r.id, fileName, base64: bytes.toString('base64') });
    for (const name of ['setup.exe', 'run.BAT', 'x.cmd', 'a.js', 'b.vbs', 'c.ps1', 'd.sh'])
      expect((await refusal(add(name, pdf))).message).toBe(
        `证据文件：不能上传“${name}”（.${name.split('.').pop()!.toLowerCase()} 文件）。只能上传 PDF、Word（.doc .docx）、Excel（.xls .xlsx）、WPS（.wps .et）、OFD、图片（.jpg .png）、文本（.txt）`,
      );
    expect((await refusal(add('照片.jpg', Buffer.from('MZ\x90\x00 this is a program')))).message).toBe('证据文件：“照片.jpg”的内容是可执行程序或脚本，不能上传');
    expect((await refusal(add('说明.txt', Buffer.from('#!/bin/sh\nrm -rf /\n')))).message).toContain('内容是可执行程序或脚本');
    expect((await refusal(add('空.pdf', Buffer.alloc(0)))).message).toBe('证据文件：“空.pdf”是空文件');
    expect((await refusal(add('大.pdf', Buffer.alloc(20 * 1024 * 1024 + 1, 0x25)))).message).toContain('超过20 MB');
    const root = path.join(dir, 'cadre.db.evidence');
    expect(fs.existsSync(root) ? fs.readdirSync(root) : []).toEqual([]);

    const e = await add('协议.pdf', pdf);
    const stored = (await s.ledger.evidencePath(e.id)).path;
    fs.writeFileSync(stored, Buffer.from('tampered'));
    expect((await refusal(s.ledger.evidenceContent(e.id))).message).toContain('SHA-256 校验失败');
    // A changed file is not handed to the system viewer either.
    expect((await refusal(s.ledger.evidencePath(e.id))).message).toContain('SHA-256 校验失败');
    fs.rmSync(stored);
    expect((await refusal(s.ledger.evidencePath(e.id))).message).toContain('已不在数据文件夹中');
  });

  it('go through the channels with the file as base64', async () => {
    const h = createHandlers(s);
    const ctx = { ...testCtx, mode: 'browser' as const };
    const saved = await dispatch(h, 'ledger:save', { data: result({ amount: 4000 }) }, ctx);
    const resultId = (saved as { ok: true; result: { id: number } }).result.id;
    const added = await dispatch(h, 'evidence:add', { resultId, fileName: '协议.pdf', base64: pdf.toString('base64') }, ctx);
    expect(added).toMatchObject({ ok: true, result: { sha256: sha } });
    const id = (added as { ok: true; result: { id: number } }).result.id;
    expect(await dispatch(h, 'evidence:get', { id }, ctx)).toEqual({ ok: true, result: { fileName: '协议.pdf', base64: pdf.toString('base64') } });
    expect(await dispatch(h, 'evidence:add', { resultId, fileName: '木马.exe', base64: pdf.toString('base64') }, ctx)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/^证据文件：不能上传“木马\.exe”（\.exe 文件）。只能上传 PDF/) },
    });
    expect(await dispatch(h, 'ledger:totals', { scope: 'batch', id: batchId }, ctx)).toMatchObject({ ok: true, result: { count: 1, amount: 4000 } });
    expect(await dispatch(h, 'ledger:delete', { id: resultId }, ctx)).toEqual({ ok: true, result: { ok: true } });
  });
});
