import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { headMac, readLedgerKey } from '../../electron/archive/ledgerKey';
import { bulkInsert } from '../../electron/db/bulkInsert';
import { ArchiveLedgerHeadEntity, AuditEntryEntity } from '../../electron/db/entities';
import { AppServices } from '../../electron/services/AppServices';
import { AUDIT_HEAD_ID, auditEntryHash } from '../../electron/services/AuditLog';
import { AuditReader, auditListQueries } from '../../electron/services/AuditReader';
import { AuditListQuerySchema } from '../../shared/channels/audit';
import { median, p95, timeRuns, type Figure, type FigureLine } from '../Figure';

const N = 100_000;
const RUNS = 60;
const ACTORS = ['张科长', '李干事', '王干事', '赵主任', '系统', '刘干事', '陈干事', '杨干事', '黄干事', '周干事'];
const TYPES = ['cadre', 'batch', 'posting', 'assessment_record', 'leave_entry', 'work_result', 'growth_evaluation', 'setting'];
const ACTIONS = ['新建', '修改', '修改', '修改', '删除', '移入回收站', '导入'];

/** 100,000 entries over a year, chained and signed as the application writes them (one transaction). */
async function fill(s: AppServices): Promise<void> {
  const t0 = Date.UTC(2025, 0, 1);
  await s.db.write(async (m) => {
    let prevHash = '';
    const rows = [];
    for (let i = 0; i < N; i++) {
      const changes = { phone: [`1390000${String(i % 10000).padStart(4, '0')}`, `1380000${String(i % 9999).padStart(4, '0')}`] as [unknown, unknown] };
      const fields = {
        seq: i + 1, at: new Date(t0 + Math.floor((i * 365 * 86_400_000) / N)).toISOString(), actor: ACTORS[i % ACTORS.length],
        entityType: TYPES[i % TYPES.length], entityId: String(1 + (i % 5000)), action: ACTIONS[i % ACTIONS.length],
        changes: JSON.stringify(changes), note: i % 97 === 0 ? `第${i}号文件调整备注` : '', prevHash,
      };
      prevHash = auditEntryHash(fields);
      rows.push({ ...fields, changes, entryHash: prevHash });
    }
    await bulkInsert(m, AuditEntryEntity, rows);
    const key = readLedgerKey(s.dbFile)!;
    await m.update(ArchiveLedgerHeadEntity, { id: AUDIT_HEAD_ID }, { seq: N, entryHash: prevHash, mac: headMac(key, N, prevHash) });
  });
}

/** 系统 → 操作日志 at 100,000 entries: audit:list's first page vs the same two statements run raw. */
export const auditLogFigure: Figure = {
  name: `操作日志查询（${N.toLocaleString('en')} 条）`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-bench-audit-'));
    const s = await AppServices.open(path.join(dir, 'cadre.db'));
    try {
      const t = performance.now();
      await fill(s);
      const fillMs = performance.now() - t;
      const tv = performance.now();
      const verified = await s.archives.verify();
      const verifyMs = performance.now() - tv;
      if (!verified.audit.ok) throw new Error(`基准数据的操作日志未通过核验：${verified.audit.problems[0]?.message}`);
      const reader = new AuditReader(s.db);
      const m = s.db.manager;
      const raw = async (input: Record<string, unknown>) => {
        const q = AuditListQuerySchema.parse(input);
        const { count, page } = auditListQueries(m, q, q.page, q.pageSize);
        const c = count.render('sqlite');
        await m.query(c.text, c.params);
        const p = page.render('sqlite');
        return m.query(p.text, p.params);
      };
      const cases: [string, Record<string, unknown>][] = [
        ['首页（无条件，最新在前）', {}],
        ['按操作人', { actor: '李干事' }],
        ['按日期范围（一个月）', { startDate: '2025-03-01', endDate: '2025-03-31' }],
        ['按对象类型', { entityType: 'batch' }],
        ['按说明文字', { query: '调整备注' }],
      ];
      const lines: FigureLine[] = [];
      for (const [label, input] of cases) {
        const q = AuditListQuerySchema.parse(input);
        await reader.list(q);
        await raw(input);
        const svc = await timeRuns(RUNS, () => reader.list(q));
        const base = await timeRuns(RUNS, () => raw(input));
        lines.push({
          label,
          value: median(svc),
          baseline: median(base),
          unit: 'ms',
          target: 'p95 < 200 ms',
          pass: p95(svc) < 200,
          detail: `p95 ${p95(svc).toFixed(2)} ms（原始SQL p95 ${p95(base).toFixed(2)} ms）`,
        });
      }
      lines[0].detail += `；写入 ${N} 条并成链 ${(fillMs / 1000).toFixed(1)} s，verify ${(verifyMs / 1000).toFixed(1)} s`;
      return lines;
    } finally {
      await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
