import { In, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  CadreInputSchema,
  CadreListQuerySchema,
  parseFamily,
  parseResume,
  parseTags,
  type Cadre,
  type CadreData,
  type CadreInput,
  type CadreListItem,
  type CadreListQuery,
  type CadreSortKey,
  type Page,
} from '../../shared/cadre';
import { GENDERS, POLITICAL_STATUSES } from '../../shared/codes';
import { POSTING_STATUSES } from '../../shared/codes/secondment';
import { conflict, notFound, parseOrRefuse, validationError } from '../../shared/errors';
import type { AuditEntry } from '../../shared/audit';
import { CadreEntity, CadrePhotoEntity } from '../db/entities';
import { bulkInsert } from '../db/bulkInsert';
import type { Database } from '../db/Database';
import { ilike } from '../db/dialect';
import { col, queryRow, queryRows, sql, type SqlFragment } from '../db/sql';
import { archivedOfCadre } from '../archive/archivedContent';
import { diffRecords, type AuditLog } from './AuditLog';
import { claimVersion } from './editVersion';
import { takeExpectedVersion } from '../../shared/editVersion';
import { pinyinKeys } from './pinyinKeys';
import type { ServiceContext } from './ServiceContext';

export const MAX_PHOTO_BYTES = 200 * 1024;
const ENTITY = 'cadre';

type Read<T> = (r: Record<string, unknown>, column: string) => T;
type ListRow = Omit<CadreListItem, 'postingStatus' | 'batchName'>;

/** The cadre list's columns, each named once: the SELECT list and `rowToListItem` both come from here. */
const LIST_COLUMNS: { [K in keyof ListRow]: [column: string, read: Read<ListRow[K]>] } = {
  id: ['id', col.num],
  name: ['name', col.str],
  gender: ['gender', col.str],
  birthDate: ['birth_date', col.str],
  idNumber: ['id_number', col.str],
  nation: ['nation', col.str],
  politicalStatus: ['political_status', col.str],
  ftEducation: ['ft_education', col.str],
  personCategory: ['person_category', col.str],
  workUnit: ['work_unit', col.str],
  currentPosition: ['current_position', col.str],
  hasPhoto: ['has_photo', (r, c) => Boolean(col.num(r, c))],
  deletedAt: ['deleted_at', (r, c) => (r[c] == null ? null : String(r[c]))],
};
const LIST_ENTRIES = Object.entries(LIST_COLUMNS) as [keyof ListRow, [string, Read<unknown>]][];
const LIST_SELECT = LIST_ENTRIES.map(([, [c]]) => c).join(', ');

export function rowToListItem(r: Record<string, unknown>): CadreListItem {
  const item = {} as Record<string, unknown>;
  for (const [key, [c, read]] of LIST_ENTRIES) item[key] = read(r, c);
  if ('posting_status' in r) item.postingStatus = col.str(r, 'posting_status');
  if ('batch_name' in r) item.batchName = col.str(r, 'batch_name');
  return item as unknown as CadreListItem;
}

/** Sortable columns → the expression ordered by (posting ones are the SELECT's aliases). */
const SORT_COLUMNS: Record<CadreSortKey, string> = {
  name: 'sort_key',
  gender: 'gender',
  birthDate: 'birth_date',
  idNumber: 'id_number',
  politicalStatus: 'political_status',
  workUnit: 'work_unit',
  currentPosition: 'current_position',
  postingStatus: 'posting_status',
  batchName: 'batch_name',
  deletedAt: 'deleted_at',
};

/** Coded columns sort in their code table's order (男 before 女, 拟派 before 在岗 …), not by character codes. */
const CODE_ORDER: Partial<Record<CadreSortKey, readonly string[]>> = { gender: GENDERS, politicalStatus: POLITICAL_STATUSES, postingStatus: POSTING_STATUSES };
const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;
function sortExpression(key: CadreSortKey): string {
  const codes = CODE_ORDER[key];
  const column = SORT_COLUMNS[key];
  if (!codes) return column;
  return `CASE ${column} ${codes.map((c, i) => `WHEN ${quote(c)} THEN ${i}`).join(' ')} ELSE ${codes.length} END`;
}

/** 身份证号末4–8位 (the last digits, read from paper), the last one may be X. */
const ID_TAIL_RE = /^\d{3,7}[\dX]$/;

/** A stored file as the API returns it; its JSON columns read through their schemas. */
export function toCadre(e: CadreEntity): Cadre {
  const { nameInitials: _i, namePinyin: _p, sortKey: _s, hasPhoto, resume, family, tags, ...rest } = e;
  return { ...rest, resume: parseResume(resume), family: parseFamily(family), tags: parseTags(tags), hasPhoto: Boolean(hasPhoto) };
}

/** The fields of a file as the audit log compares them. */
function auditable(c: Cadre | CadreData | null): Record<string, unknown> | null {
  if (!c) return null;
  const { hasPhoto: _h, createdAt: _c, updatedAt: _u, deletedAt: _d, id: _id, ...rest } = c as Cadre;
  return rest;
}

/** LIKE pattern text with the wildcard characters of the user's input escaped. */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

type CadreListFilter = z.output<typeof CadreListQuerySchema>;

/**
 * The cadre list's two queries (the total and one page). Raw SQL because the list is a measured figure (≤ 1.5× raw);
 * the benchmark's raw baseline runs these same statements straight on the driver.
 */
export function cadreListQueries(m: EntityManager, query: CadreListFilter): { count: SqlFragment; page: SqlFragment } {
  const clauses: SqlFragment[] = [sql.raw(query.deleted ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL')];
  const q = query.query;
  if (q) {
    // Names, units and posts ignore ASCII case on both databases; pinyin keys and ID numbers are stored in one case.
    const like = ilike(m);
    const contains = `%${likeEscape(q)}%`;
    const ors = [
      sql`name ${like} ${contains} ESCAPE '\\'`,
      sql`work_unit ${like} ${contains} ESCAPE '\\'`,
      sql`current_position ${like} ${contains} ESCAPE '\\'`,
    ];
    if (/^[0-9xX]+$/.test(q)) ors.push(sql`id_number LIKE ${`${likeEscape(q.toUpperCase())}%`} ESCAPE '\\'`);
    // The tail: this OR joins the name and unit LIKEs that read every row anyway, so it costs one more comparison.
    if (ID_TAIL_RE.test(q.toUpperCase())) ors.push(sql`id_number LIKE ${`%${q.toUpperCase()}`}`);
    if (/^[a-zA-Z]+$/.test(q)) {
      const prefix = `${likeEscape(q.toLowerCase())}%`;
      ors.push(sql`name_initials LIKE ${prefix} ESCAPE '\\'`, sql`name_pinyin LIKE ${prefix} ESCAPE '\\'`);
    }
    clauses.push(sql`(${sql.join(ors, ' OR ')})`);
  }
  const filters: [string, string][] = [
    ['gender', query.gender],
    ['nation', query.nation],
    ['political_status', query.politicalStatus],
    ['ft_education', query.education],
    ['person_category', query.personCategory],
  ];
  for (const [column, value] of filters) if (value) clauses.push(sql`${sql.raw(column)} = ${value}`);
  // 批次 and 挂职状态 look at the cadre's postings (idx_posting_batch_cadre / idx_posting_status_end).
  if (query.batchId) clauses.push(sql`id IN (SELECT cadre_id FROM posting WHERE batch_id = ${query.batchId})`);
  if (query.postingStatus) clauses.push(sql`id IN (SELECT cadre_id FROM posting WHERE status = ${query.postingStatus})`);
  const where = sql.join(clauses, ' AND ');
  // 挂职状态 and 批次 of the posting the filters name, else the latest (idx_posting_cadre); only when asked for.
  const withPostings = query.postingColumns || query.sort === 'postingStatus' || query.sort === 'batchName';
  const postingOf = (what: SqlFragment) => {
    const also = [query.batchId ? sql` AND p.batch_id = ${query.batchId}` : sql.raw(''), query.postingStatus ? sql` AND p.status = ${query.postingStatus}` : sql.raw('')];
    return sql`COALESCE((SELECT ${what} FROM posting p LEFT JOIN batch b ON b.id = p.batch_id WHERE p.cadre_id = cadre.id${also[0]}${also[1]} ORDER BY p.start_date DESC, p.id DESC LIMIT 1), '')`;
  };
  const select = withPostings ? sql`${sql.raw(LIST_SELECT)}, ${postingOf(sql.raw('p.status'))} AS posting_status, ${postingOf(sql.raw('b.name'))} AS batch_name` : sql.raw(LIST_SELECT);
  // Stable: the chosen column (its empty values last in both directions), then the name in pinyin order, then id.
  const dir = query.order === 'desc' ? 'DESC' : 'ASC';
  const order =
    query.sort === 'name'
      ? `sort_key ${dir}, id ${dir}`
      : query.sort === 'deletedAt'
        ? `deleted_at ${dir}, sort_key, id`
        : `CASE WHEN ${SORT_COLUMNS[query.sort]} = '' THEN 1 ELSE 0 END, ${sortExpression(query.sort)} ${dir}, sort_key, id`;
  const limit = sql` ORDER BY ${sql.raw(order)} LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`;
  return {
    count: sql`SELECT COUNT(*) AS n FROM cadre WHERE ${where}`,
    // PostgreSQL orders by a SELECT alias only when it stands alone, not inside the CASE: the posting columns are
    // ordered in an outer query (SQLite flattens it into the same plan).
    page: withPostings
      ? sql`SELECT * FROM (SELECT ${select}, sort_key FROM cadre WHERE ${where}) AS listed${limit}`
      : sql`SELECT ${select} FROM cadre WHERE ${where}${limit}`,
  };
}

/** Cadre files: the one place that validates, stores, searches and audits them. */
export class CadreService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  /** One page of the list and its total, from one committed snapshot. */
  async list(input: CadreListQuery = {}): Promise<Page<CadreListItem>> {
    const query = parseOrRefuse(CadreListQuerySchema, input);
    return this.db.read((m) => this.listWith(m, query));
  }

  /** The list read through `m` (an export reads all its pages in one snapshot). */
  async listWith(m: EntityManager, query: CadreListFilter): Promise<Page<CadreListItem>> {
    const { count, page } = cadreListQueries(m, query);
    const total = (await queryRow(m, count, (r) => col.num(r, 'n'))) ?? 0;
    const items = await queryRows(m, page, rowToListItem);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: number, m: EntityManager = this.db.manager): Promise<Cadre> {
    const e = await m.findOneBy(CadreEntity, { id });
    if (!e) throw notFound(`未找到编号为 ${id} 的干部档案`);
    return toCadre(e);
  }

  async findByIdNumber(idNumber: string, manager: EntityManager = this.db.manager): Promise<Cadre | null> {
    const e = await manager.findOneBy(CadreEntity, { idNumber: idNumber.trim().toUpperCase() });
    return e ? toCadre(e) : null;
  }

  /** Finds a file by its numeric id or by its 身份证号 (as the CLI accepts either). */
  async resolve(ref: string | number, m: EntityManager = this.db.manager): Promise<Cadre> {
    const s = String(ref).trim();
    if (/^\d{1,9}$/.test(s)) return this.get(Number(s), m);
    const found = await this.findByIdNumber(s, m);
    if (!found) throw notFound(`未找到身份证号为 ${s} 的干部档案`);
    return found;
  }

  /** Creates (no id) or updates a file; validation failures name the field and write nothing. */
  async save(ctx: ServiceContext, input: CadreInput, id?: number): Promise<Cadre> {
    const data = parseOrRefuse(CadreInputSchema, input);
    return this.db.write((m) => this.saveWith(m, ctx, data, id));
  }

  /** The save inside a caller's transaction (imports save many files all-or-nothing). */
  async saveWith(m: EntityManager, ctx: ServiceContext, input: CadreData, id?: number, action?: string): Promise<Cadre> {
    const [data, expectedVersion] = takeExpectedVersion(input);
    const twin = await m.findOneBy(CadreEntity, { idNumber: data.idNumber });
    if (twin && twin.id !== id) {
      const where = twin.deletedAt ? '（该档案在回收站中，可先恢复）' : '';
      throw conflict(`身份证号：${data.idNumber} 已登记在“${twin.name}”的档案中${where}，同一人不能建两份档案`);
    }
    const keys = pinyinKeys(data.name);
    const now = new Date().toISOString();
    const derived = { nameInitials: keys.initials, namePinyin: keys.full, sortKey: keys.sortKey, updatedAt: now };
    if (id === undefined) {
      const inserted = await m.save(CadreEntity, m.create(CadreEntity, { ...data, ...derived, createdAt: now, hasPhoto: 0, deletedAt: null }));
      const created = toCadre(inserted);
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: created.id, action: action ?? '新建', changes: diffRecords(null, auditable(created)) });
      return created;
    }
    const existing = await m.findOneBy(CadreEntity, { id });
    if (!existing) throw notFound(`未找到编号为 ${id} 的干部档案`);
    if (existing.deletedAt) throw conflict(`“${existing.name}”的档案在回收站中，恢复后才能修改`);
    const before = toCadre(existing);
    const version = await claimVersion(m, ctx, { entity: CadreEntity, id, stored: existing.updatedAt, expected: expectedVersion, auditType: ENTITY, what: `“${existing.name}”的档案` });
    await m.update(CadreEntity, { id }, { ...data, ...derived, updatedAt: version });
    const after = toCadre((await m.findOneBy(CadreEntity, { id }))!);
    const changes = diffRecords(auditable(before), auditable(after));
    if (Object.keys(changes).length) await this.audit.record(m, ctx, { entityType: ENTITY, entityId: id, action: action ?? '修改', changes });
    return after;
  }

  /**
   * Creates many files inside a caller's transaction (a 5,000-row roster): the same checks, derived keys and audit
   * entries as `saveWith`, in a few multi-row statements instead of three round trips a file. Returns the new ids in
   * input order. `data` must already be validated (CadreInputSchema).
   */
  async createManyWith(m: EntityManager, ctx: ServiceContext, data: readonly CadreData[], action = '新建'): Promise<number[]> {
    if (!data.length) return [];
    const idNumbers = data.map((d) => d.idNumber);
    const seen = new Set<string>();
    for (const n of idNumbers) {
      if (seen.has(n)) throw conflict(`身份证号：${n} 出现了两次，同一人不能建两份档案`);
      seen.add(n);
    }
    // Through `m`: files this transaction already wrote (earlier rows of the same import) count as twins too.
    const byIdNumber = async () => {
      const found = new Map<string, Pick<CadreEntity, 'id' | 'name' | 'deletedAt'>>();
      for (let i = 0; i < idNumbers.length; i += 500) {
        const rows = await m.find(CadreEntity, {
          select: { id: true, idNumber: true, name: true, deletedAt: true },
          where: { idNumber: In(idNumbers.slice(i, i + 500)) },
        });
        for (const r of rows) found.set(r.idNumber, r);
      }
      return found;
    };
    for (const [n, twin] of await byIdNumber()) {
      const where = twin.deletedAt ? '（该档案在回收站中，可先恢复）' : '';
      throw conflict(`身份证号：${n} 已登记在“${twin.name}”的档案中${where}，同一人不能建两份档案`);
    }
    const now = new Date().toISOString();
    const rows = data.map((d) => {
      const keys = pinyinKeys(d.name);
      return { ...d, nameInitials: keys.initials, namePinyin: keys.full, sortKey: keys.sortKey, createdAt: now, updatedAt: now, hasPhoto: 0, deletedAt: null };
    });
    await bulkInsert(m, CadreEntity, rows);
    const ids = await byIdNumber();
    const created = data.map((d) => ids.get(d.idNumber)!.id);
    await this.audit.recordMany(
      m,
      ctx,
      data.map((d, i) => ({ entityType: ENTITY, entityId: created[i], action, changes: diffRecords(null, auditable(d)) })),
    );
    return created;
  }

  /** Moves a file to the recycle bin (回收站). */
  async remove(ctx: ServiceContext, id: number): Promise<void> {
    await this.db.write(async (m) => {
      const e = await m.findOneBy(CadreEntity, { id });
      if (!e) throw notFound(`未找到编号为 ${id} 的干部档案`);
      if (e.deletedAt) return;
      const at = new Date().toISOString();
      await m.update(CadreEntity, { id }, { deletedAt: at });
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: id, action: '移入回收站', changes: { deletedAt: [null, at] } });
    });
  }

  async restore(ctx: ServiceContext, id: number): Promise<void> {
    await this.db.write(async (m) => {
      const e = await m.findOneBy(CadreEntity, { id });
      if (!e) throw notFound(`未找到编号为 ${id} 的干部档案`);
      if (!e.deletedAt) return;
      await m.update(CadreEntity, { id }, { deletedAt: null });
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: id, action: '从回收站恢复', changes: { deletedAt: [e.deletedAt, null] } });
    });
  }

  /** Permanent deletion: only from the recycle bin. */
  async purge(ctx: ServiceContext, id: number): Promise<void> {
    await this.db.write(async (m) => {
      const e = await m.findOneBy(CadreEntity, { id });
      if (!e) throw notFound(`未找到编号为 ${id} 的干部档案`);
      if (!e.deletedAt) throw conflict(`“${e.name}”的档案不在回收站中：请先删除（移入回收站），再彻底删除`);
      const archived = await archivedOfCadre(m, id);
      if (archived.length)
        throw conflict(
          `“${e.name}”的档案中有 ${archived.length} 份已归档的记录，不能彻底删除：${archived.slice(0, 5).map((a) => a.label).join('、')}${archived.length > 5 ? ' 等' : ''}。已归档的记录须永久保存，档案可以留在回收站中`,
        );
      await m.delete(CadrePhotoEntity, { cadreId: id });
      await m.delete(CadreEntity, { id });
      await this.audit.record(m, ctx, {
        entityType: ENTITY,
        entityId: id,
        action: '彻底删除',
        changes: { name: [e.name, null], idNumber: [e.idNumber, null] },
      });
    });
  }

  /** Sets (JPEG, ≤ 200 KB) or clears the photo. */
  async setPhoto(ctx: ServiceContext, id: number, jpeg: Buffer | null): Promise<void> {
    if (jpeg) checkJpeg(jpeg);
    return this.db.write((m) => this.setPhotoWith(m, ctx, id, jpeg));
  }

  async setPhotoWith(m: EntityManager, ctx: ServiceContext, id: number, jpeg: Buffer | null): Promise<void> {
    const e = await m.findOneBy(CadreEntity, { id });
    if (!e) throw notFound(`未找到编号为 ${id} 的干部档案`);
    const had = Boolean(e.hasPhoto);
    if (jpeg) {
      checkJpeg(jpeg);
      await m.save(CadrePhotoEntity, { cadreId: id, jpeg, updatedAt: new Date().toISOString() });
    } else await m.delete(CadrePhotoEntity, { cadreId: id });
    await m.update(CadreEntity, { id }, { hasPhoto: jpeg ? 1 : 0 });
    await this.audit.record(m, ctx, {
      entityType: ENTITY,
      entityId: id,
      action: jpeg ? (had ? '更换照片' : '上传照片') : '删除照片',
      changes: { photo: [had ? '有' : '无', jpeg ? `JPEG ${Math.round(jpeg.length / 1024)} KB` : '无'] },
    });
  }

  async getPhoto(id: number, m: EntityManager = this.db.manager): Promise<Buffer | null> {
    const p = await m.findOneBy(CadrePhotoEntity, { cadreId: id });
    return p ? Buffer.from(p.jpeg) : null;
  }

  history(id: number): Promise<AuditEntry[]> {
    return this.audit.history(ENTITY, id);
  }
}

export function checkJpeg(jpeg: Buffer): void {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8 || jpeg[2] !== 0xff)
    throw validationError('照片：应为JPEG图片（PNG请先在界面中上传，系统会自动转换）');
  if (jpeg.length > MAX_PHOTO_BYTES)
    throw validationError(`照片：不能超过200 KB（当前 ${Math.ceil(jpeg.length / 1024)} KB）`);
}
