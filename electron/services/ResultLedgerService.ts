import path from 'node:path';
import type { EntityManager } from 'typeorm';
import type { AuditEntry } from '../../shared/audit';
import { RESULT_AMOUNT_LABELS, RESULT_CATEGORIES, type ResultCategory } from '../../shared/codes/assessment';
import { conflict, notFound, parseOrRefuse, validationError } from '../../shared/errors';
import {
  EvidenceAddInputSchema,
  LedgerQuerySchema,
  MAX_EVIDENCE_BYTES,
  WorkResultInputSchema,
  evidenceNameRefusal,
  extensionOf,
  type CategoryTotal,
  type Evidence,
  type EvidenceAddInput,
  type LedgerQuery,
  type LedgerScope,
  type ResultLedger,
  type ResultTotals,
  type WorkResult,
  type WorkResultData,
  type WorkResultInput,
} from '../../shared/ledger';
import { effectiveEnd } from '../../shared/posting';
import { EvidenceFileEntity, WorkResultEntity } from '../db/entities';
import type { Database } from '../db/Database';
import { diffRecords, type AuditLog } from './AuditLog';
import { EvidenceStore } from './EvidenceStore';
import type { ServiceContext } from './ServiceContext';

const ENTITY = 'work_result';

/** Evidence lives next to the database, in the data folder: `<data dir>/evidence`. */
export function evidenceRootFor(dbFile: string): string {
  return path.join(path.dirname(path.resolve(dbFile)), 'evidence');
}

/** Which results a scope covers: one posting's, all of a cadre's postings', all of a batch's postings'. */
export function ledgerScopeWhere(scope: LedgerScope): string {
  if (scope === 'posting') return 'r.posting_id = ?';
  return `r.posting_id IN (SELECT id FROM posting WHERE ${scope === 'cadre' ? 'cadre_id' : 'batch_id'} = ?)`;
}

/**
 * The totals query: sums per category and quantity unit, answered from the covering index on work_result. Used by
 * the service and, unchanged, by the benchmark's raw baseline.
 */
export function ledgerTotalsSql(scope: LedgerScope): string {
  return `SELECT r.category, r.quantity_unit, COUNT(*) AS n, SUM(r.amount) AS amount, COUNT(r.amount) AS amount_n,
    SUM(r.quantity) AS quantity FROM work_result r WHERE ${ledgerScopeWhere(scope)} GROUP BY r.category, r.quantity_unit`;
}

/** Money in 万元 to 4 decimals (元), so that float sums print as entered. */
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The totals rows shaped per category (in RESULT_CATEGORIES order), quantities per unit. */
export function totalsFromRows(rows: Record<string, unknown>[]): ResultTotals {
  const byCategory = new Map<ResultCategory, CategoryTotal>();
  let count = 0;
  let amount = 0;
  for (const r of rows) {
    const category = String(r.category) as ResultCategory;
    const t = byCategory.get(category) ?? { category, amountLabel: RESULT_AMOUNT_LABELS[category] ?? '金额', count: 0, amount: null, quantities: [] };
    const n = Number(r.n);
    t.count += n;
    count += n;
    if (Number(r.amount_n) > 0) {
      t.amount = round4((t.amount ?? 0) + Number(r.amount));
      amount += Number(r.amount);
    }
    if (r.quantity != null && String(r.quantity_unit)) t.quantities.push({ unit: String(r.quantity_unit), quantity: round4(Number(r.quantity)) });
    byCategory.set(category, t);
  }
  const ordered = RESULT_CATEGORIES.filter((c) => byCategory.has(c)).map((c) => byCategory.get(c)!);
  for (const t of ordered) t.quantities.sort((a, b) => a.unit.localeCompare(b.unit, 'zh'));
  return { count, amount: round4(amount), byCategory: ordered };
}

function toEvidence(e: EvidenceFileEntity | Record<string, unknown>): Evidence {
  const r = e as Record<string, unknown>;
  return {
    id: Number(r.id),
    resultId: Number(r.resultId ?? r.result_id),
    fileName: String(r.fileName ?? r.file_name),
    size: Number(r.size),
    sha256: String(r.sha256),
    createdAt: String(r.createdAt ?? r.created_at),
  };
}

function auditableResult(d: WorkResultData | null): Record<string, unknown> | null {
  if (!d) return null;
  const { postingId: _p, ...rest } = d;
  return rest;
}

/** Content that is a program whatever its name says (Windows PE, ELF, Mach-O, a script with #!). */
function looksExecutable(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 4);
  return (
    (head[0] === 0x4d && head[1] === 0x5a) ||
    head.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46])) ||
    [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe].includes(head.length === 4 ? head.readUInt32BE(0) : 0) ||
    (head[0] === 0x23 && head[1] === 0x21)
  );
}

/** 工作实绩 ledger: results of postings, their totals per posting/cadre/batch, and their evidence files. */
export class ResultLedgerService {
  readonly store: EvidenceStore;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    evidenceRoot: string,
  ) {
    this.store = new EvidenceStore(evidenceRoot);
  }

  /** The results of a posting, a cadre or a batch (newest first), with their evidence, and the totals. */
  async list(input: LedgerQuery): Promise<ResultLedger> {
    const q = parseOrRefuse(LedgerQuerySchema, input);
    const m = this.db.manager;
    const where = ledgerScopeWhere(q.scope) + (q.category ? ' AND r.category = ?' : '');
    const params = q.category ? [q.id, q.category] : [q.id];
    const [rows, evidenceRows, totals] = (await Promise.all([
      m.query(
        `SELECT r.*, p.cadre_id, p.host_unit, c.name AS cadre_name FROM work_result r
         JOIN posting p ON p.id = r.posting_id JOIN cadre c ON c.id = p.cadre_id
         WHERE ${where} ORDER BY r.date DESC, r.id DESC`,
        params,
      ),
      m.query(`SELECT e.* FROM evidence_file e WHERE e.result_id IN (SELECT r.id FROM work_result r WHERE ${where}) ORDER BY e.id`, params),
      m.query(`${ledgerTotalsSql(q.scope).replace('GROUP BY', q.category ? 'AND r.category = ? GROUP BY' : 'GROUP BY')}`, params),
    ])) as Record<string, unknown>[][];
    const evidenceOf = new Map<number, Evidence[]>();
    for (const e of evidenceRows) {
      const list = evidenceOf.get(Number(e.result_id)) ?? [];
      list.push(toEvidence(e));
      evidenceOf.set(Number(e.result_id), list);
    }
    const items: WorkResult[] = rows.map((r) => ({
      id: Number(r.id),
      postingId: Number(r.posting_id),
      category: String(r.category) as ResultCategory,
      title: String(r.title),
      date: String(r.date),
      amount: r.amount == null ? null : Number(r.amount),
      quantity: r.quantity == null ? null : Number(r.quantity),
      quantityUnit: String(r.quantity_unit),
      description: String(r.description),
      cadreId: Number(r.cadre_id),
      cadreName: String(r.cadre_name),
      hostUnit: String(r.host_unit),
      evidence: evidenceOf.get(Number(r.id)) ?? [],
      createdAt: String(r.created_at),
      updatedAt: String(r.updated_at),
    }));
    return { items, totals: totalsFromRows(totals) };
  }

  /** Totals only (签约资金合计, 销售额合计, 人次 …) of a posting, a cadre or a batch. */
  async totals(input: { scope: LedgerScope; id: number }): Promise<ResultTotals> {
    const q = parseOrRefuse(LedgerQuerySchema, input);
    return totalsFromRows(await this.db.manager.query(ledgerTotalsSql(q.scope), [q.id]));
  }

  async get(id: number): Promise<WorkResult> {
    const e = await this.db.manager.findOneBy(WorkResultEntity, { id });
    if (!e) throw notFound(`未找到编号为 ${id} 的工作实绩`);
    const found = (await this.list({ scope: 'posting', id: e.postingId })).items.find((r) => r.id === id);
    return found!;
  }

  /** Adds (no id) or corrects a result; its date must fall within the posting. */
  async save(ctx: ServiceContext, input: WorkResultInput, id?: number): Promise<WorkResult> {
    const data = parseOrRefuse(WorkResultInputSchema, input);
    const saved = await this.db.write((m) => this.saveWith(m, ctx, data, id));
    return this.get(saved);
  }

  /** The save inside a caller's transaction; returns the result's id. */
  async saveWith(m: EntityManager, ctx: ServiceContext, data: WorkResultData, id?: number, action?: string): Promise<number> {
    const [p]: Record<string, unknown>[] = await m.query(
      `SELECT p.start_date, p.planned_end_date, p.actual_end_date, p.status, c.name, c.deleted_at FROM posting p JOIN cadre c ON c.id = p.cadre_id WHERE p.id = ?`,
      [data.postingId],
    );
    if (!p) throw notFound(`挂职记录：未找到编号为 ${data.postingId} 的挂职记录`);
    if (p.deleted_at != null) throw conflict(`“${p.name}”的档案在回收站中，恢复后才能登记工作实绩`);
    if (p.status === '拟派') throw conflict(`“${p.name}”的这段挂职尚未开始（状态“拟派”），不能登记工作实绩`);
    const start = String(p.start_date);
    const end = effectiveEnd({ plannedEndDate: String(p.planned_end_date), actualEndDate: String(p.actual_end_date) });
    if (data.date < start || data.date > end) throw validationError(`日期：${data.date} 不在挂职期间（挂职期间为 ${start}—${end}）`);
    const existing = id === undefined ? null : await m.findOneBy(WorkResultEntity, { id });
    if (id !== undefined && !existing) throw notFound(`未找到编号为 ${id} 的工作实绩`);
    if (existing && existing.postingId !== data.postingId) throw validationError('挂职记录：工作实绩不能改到另一段挂职，请在那段挂职下新建');
    const now = new Date().toISOString();
    if (!existing) {
      const saved = await m.save(WorkResultEntity, m.create(WorkResultEntity, { ...data, createdAt: now, updatedAt: now }));
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: saved.id, action: action ?? '新建', changes: diffRecords(null, auditableResult(data)) });
      return saved.id;
    }
    await m.update(WorkResultEntity, { id }, { ...data, updatedAt: now });
    const { id: _i, createdAt: _c, updatedAt: _u, ...before } = existing;
    const changes = diffRecords(auditableResult(before), auditableResult(data));
    if (Object.keys(changes).length) await this.audit.record(m, ctx, { entityType: ENTITY, entityId: id!, action: action ?? '修改', changes });
    return id!;
  }

  /** Deletes a result with its evidence rows; files no other result uses are deleted after the commit. */
  async remove(ctx: ServiceContext, id: number): Promise<void> {
    const files = await this.db.write(async (m) => {
      const e = await m.findOneBy(WorkResultEntity, { id });
      if (!e) throw notFound(`未找到编号为 ${id} 的工作实绩`);
      const evidence = await m.findBy(EvidenceFileEntity, { resultId: id });
      await m.delete(EvidenceFileEntity, { resultId: id });
      await m.delete(WorkResultEntity, { id });
      const { id: _i, createdAt: _c, updatedAt: _u, ...before } = e;
      await this.audit.record(m, ctx, {
        entityType: ENTITY,
        entityId: id,
        action: '删除',
        changes: diffRecords(auditableResult(before), null),
        note: evidence.length ? `连同证据文件：${evidence.map((x) => x.fileName).join('、')}` : '',
      });
      return evidence;
    });
    for (const f of files) await this.discardIfUnused(f.sha256, f.ext);
  }

  history(id: number): Promise<AuditEntry[]> {
    return this.audit.history(ENTITY, id);
  }

  // ---- Evidence ----------------------------------------------------------------------------------------------

  /** Copies a file into the data folder (under its SHA-256) and attaches it to a result. */
  async addEvidence(ctx: ServiceContext, input: EvidenceAddInput): Promise<Evidence> {
    const v = parseOrRefuse(EvidenceAddInputSchema, input);
    const fileName = v.fileName.split(/[\\/]/).pop()!.trim();
    const refusal = evidenceNameRefusal(fileName);
    if (refusal) throw validationError(refusal);
    const bytes = Buffer.from(v.base64, 'base64');
    if (bytes.length === 0) throw validationError(`证据文件：“${fileName}”是空文件`);
    if (bytes.length > MAX_EVIDENCE_BYTES)
      throw validationError(`证据文件：“${fileName}”超过20 MB（${(bytes.length / 1024 / 1024).toFixed(1)} MB），请压缩后再上传`);
    if (looksExecutable(bytes)) throw validationError(`证据文件：“${fileName}”的内容是可执行程序或脚本，不能上传`);
    const raw = extensionOf(fileName);
    const ext = /^[a-z0-9]{1,10}$/.test(raw) ? raw : '';
    // Stored inside the write queue, so that no removal can discard the same file between its copy and its row;
    // a failed transaction leaves no row, and the file goes again unless another row uses it.
    let stored: string | null = null;
    try {
      return await this.db.write(async (m) => {
        const result = await m.findOneBy(WorkResultEntity, { id: v.resultId });
        if (!result) throw notFound(`工作实绩：未找到编号为 ${v.resultId} 的工作实绩`);
        const { sha256 } = this.store.put(bytes, ext);
        stored = sha256;
        const saved = await m.save(
          EvidenceFileEntity,
          m.create(EvidenceFileEntity, { resultId: v.resultId, fileName, ext, size: bytes.length, sha256, createdAt: new Date().toISOString() }),
        );
        await this.audit.record(m, ctx, {
          entityType: ENTITY,
          entityId: v.resultId,
          action: '添加证据文件',
          changes: { evidence: [null, fileName] },
          note: `SHA-256 ${sha256}`,
        });
        return toEvidence(saved);
      });
    } catch (err) {
      if (stored) await this.discardIfUnused(stored, ext);
      throw err;
    }
  }

  async removeEvidence(ctx: ServiceContext, id: number): Promise<void> {
    const e = await this.db.write(async (m) => {
      const found = await m.findOneBy(EvidenceFileEntity, { id });
      if (!found) throw notFound(`未找到编号为 ${id} 的证据文件`);
      await m.delete(EvidenceFileEntity, { id });
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: found.resultId, action: '删除证据文件', changes: { evidence: [found.fileName, null] } });
      return found;
    });
    await this.discardIfUnused(e.sha256, e.ext);
  }

  /** The stored file's absolute path, for the desktop shell to open with the system viewer. */
  async evidencePath(id: number): Promise<{ path: string; fileName: string }> {
    const e = await this.evidence(id);
    if (!this.store.exists(e.sha256, e.ext)) throw notFound(`证据文件“${e.fileName}”已不在数据文件夹中（可能被手工删除），请重新上传`);
    return { path: this.store.pathOf(e.sha256, e.ext), fileName: e.fileName };
  }

  /** The file's bytes (base64), for the browser host to offer as a download; checked against its SHA-256. */
  async evidenceContent(id: number): Promise<{ fileName: string; base64: string }> {
    const e = await this.evidence(id);
    if (!this.store.exists(e.sha256, e.ext)) throw notFound(`证据文件“${e.fileName}”已不在数据文件夹中（可能被手工删除），请重新上传`);
    const bytes = this.store.read(e.sha256, e.ext);
    if (EvidenceStore.sha256(bytes) !== e.sha256) throw conflict(`证据文件“${e.fileName}”的内容与登记时不一致（SHA-256 校验失败），可能已被改动`);
    return { fileName: e.fileName, base64: bytes.toString('base64') };
  }

  private async evidence(id: number): Promise<EvidenceFileEntity> {
    const e = await this.db.manager.findOneBy(EvidenceFileEntity, { id });
    if (!e) throw notFound(`未找到编号为 ${id} 的证据文件`);
    return e;
  }

  /** Deletes a stored file that no row uses any more; queued behind the writes so that no attach is in between. */
  private async discardIfUnused(sha256: string, ext: string): Promise<void> {
    await this.db.write(async (m) => {
      const [{ n }] = await m.query(`SELECT COUNT(*) AS n FROM evidence_file WHERE sha256 = ? AND ext = ?`, [sha256, ext]);
      if (Number(n) === 0) this.store.discard(sha256, ext);
    });
  }
}
