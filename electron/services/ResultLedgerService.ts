import fs from 'node:fs';
import { In, type EntityManager } from 'typeorm';
import type { AuditEntry } from '../../shared/audit';
import { RESULT_AMOUNT_LABELS, RESULT_CATEGORIES, type ResultCategory } from '../../shared/codes/assessment';
import { conflict, notFound, parseOrRefuse, validationError } from '../../shared/errors';
import {
  EvidenceAddInputSchema,
  LedgerQuerySchema,
  MAX_EVIDENCE_BYTES,
  WorkResultInputSchema,
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
import { EVIDENCE_TYPES, EVIDENCE_TYPES_TEXT, evidenceContentMatches, evidenceContentRefusal, evidenceExtension, evidenceTypeRefusal, isEvidenceFileName } from '../../shared/evidenceTypes';
import { effectiveEnd } from '../../shared/posting';
import { EvidenceFileEntity, WorkResultEntity } from '../db/entities';
import type { Database } from '../db/Database';
import { col, queryRows, sql, type SqlFragment } from '../db/sql';
import { diffRecords, type AuditLog } from './AuditLog';
import type { KeyRing } from '../crypto/KeyRing';
import { EvidenceStore, type AdoptReport } from './EvidenceStore';
import { requireWritablePosting } from './postingReader';
import type { ServiceContext } from './ServiceContext';
import { claimVersion } from './editVersion';
import { takeExpectedVersion } from '../../shared/editVersion';

export { evidenceRootFor, legacyEvidenceRootFor } from './EvidenceStore';

const ENTITY = 'work_result';

/** Which results (`r`) a ledger shows: one posting's, all of a cadre's or a batch's postings', maybe one category. */
function ledgerWhere(q: { scope: LedgerScope; id: number; category?: string }): SqlFragment {
  const scope =
    q.scope === 'posting'
      ? sql`r.posting_id = ${q.id}`
      : sql`r.posting_id IN (SELECT id FROM posting WHERE ${sql.raw(q.scope === 'cadre' ? 'cadre_id' : 'batch_id')} = ${q.id})`;
  return q.category ? sql`${scope} AND r.category = ${q.category}` : scope;
}

/**
 * The totals query (raw, through sql.ts: a measured figure): sums per category and quantity unit, answered from the
 * covering index on work_result. The benchmark's baseline runs it as plain SQL.
 */
export function ledgerTotalsQuery(q: { scope: LedgerScope; id: number; category?: string }): SqlFragment {
  return sql`SELECT r.category, r.quantity_unit, COUNT(*) AS n, SUM(r.amount) AS amount, COUNT(r.amount) AS amount_n,
    SUM(r.quantity) AS quantity FROM work_result r WHERE ${ledgerWhere(q)} GROUP BY r.category, r.quantity_unit`;
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

function toEvidence(e: EvidenceFileEntity): Evidence {
  return { id: e.id, resultId: e.resultId, fileName: e.fileName, size: Number(e.size), sha256: e.sha256, createdAt: e.createdAt };
}

/** A ledger row (with its posting's cadre and host unit) as the API's result, without its evidence yet. */
function rowToResult(r: Record<string, unknown>): WorkResult {
  return {
    id: col.num(r, 'id'),
    postingId: col.num(r, 'posting_id'),
    category: col.str(r, 'category') as ResultCategory,
    title: col.str(r, 'title'),
    date: col.str(r, 'date'),
    amount: col.numOrNull(r, 'amount'),
    quantity: col.numOrNull(r, 'quantity'),
    quantityUnit: col.str(r, 'quantity_unit'),
    description: col.str(r, 'description'),
    cadreId: col.num(r, 'cadre_id'),
    cadreName: col.str(r, 'cadre_name'),
    hostUnit: col.str(r, 'host_unit'),
    evidence: [],
    createdAt: col.str(r, 'created_at'),
    updatedAt: col.str(r, 'updated_at'),
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
    keys?: KeyRing,
  ) {
    this.store = new EvidenceStore(evidenceRoot, keys);
  }

  /**
   * Opens the evidence store: removes temporary files of writes that never finished (older than a day), and copies
   * the files this database names from the folder databases used to share (`legacyRoot`, `<data dir>/evidence`)
   * into its own. Copies only — another database in the folder may still name them — so nothing is lost; rows
   * name files by hash and extension, not by path, so no row changes. Runs on every open while the old folder is
   * there (a file that is already here costs one look).
   */
  async initialize(legacyRoot?: string): Promise<AdoptReport & { sweptTemps: number }> {
    const sweptTemps = this.store.sweepStaleTemps();
    const report: AdoptReport = { copied: 0, unverified: 0, missing: 0, failed: null };
    if (legacyRoot && fs.existsSync(legacyRoot)) {
      // Outside the write queue (no lock held while files are copied): a row removed meanwhile by another process
      // leaves at worst an unused copy; a file attached meanwhile is already here and is skipped.
      const rows = await queryRows(this.db.manager, sql`SELECT DISTINCT sha256, ext FROM evidence_file`, (r) => ({ sha256: col.str(r, 'sha256'), ext: col.str(r, 'ext') }));
      Object.assign(report, this.store.adoptFrom(legacyRoot, rows));
    }
    return { ...report, sweptTemps };
  }

  /** The results of a posting, a cadre or a batch (newest first), with their evidence, and the totals. */
  async list(input: LedgerQuery): Promise<ResultLedger> {
    const q = parseOrRefuse(LedgerQuerySchema, input);
    return this.db.read(async (m) => {
      const [items, totals] = await Promise.all([
        queryRows(
          m,
          sql`SELECT r.id, r.posting_id, r.category, r.title, r.date, r.amount, r.quantity, r.quantity_unit, r.description, r.created_at,
            r.updated_at, p.cadre_id, p.host_unit, c.name AS cadre_name
            FROM work_result r JOIN posting p ON p.id = r.posting_id JOIN cadre c ON c.id = p.cadre_id
            WHERE ${ledgerWhere(q)} ORDER BY r.date DESC, r.id DESC`,
          rowToResult,
        ),
        queryRows(m, ledgerTotalsQuery(q), (r) => r),
      ]);
      const evidence = items.length ? await m.find(EvidenceFileEntity, { where: { resultId: In(items.map((r) => r.id)) }, order: { id: 'ASC' } }) : [];
      const byId = new Map(items.map((r) => [r.id, r]));
      for (const e of evidence) byId.get(e.resultId)?.evidence.push(toEvidence(e));
      return { items, totals: totalsFromRows(totals) };
    });
  }

  /** Totals only (签约资金合计, 销售额合计, 人次 …) of a posting, a cadre or a batch. */
  async totals(input: { scope: LedgerScope; id: number }): Promise<ResultTotals> {
    const q = parseOrRefuse(LedgerQuerySchema, input);
    return totalsFromRows(await queryRows(this.db.manager, ledgerTotalsQuery({ scope: q.scope, id: q.id }), (r) => r));
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
  async saveWith(m: EntityManager, ctx: ServiceContext, input: WorkResultData, id?: number, action?: string): Promise<number> {
    const [data, expectedVersion] = takeExpectedVersion(input);
    const { posting } = await requireWritablePosting(m, data.postingId, '工作实绩');
    const start = posting.startDate;
    const end = effectiveEnd(posting);
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
    const version = await claimVersion(m, ctx, {
      entity: WorkResultEntity, id: existing.id, stored: existing.updatedAt, expected: expectedVersion, auditType: ENTITY, what: `工作实绩“${existing.title}”`,
    });
    await m.update(WorkResultEntity, { id }, { ...data, updatedAt: version });
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
    const refusal = evidenceTypeRefusal(fileName);
    if (refusal) throw validationError(refusal);
    const bytes = Buffer.from(v.base64, 'base64');
    if (bytes.length === 0) throw validationError(`证据文件：“${fileName}”是空文件`);
    if (bytes.length > MAX_EVIDENCE_BYTES)
      throw validationError(`证据文件：“${fileName}”超过20 MB（${(bytes.length / 1024 / 1024).toFixed(1)} MB），请压缩后再上传`);
    if (looksExecutable(bytes)) throw validationError(`证据文件：“${fileName}”的内容是可执行程序或脚本，不能上传`);
    const mismatch = evidenceContentRefusal(fileName, bytes);
    if (mismatch) throw validationError(mismatch);
    // One of the allowed extensions (letters only).
    const ext = evidenceExtension(fileName);
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

  /**
   * The stored file's absolute path, for the desktop shell to open with the system viewer. Only a file of an
   * allowed kind whose content is what it was when attached (its SHA-256) and looks like its kind is handed out:
   * evidence attached before the allow-list (a web page, a shortcut …) is never opened, only downloaded.
   */
  async evidencePath(id: number): Promise<{ path: string; fileName: string }> {
    const e = await this.evidence(id);
    if (!isEvidenceFileName(`x.${e.ext}`))
      throw conflict(`证据文件“${e.fileName}”的类型（${e.ext ? `.${e.ext}` : '没有扩展名'}）不能用系统程序打开；只能打开 ${EVIDENCE_TYPES_TEXT}。如需查看，请在浏览器版中下载`);
    const bytes = this.checkedContent(e);
    if (!evidenceContentMatches(e.ext, bytes))
      throw conflict(`证据文件“${e.fileName}”的内容不是${EVIDENCE_TYPES[e.ext].label}（文件已损坏，或改过扩展名），不能用系统程序打开`);
    return { path: this.store.viewablePath(e.sha256, e.ext, e.fileName, bytes), fileName: e.fileName };
  }

  /** The file's bytes (base64), for the browser host to offer as a download; checked against its SHA-256. */
  async evidenceContent(id: number): Promise<{ fileName: string; base64: string }> {
    const e = await this.evidence(id);
    return { fileName: e.fileName, base64: this.checkedContent(e).toString('base64') };
  }

  /** The file's plain bytes, refused when it is gone or no longer matches its SHA-256. */
  private checkedContent(e: EvidenceFileEntity): Buffer {
    if (!this.store.exists(e.sha256, e.ext)) throw notFound(`证据文件“${e.fileName}”已不在数据文件夹中（可能被手工删除），请重新上传`);
    const bytes = this.store.read(e.sha256, e.ext);
    if (EvidenceStore.sha256(bytes) !== e.sha256) throw conflict(`证据文件“${e.fileName}”的内容与登记时不一致（SHA-256 校验失败），可能已被改动`);
    return bytes;
  }

  private async evidence(id: number): Promise<EvidenceFileEntity> {
    const e = await this.db.manager.findOneBy(EvidenceFileEntity, { id });
    if (!e) throw notFound(`未找到编号为 ${id} 的证据文件`);
    return e;
  }

  /** Deletes a stored file that no row uses any more; queued behind the writes so that no attach is in between. */
  private async discardIfUnused(sha256: string, ext: string): Promise<void> {
    await this.db.write(async (m) => {
      if (!(await m.existsBy(EvidenceFileEntity, { sha256, ext }))) this.store.discard(sha256, ext);
    });
  }
}
