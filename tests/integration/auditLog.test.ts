import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/api/handlers';
import { ledgerKeyPath } from '../../electron/archive/ledgerKey';
import { ENTITIES } from '../../electron/db/entities';
import { MIGRATIONS } from '../../electron/db/migrations';
import { sqlite as sqlite3 } from '../../electron/db/sqliteDriver';
import { AppServices } from '../../electron/services/AppServices';
import { AuditReader } from '../../electron/services/AuditReader';
import { AuditListQuerySchema } from '../../shared/channels/audit';
import { refusalMessage, saveDemoCadres } from '../helpers/refusal';
import { runCli } from '../helpers/runCli';
import { tamper } from '../helpers/tamper';
import { tempServices, testCtx } from '../helpers/tempServices';
import { openServices } from '../helpers/testDb';

type Env = Awaited<ReturnType<typeof tempServices>>;
let env: Env;
beforeEach(async () => {
  env = await tempServices();
});
afterEach(async () => {
  await env.cleanup();
});

/** A cadre created, edited, sent to the recycle bin and back; a batch with that cadre as 组长: about ten entries. */
async function normalUse(s: AppServices) {
  const [a, b] = await saveDemoCadres(s, 2);
  const cadre = await s.cadres.get(a);
  await s.cadres.save(testCtx, { ...cadre, phone: '13900000000' }, a);
  await s.cadres.remove(testCtx, b);
  await s.cadres.restore(testCtx, b);
  const input = { name: '安康市第7批赴常州挂职干部', type: '东西部协作/对口支援', direction: '派出', startDate: '2025.12.01', endDate: '2026.11.30' } as const;
  const batch = await s.batches.save(testCtx, input);
  await s.batches.addMembers(testCtx, { batchId: batch.id, cadreIds: [a] });
  await s.batches.save(testCtx, { ...input, leaderId: a }, batch.id);
  return { a, b, name: cadre.name, batchId: batch.id };
}

const verifyCli = (file: string) => {
  const r = runCli(['--db', file, '--json', 'verify']);
  return { status: r.status, report: JSON.parse(r.stdout), stderr: r.stderr };
};
const audit = (s: AppServices, sql: string) => s.db.manager.query(sql);

describe('the audit log is append-only and verifiable', () => {
  it('numbers and chains every entry; after normal use the chain and its signed head verify', async () => {
    await normalUse(env.s);
    const rows = await audit(env.s, `SELECT seq, prev_hash, entry_hash FROM audit_log ORDER BY id`);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.map((r: { seq: number }) => r.seq)).toEqual(rows.map((_: unknown, i: number) => i + 1));
    rows.forEach((r: { prev_hash: string }, i: number) => expect(r.prev_hash).toBe(i ? rows[i - 1].entry_hash : ''));
    const report = await env.s.archives.verify();
    expect(report.audit).toEqual({ ok: true, entries: rows.length, problems: [] });
    expect(report.ok).toBe(true);
  });

  it('the database refuses UPDATE and DELETE of an entry, even through the application’s own writer', async () => {
    await normalUse(env.s);
    expect(await refusalMessage(env.s.db.write((m) => m.query(`UPDATE audit_log SET actor = '别人' WHERE seq = 1`)))).toBe('操作日志只能追加，不能修改或删除');
    expect(await refusalMessage(env.s.db.write((m) => m.query(`DELETE FROM audit_log WHERE seq = 2`)))).toBe('操作日志只能追加，不能修改或删除');
    expect((await env.s.archives.verify()).audit.ok).toBe(true);
  });

  describe('verify finds tampering with the file (service and CLI)', () => {
    it('an entry deleted from the middle', async () => {
      await normalUse(env.s);
      await tamper(env.s.dbFile, `DELETE FROM audit_log WHERE seq = 3`);
      const problems = (await env.s.archives.verify()).audit.problems.map((p) => p.message);
      expect(problems).toContain('操作日志第 3 条缺失（被删除）');
      const { status, report, stderr } = verifyCli(env.s.dbFile);
      expect(status).toBe(1);
      expect(report.ok).toBe(false);
      expect(report.audit.problems.map((p: { message: string }) => p.message)).toContain('操作日志第 3 条缺失（被删除）');
      expect(stderr).toContain('操作日志有问题：操作日志第 3 条缺失（被删除）');
    });

    it('an entry edited (who did it), and one re-hashed without the key: the next entry or the head gives it away', async () => {
      await normalUse(env.s);
      await tamper(env.s.dbFile, `UPDATE audit_log SET actor = '别人' WHERE seq = 2`);
      let { status, report } = verifyCli(env.s.dbFile);
      expect(status).toBe(1);
      expect(report.audit.problems).toEqual([expect.objectContaining({ seq: 2, message: expect.stringMatching(/^操作日志第 2 条（.* 别人 .*）的内容被修改$/) })]);
      // The same edit with its hash recomputed (the chain is public): the following entry no longer links.
      await tamper(env.s.dbFile, `UPDATE audit_log SET entry_hash = 'x' WHERE seq = 2`);
      ({ report } = verifyCli(env.s.dbFile));
      expect(report.audit.problems.map((p: { seq: number }) => p.seq)).toEqual([2, 3]);
    });

    it('the tail cut off (the last entries deleted): the signed head still names them', async () => {
      await normalUse(env.s);
      const [{ n }] = await audit(env.s, `SELECT MAX(seq) AS n FROM audit_log`);
      await tamper(env.s.dbFile, `DELETE FROM audit_log WHERE seq >= ${n - 1}`);
      const { status, report } = verifyCli(env.s.dbFile);
      expect(status).toBe(1);
      expect(report.audit).toMatchObject({ ok: false, entries: n - 2, problems: [{ seq: n, message: `操作日志末尾的第 ${n - 1}—${n} 条被删除` }] });
      // Moving the head back too needs the key: its signature no longer matches.
      await tamper(env.s.dbFile, `UPDATE archive_ledger_head SET seq = ${n - 2}, entry_hash = (SELECT entry_hash FROM audit_log WHERE seq = ${n - 2}) WHERE id = 2`);
      expect((await env.s.archives.verify()).audit.problems.map((p) => p.message)).toEqual(['操作日志头的签名不符：操作日志在本系统之外被改动']);
    });

    it('the whole log and its head removed, the key kept: reported at open and after, not signed afresh', async () => {
      await normalUse(env.s);
      await env.s.close();
      await tamper(env.s.dbFile, `DELETE FROM audit_log`, `DELETE FROM archive_ledger_head WHERE id = 2`);
      const reopened = await openServices(env.s.dbFile);
      try {
        expect((await reopened.archives.verify()).audit.problems.map((p) => p.message)).toEqual(['操作日志头缺失：操作日志被删除或改动']);
      } finally {
        await reopened.close();
      }
    });
  });

  it('a database from before 0008 gets its entries chained in insertion order, signed at first open', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-desk-audit-')), 'old.db');
    const upTo = MIGRATIONS.findIndex((M) => new M().name.endsWith('0006')) + 1;
    const ds = new DataSource({ type: 'sqlite', driver: sqlite3, database: file, entities: ENTITIES, migrations: MIGRATIONS.slice(0, upTo) });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    // ids with a gap: the chain follows the insertion order, numbered 1, 2, 3.
    await ds.query(`INSERT INTO audit_log (id, at, actor, entity_type, entity_id, action, changes, note) VALUES
      (1, '2025-01-01T01:00:00.000Z', '张三', 'cadre', '1', '新建', '{"name":[null,"王晓峰"]}', ''),
      (5, '2025-01-02T01:00:00.000Z', '李四', 'cadre', '1', '修改', '{"phone":["","139"]}', '电话'),
      (6, '2025-01-03T01:00:00.000Z', '张三', 'batch', '2', '删除', '{not json', '')`);
    await ds.destroy();
    expect(fs.existsSync(ledgerKeyPath(file))).toBe(false);
    const s = await AppServices.open(file);
    try {
      expect(await s.db.manager.query(`SELECT id, seq FROM audit_log ORDER BY id`)).toEqual([{ id: 1, seq: 1 }, { id: 5, seq: 2 }, { id: 6, seq: 3 }]);
      expect((await s.archives.verify()).audit).toEqual({ ok: true, entries: 3, problems: [] });
      // New entries continue the chain (and the AUTOINCREMENT counter).
      await saveDemoCadres(s, 1);
      expect((await s.db.manager.query(`SELECT id, seq FROM audit_log ORDER BY id DESC LIMIT 1`))[0]).toEqual({ id: 7, seq: 4 });
      expect((await s.archives.verify()).audit).toMatchObject({ ok: true, entries: 4 });
      const [first] = (await new AuditReader(s.db).list(AuditListQuerySchema.parse({ action: '删除' }))).items;
      expect(first).toMatchObject({ object: '批次 #2', changes: [] });
    } finally {
      await s.close();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});

describe('the audit-log viewer (audit:list, audit:export)', () => {
  const list = (input: Record<string, unknown> = {}) => createHandlers(env.s)['audit:list'](AuditListQuerySchema.parse(input), { actor: '测试员', mode: 'browser' });

  it('newest first, with Chinese labels, names instead of ids, the recycle bin in words and the object named', async () => {
    const f = await normalUse(env.s);
    const page = await list();
    const [leader, members] = page.items;
    expect(leader).toMatchObject({ action: '修改', entityTypeLabel: '批次', object: '批次“安康市第7批赴常州挂职干部”', actor: '测试员' });
    expect(leader.changes).toEqual([{ field: 'leaderId', label: '组长', before: '', after: f.name }]);
    expect(members.changes).toEqual([{ field: 'members', label: '成员', before: '', after: f.name }]);
    const restored = page.items.find((i) => i.action === '从回收站恢复')!;
    const removed = page.items.find((i) => i.action === '移入回收站')!;
    expect(restored.changes).toEqual([{ field: 'deletedAt', label: '回收站', before: '', after: '从回收站恢复' }]);
    expect(removed.changes).toEqual([{ field: 'deletedAt', label: '回收站', before: '', after: '移入回收站' }]);
    const edited = page.items.find((i) => i.action === '修改' && i.entityType === 'cadre')!;
    expect(edited).toMatchObject({ object: `干部档案“${f.name}”`, changes: [{ field: 'phone', label: '联系电话', after: '13900000000' }] });
    // A new cadre: no internal keys (pinyin, sort key, ids) among its fields.
    const created = page.items.find((i) => i.action === '新建' && i.entityType === 'cadre')!;
    expect(created.changes.map((c) => c.label)).toContain('姓名');
    expect(created.changes.map((c) => c.field).filter((k) => ['namePinyin', 'nameInitials', 'sortKey', 'id'].includes(k))).toEqual([]);
    expect(page.items.map((i) => i.seq)).toEqual([...page.items.map((i) => i.seq)].sort((a, b) => b - a));
    expect(page.total).toBe(page.items.length);
  });

  it('filters by user, date range, object type, action and note text; pages; counts', async () => {
    await normalUse(env.s);
    await env.s.db.write((m) => env.s.audit.record(m, { actor: '李科长' }, { entityType: 'setting', entityId: 'x', action: '修改', note: '备份保留份数调整' }));
    const all = await list();
    expect((await list({ actor: '李科长' })).items.map((i) => i.note)).toEqual(['备份保留份数调整']);
    expect((await list({ query: '保留份数' })).total).toBe(1);
    expect((await list({ query: '%' })).total).toBe(0);
    expect((await list({ entityType: 'batch' })).items.every((i) => i.entityType === 'batch')).toBe(true);
    expect((await list({ entityType: 'batch' })).total).toBe(3);
    expect((await list({ action: '移入回收站' })).total).toBe(1);
    const today = new Date();
    const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect((await list({ startDate: day(today), endDate: day(today) })).total).toBe(all.total);
    const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
    expect((await list({ startDate: day(tomorrow) })).total).toBe(0);
    const p1 = await list({ pageSize: 3 });
    const p2 = await list({ pageSize: 3, page: 2 });
    expect(p1).toMatchObject({ total: all.total, page: 1, pageSize: 3 });
    expect([...p1.items, ...p2.items].map((i) => i.id)).toEqual(all.items.slice(0, 6).map((i) => i.id));
    expect(() => AuditListQuerySchema.parse({ pageSize: 201 })).toThrow(/不能超过200/);
    expect(() => AuditListQuerySchema.parse({ startDate: '2025-02-01', endDate: '2025-01-01' })).toThrow(/开始日期不能晚于结束日期/);
  });

  it('exports the filtered entries as .xlsx rows', async () => {
    const f = await normalUse(env.s);
    const out = await createHandlers(env.s)['audit:export']({ actor: '', startDate: '', endDate: '', entityType: 'batch', action: '', query: '' }, { actor: '测试员', mode: 'browser' });
    expect(out.fileName).toMatch(/^操作日志_\d{8}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.base64, 'base64') as never);
    const ws = wb.getWorksheet('操作日志')!;
    const rows = ws.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['序号', '时间', '操作人', '对象类型', '对象', '操作', '变更内容', '说明']);
    expect(rows).toHaveLength(1 + 3);
    expect(out.count).toBe(3);
    expect(rows[1].slice(2, 7)).toEqual(['测试员', '批次', '批次“安康市第7批赴常州挂职干部”', '修改', `组长：（空） → ${f.name}`]);
  });
});
