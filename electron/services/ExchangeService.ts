import { In, type EntityManager } from 'typeorm';
import { CadreInputSchema, CadreListQuerySchema, type Cadre, type CadreData, type CadreListQuery } from '../../shared/cadre';
import type {
  ExportedFile,
  FieldChange,
  LrmxFilePreview,
  LrmxImportOutcome,
  NamedFile,
  RosterImportResult,
  RosterPreview,
  RosterRowPreview,
  RowError,
} from '../../shared/channels/exchange';
import { parseOrRefuse, toApiError, validationError } from '../../shared/errors';
import { describePath } from '../../shared/fieldLabels';
import { checkIdNumber } from '../../shared/validators/idNumber';
import { dayOf } from '../../shared/validators/yearMonth';
import { BatchEntity, CadreEntity, CadrePhotoEntity, PostingEntity } from '../db/entities';
import type { Database } from '../db/Database';
import { cadreChanges, personSummary, photoChange, recordOf } from '../exchange/cadreChanges';
import { readEducation, readGender, readNation, readPersonCategory, readPoliticalStatus } from '../exchange/codeAliases';
import { LRMX_FIELDS } from '../exchange/lrmx/lrmxElements';
import { normalizePartyJoinDate, parseLrmx, politicalStatusFromPartyJoin, type LrmxRecord } from '../exchange/lrmx/lrmxParse';
import { lrmxFileName, writeLrmx } from '../exchange/lrmx/lrmxWrite';
import { POSTING_KEYS } from '../exchange/roster/rosterColumns';
import { labelOfKey, readRoster, type RosterRow, type RosterSheet } from '../exchange/roster/rosterRead';
import { rosterTemplateFile, writeRosterXlsx } from '../exchange/roster/rosterWrite';
import type { BatchService } from './BatchService';
import { toCadre, type CadreService } from './CadreService';
import type { JobProgress } from '../../shared/jobProgress';
import type { ServiceContext } from './ServiceContext';

/** The audit verb of every write an import makes. */
export const IMPORT_ACTION = '导入';

/** What one LRMX file would do: the record to save, over which stored file, and what changes. */
type LrmxPlan =
  | { ok: false; errors: string[] }
  | { ok: true; existing: Cadre | null; data: CadreData; photo: Buffer | null; changes: FieldChange[]; notes: string[] };

interface RosterPlanRow {
  row: number;
  existing: Cadre | null;
  data: CadreData;
  changes: FieldChange[];
  posting: RosterRow['posting'];
  /** Whether the row's cadre joins the batch (false without a batch, or when already a member). */
  joinBatch: boolean;
}

interface RosterPlan {
  preview: RosterPreview;
  rows: RosterPlanRow[];
  batch: BatchEntity | null;
}

/** Thrown inside the roster's transaction to undo it when a write is refused; carries the row errors out. */
class RosterRefused extends Error {
  constructor(readonly errors: RowError[]) {
    super('roster refused');
  }
}

function zodMessages(issues: readonly { path: PropertyKey[]; message: string }[]): string[] {
  return [...new Set(issues.map((i) => `${describePath(i.path)}：${i.message}`))];
}

const bytesOf = (f: NamedFile) => Buffer.from(f.base64, 'base64');

/**
 * Exchange formats: LRMX files (干部任免审批表) in and out, Excel rosters (花名册) in and out.
 * Imports preview first (nothing written) and write all-or-nothing: one transaction per LRMX file, one for a roster.
 */
export class ExchangeService {
  constructor(
    private readonly db: Database,
    private readonly cadres: CadreService,
    private readonly batches: BatchService,
  ) {}

  // ---- LRMX ------------------------------------------------------------------------------------------------

  /** The stored file the record is about and what saving it would change (reads through `m`). */
  private async planLrmx(m: EntityManager, file: string, record: LrmxRecord): Promise<LrmxPlan> {
    const existing = await this.cadres.findByIdNumber(record.data.idNumber, m);
    const notes = [...record.notes];
    if (!existing) return { ok: true, existing: null, data: record.data, photo: record.photo, changes: [], notes };
    if (existing.deletedAt) {
      return { ok: false, errors: [`${file}：身份证号：${existing.idNumber} 的档案（${existing.name}）在回收站中，请先恢复再导入`] };
    }
    // The file is the whole form: its fields replace the stored ones; fields it does not carry are kept.
    const before = recordOf(existing);
    const merged: Record<string, unknown> = { ...before };
    for (const field of LRMX_FIELDS) merged[field] = record.data[field];
    const implied = record.data.politicalStatus;
    if (!before.politicalStatus) merged.politicalStatus = implied;
    else if (implied && implied !== before.politicalStatus)
      notes.push(`政治面貌：按文件中的入党时间应为“${implied}”，档案中为“${before.politicalStatus}”，未自动更改`);
    const parsed = CadreInputSchema.safeParse(merged);
    if (!parsed.success) return { ok: false, errors: zodMessages(parsed.error.issues).map((e) => `${file}：${e}`) };
    const stored = await m.findOneBy(CadrePhotoEntity, { cadreId: existing.id });
    const photoBefore = stored ? Buffer.from(stored.jpeg) : null;
    const photo = photoChange(photoBefore, record.photo);
    if (!record.photo && photoBefore) notes.push('照片：文件中没有照片，保留档案中的照片');
    const changes = cadreChanges(before, parsed.data);
    if (photo) changes.push(photo);
    if (!changes.length) notes.push('内容与档案相同，无需修改');
    return { ok: true, existing, data: parsed.data, photo: photo ? record.photo : null, changes, notes };
  }

  /**
   * Each file parsed, in order, or why not: unreadable, or about the same person as an earlier file of the batch
   * (the preview and the import refuse the same files).
   */
  private *readLrmxFiles(files: readonly NamedFile[]): Generator<{ ok: true; file: string; record: LrmxRecord } | { ok: false; file: string; errors: string[] }> {
    const firstFileOf = new Map<string, string>();
    for (const f of files) {
      const parsed = parseLrmx(bytesOf(f), f.name);
      if (!parsed.ok) {
        yield { ok: false, file: f.name, errors: parsed.errors };
        continue;
      }
      const twin = this.sameBatchTwin(firstFileOf, f.name, parsed.record.data);
      yield twin ? { ok: false, file: f.name, errors: [twin] } : { ok: true, file: f.name, record: parsed.record };
    }
  }

  /** Reads every file and says, per file, whether it would create or update a file (field by field) or why not. */
  async previewLrmx(files: readonly NamedFile[]): Promise<LrmxFilePreview[]> {
    return this.db.read((m) => this.previewLrmxWith(m, files));
  }

  private async previewLrmxWith(m: EntityManager, files: readonly NamedFile[]): Promise<LrmxFilePreview[]> {
    const out: LrmxFilePreview[] = [];
    for (const read of this.readLrmxFiles(files)) {
      const { file } = read;
      if (!read.ok) {
        out.push({ file, status: 'error', errors: read.errors });
        continue;
      }
      const plan = await this.planLrmx(m, file, read.record);
      if (!plan.ok) out.push({ file, status: 'error', errors: plan.errors });
      else if (!plan.existing) out.push({ file, status: 'create', person: personSummary(plan.data, Boolean(plan.photo)), notes: plan.notes });
      else
        out.push({
          file,
          status: 'update',
          cadreId: plan.existing.id,
          person: personSummary(plan.data, Boolean(plan.photo) || plan.existing.hasPhoto),
          changes: plan.changes,
          notes: plan.notes,
        });
    }
    return out;
  }

  /** Two files of one batch about the same person: the second is refused rather than silently overwriting the first. */
  private sameBatchTwin(firstFileOf: Map<string, string>, file: string, data: CadreData): string | null {
    const first = firstFileOf.get(data.idNumber);
    if (first !== undefined) return `${file}：身份证号：与同批的“${first}”是同一人（${data.idNumber}），请只保留一个文件`;
    firstFileOf.set(data.idNumber, file);
    return null;
  }

  /** Imports each file in its own transaction (all of a file or none of it); the report lists every file's outcome. */
  async importLrmx(ctx: ServiceContext, files: readonly NamedFile[]): Promise<LrmxImportOutcome[]> {
    const out: LrmxImportOutcome[] = [];
    for (const read of this.readLrmxFiles(files)) {
      const { file } = read;
      if (!read.ok) {
        out.push({ file, status: 'error', errors: read.errors });
        continue;
      }
      try {
        out.push(
          await this.db.write(async (m): Promise<LrmxImportOutcome> => {
            const plan = await this.planLrmx(m, file, read.record);
            if (!plan.ok) return { file, status: 'error', errors: plan.errors };
            const base = { file, name: plan.data.name, idNumber: plan.data.idNumber, notes: plan.notes };
            if (!plan.existing) {
              const created = await this.cadres.saveWith(m, ctx, plan.data, undefined, IMPORT_ACTION);
              if (plan.photo) await this.cadres.setPhotoWith(m, ctx, created.id, plan.photo);
              return { ...base, status: 'created', cadreId: created.id };
            }
            const id = plan.existing.id;
            if (plan.changes.some((c) => c.field !== 'photo')) await this.cadres.saveWith(m, ctx, plan.data, id, IMPORT_ACTION);
            if (plan.photo) await this.cadres.setPhotoWith(m, ctx, id, plan.photo);
            return { ...base, status: 'updated', cadreId: id, changes: plan.changes };
          }),
        );
      } catch (err) {
        out.push({ file, status: 'error', errors: [`${file}：${toApiError(err).message}`] });
      }
    }
    return out;
  }

  /** One file in the national format, by record id or 身份证号. */
  async exportLrmx(ref: number | string): Promise<ExportedFile & { bytes: Buffer }> {
    const { cadre, photo } = await this.db.read(async (m) => {
      const cadre = await this.cadres.resolve(ref, m);
      return { cadre, photo: cadre.hasPhoto ? await this.cadres.getPhoto(cadre.id, m) : null };
    });
    const bytes = Buffer.from(writeLrmx(recordOf(cadre), photo), 'utf8');
    return { fileName: lrmxFileName(cadre.name), base64: bytes.toString('base64'), bytes };
  }

  // ---- Rosters ---------------------------------------------------------------------------------------------

  /** Stored files by 身份证号, in chunks (SQLite caps the number of bound parameters). */
  private async existingByIdNumber(m: EntityManager, idNumbers: string[]): Promise<Map<string, Cadre>> {
    const found = new Map<string, Cadre>();
    const unique = [...new Set(idNumbers.filter(Boolean))];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await m.findBy(CadreEntity, { idNumber: In(unique.slice(i, i + 500)) });
      for (const e of rows) found.set(e.idNumber, toCadre(e));
    }
    return found;
  }

  /** A roster row's values as record fields: coded values read through their aliases. */
  private rowInput(values: RosterRow['values']): Record<string, string> {
    const input: Record<string, string> = {};
    for (const [key, raw] of Object.entries(values)) {
      if (key === 'seq' || (POSTING_KEYS as readonly string[]).includes(key) || !raw) continue;
      let v = raw;
      if (key === 'gender') v = readGender(raw);
      else if (key === 'nation') v = readNation(raw);
      else if (key === 'politicalStatus') v = readPoliticalStatus(raw);
      else if (key === 'ftEducation' || key === 'ptEducation') v = readEducation(raw);
      else if (key === 'personCategory') v = readPersonCategory(raw);
      else if (key === 'partyJoinDate') v = normalizePartyJoinDate(raw);
      input[key] = v;
    }
    return input;
  }

  /**
   * Everything a roster would do, read through `m`: per row create / update (field by field) and every problem by
   * Excel row number. Empty cells never clear a stored value (a roster carries only some of a file's fields).
   */
  private async planRoster(m: EntityManager, fileName: string, sheet: RosterSheet, batchName: string): Promise<RosterPlan> {
    const errors: RowError[] = [...sheet.errors];
    const notes: string[] = [...sheet.notes];
    const existing = await this.existingByIdNumber(m, sheet.rows.map((r) => r.values.idNumber ?? ''));
    const firstRowOf = new Map<string, number>();
    const rows: RosterPlanRow[] = [];
    const previews: RosterRowPreview[] = [];
    let batch: BatchEntity | null = null;
    if (batchName) {
      batch = await m.findOneBy(BatchEntity, { name: batchName });
      if (!batch) throw validationError(`批次：未找到名为“${batchName}”的批次，请先在“批次”中新建（设定方向和起止日期）后再导入`);
    } else if (sheet.hasPostingColumns) {
      notes.push('花名册有挂职单位/挂职职务/起止时间列，但未指定批次：这些列只做检查，不生成挂职记录');
    }
    const memberIds = new Set<number>();
    if (batch) {
      const members = await m.find(PostingEntity, { select: { cadreId: true }, where: { batchId: batch.id } });
      for (const r of members) memberIds.add(r.cadreId);
    }

    for (const r of sheet.rows) {
      const add = (message: string) => errors.push({ row: r.row, message });
      const input = this.rowInput(r.values);
      const idNumber = input.idNumber ?? '';
      if (idNumber) {
        const first = firstRowOf.get(idNumber);
        if (first !== undefined) {
          add(`身份证号：与第 ${first} 行重复（${idNumber}）`);
          continue;
        }
        firstRowOf.set(idNumber, r.row);
      }
      const stored = existing.get(idNumber) ?? null;
      if (stored?.deletedAt) {
        add(`身份证号：${idNumber} 的档案（${stored.name}）在回收站中，请先恢复再导入`);
        continue;
      }
      const before = stored ? recordOf(stored) : null;
      // Required fields start empty so that a missing one reads “不能为空”, not a type error.
      const merged: Record<string, unknown> = { name: '', gender: '', idNumber: '', ...(before ?? {}), ...input };
      const id = checkIdNumber(idNumber);
      if (id.ok) {
        if (!merged.birthDate) merged.birthDate = id.info.birthYearMonth;
        if (!merged.gender) merged.gender = id.info.gender;
      }
      if (!before && !merged.politicalStatus && input.partyJoinDate) merged.politicalStatus = politicalStatusFromPartyJoin(input.partyJoinDate);
      const parsed = CadreInputSchema.safeParse(merged);
      if (!parsed.success) {
        // A cell that could not be read is reported once, not again as the field's schema error.
        const cellErrors = new Set(sheet.errors.filter((e) => e.row === r.row).map((e) => e.message.split('：')[0]));
        // Without a valid ID number an empty 性别 could not be derived: the ID error says it all.
        if (!id.ok && !merged.gender) cellErrors.add('性别');
        for (const message of zodMessages(parsed.error.issues)) if (!cellErrors.has(message.split('：')[0])) add(message);
        continue;
      }
      const data = parsed.data;
      let joinBatch = batch !== null;
      if (batch) {
        if ((!r.posting?.startDate || !r.posting.plannedEndDate) && (!batch.startDate || !batch.endDate))
          add(`起止时间：批次“${batch.name}”未设起止日期，本行须填写挂职起止时间`);
        if (stored && memberIds.has(stored.id)) {
          notes.push(`第 ${r.row} 行：${data.name} 已是批次“${batch.name}”的成员，挂职记录不变`);
          joinBatch = false;
        }
      }
      const posting = joinBatch ? r.posting : null;
      const changes = before ? cadreChanges(before, data) : [];
      rows.push({ row: r.row, existing: stored, data, changes, posting, joinBatch });
      const person = personSummary(data, stored?.hasPhoto ?? false);
      previews.push(
        stored
          ? { row: r.row, status: 'update', cadreId: stored.id, person, changes, posting }
          : { row: r.row, status: 'create', person, posting },
      );
    }
    errors.sort((a, b) => a.row - b.row);
    const preview: RosterPreview = {
      fileName,
      sheetName: sheet.sheetName,
      headerRow: sheet.headerRow,
      columns: sheet.columns.map((c) => ({ header: c.header, label: labelOfKey(c.column.key) })),
      ignoredColumns: sheet.ignoredColumns,
      rows: previews,
      skipped: sheet.skipped,
      errors,
      notes,
      created: rows.filter((r) => !r.existing).length,
      updated: rows.filter((r) => r.existing && r.changes.length).length,
      unchanged: rows.filter((r) => r.existing && !r.changes.length).length,
    };
    if (!preview.rows.length && !errors.length) preview.notes.push('花名册中没有人员数据');
    return { preview, rows, batch };
  }

  /** What importing the roster would do, with every problem by Excel row number. Writes nothing. */
  async previewRoster(fileName: string, bytes: Buffer, batchName = ''): Promise<RosterPreview> {
    const sheet = await readRoster(bytes);
    return this.db.read(async (m) => (await this.planRoster(m, fileName, sheet, batchName.trim())).preview);
  }

  /**
   * Imports the roster in one transaction. Any row error — found while reading, or raised by a write (a posting that
   * overlaps another …) — refuses the whole file: `ok: false` with every error, and nothing is written.
   */
  async importRoster(ctx: ServiceContext, fileName: string, bytes: Buffer, batchName = '', onProgress?: (p: JobProgress) => void): Promise<RosterImportResult> {
    onProgress?.({ stage: '读取花名册', done: 0, total: 1 });
    const sheet = await readRoster(bytes);
    const total = sheet.rows.length;
    onProgress?.({ stage: '校验各行', done: 0, total });
    const refused = (errors: RowError[]): RosterImportResult => ({ ok: false, created: 0, updated: 0, unchanged: 0, postings: 0, errors });
    try {
      return await this.db.write(async (m) => {
        const plan = await this.planRoster(m, fileName, sheet, batchName.trim());
        if (plan.preview.errors.length) return refused(plan.preview.errors);
        const errors: RowError[] = [];
        let postings = 0;
        // New files in bulk (planning already refused twins and duplicates), then updates and postings row by row.
        const creates = plan.rows.filter((r) => !r.existing);
        const newIds = await this.cadres.createManyWith(m, ctx, creates.map((r) => r.data), IMPORT_ACTION);
        const idOfRow = new Map(creates.map((r, i) => [r.row, newIds[i]]));
        onProgress?.({ stage: '写入数据库', done: 0, total: plan.rows.length });
        for (const [i, r] of plan.rows.entries()) {
          if (i % 250 === 0 && i) onProgress?.({ stage: '写入数据库', done: i, total: plan.rows.length });
          try {
            const cadreId = r.existing?.id ?? idOfRow.get(r.row);
            if (r.existing && r.changes.length) await this.cadres.saveWith(m, ctx, r.data, cadreId, IMPORT_ACTION);
            if (plan.batch && r.joinBatch) {
              // One member per call, so that a refusal (overlapping posting …) names its row.
              const p = r.posting;
              const added = await this.batches.addMembersWith(
                m,
                ctx,
                plan.batch.id,
                [{ cadreId: cadreId!, hostUnit: p?.hostUnit ?? '', hostPost: p?.hostPost ?? '', startDate: p?.startDate ?? '', plannedEndDate: p?.plannedEndDate ?? '' }],
                `${IMPORT_ACTION}花名册`,
              );
              postings += added.added.length;
            }
          } catch (err) {
            errors.push({ row: r.row, message: toApiError(err).message });
          }
        }
        if (errors.length) throw new RosterRefused(errors);
        return {
          ok: true,
          created: plan.preview.created,
          updated: plan.preview.updated,
          unchanged: plan.preview.unchanged,
          postings,
          errors: [],
        };
      });
    } catch (err) {
      if (err instanceof RosterRefused) return refused(err.errors);
      throw err;
    }
  }

  /** Every file matching the list's filters (all pages, list order) as an .xlsx roster. */
  async exportRoster(query: Omit<CadreListQuery, 'page' | 'pageSize'> = {}): Promise<ExportedFile & { bytes: Buffer; count: number }> {
    const filter = parseOrRefuse(CadreListQuerySchema, { ...query, pageSize: 500 });
    // Every page and every file from one snapshot: an import committing meanwhile cannot split the export.
    const { ids, byId } = await this.db.read(async (m) => {
      const ids: number[] = [];
      for (let page = 1; ; page++) {
        const p = await this.cadres.listWith(m, { ...filter, page });
        ids.push(...p.items.map((i) => i.id));
        if (p.items.length < filter.pageSize) break;
      }
      const byId = new Map<number, CadreData>();
      for (let i = 0; i < ids.length; i += 500) {
        const rows = await m.findBy(CadreEntity, { id: In(ids.slice(i, i + 500)) });
        for (const e of rows) byId.set(e.id, recordOf(toCadre(e)));
      }
      return { ids, byId };
    });
    const today = dayOf(new Date());
    const title = `${query.deleted ? '回收站中的' : ''}干部花名册（${today} 导出，共 ${ids.length} 人）`;
    const bytes = await writeRosterXlsx(ids.map((id) => byId.get(id)!).filter(Boolean), title);
    return { fileName: `干部花名册_${today.replace(/\./g, '')}.xlsx`, base64: bytes.toString('base64'), bytes, count: ids.length };
  }

  rosterTemplate(): Promise<ExportedFile & { bytes: Buffer }> {
    return rosterTemplateFile();
  }
}
