import { z } from 'zod';
import { CadreListQuerySchema } from '../cadre';
import { channel } from './channel';
import { none } from './common';

/**
 * Exchange formats: LRMX files (干部任免审批表) and Excel rosters (花名册).
 * Files cross the boundary as base64; the services refuse oversize files with a message naming the file,
 * so the caps here are only a guard well above those limits.
 */
const base64 = z
  .string()
  .max(40_000_000, '文件过大（超过30 MB），不是正常的任免审批表或花名册文件')
  .regex(/^[A-Za-z0-9+/=\r\n]*$/, '文件数据无效（应为 base64）');
const fileName = z.string().trim().min(1, '不能为空').max(255, '不能超过255个字');

export const NamedFileSchema = z.object({ name: fileName, base64 });
export type NamedFile = z.input<typeof NamedFileSchema>;

export const LrmxFilesSchema = z.object({
  files: z.array(NamedFileSchema).min(1, '请选择至少一个文件').max(500, '一次最多导入500个文件'),
});

export const RosterFileSchema = z.object({
  fileName,
  base64,
  /** 批次名称: the roster's 挂职单位/挂职职务/起止时间 columns become postings in this batch. */
  batchName: z.string().trim().max(100, '不能超过100个字').default(''),
});

/** A file to save: the renderer offers it for download, the CLI writes it. */
export interface ExportedFile {
  fileName: string;
  base64: string;
}

/** One field that an import would change (or changed): values as the form shows them. */
export interface FieldChange {
  /** The record's key (`name`, `resume`, `photo`, …). */
  field: string;
  /** Its Chinese label (姓名, 简历, 照片, …). */
  label: string;
  old: string;
  new: string;
}

/** Who a file or row is about, for the preview list. */
export interface PersonSummary {
  name: string;
  gender: string;
  birthDate: string;
  idNumber: string;
  currentPosition: string;
  hasPhoto: boolean;
}

/**
 * What importing one LRMX file would do. `notes` explain derived values (出生年月取自身份证号 …);
 * `errors` name the file and the field, and an `error` file is never written.
 */
export type LrmxFilePreview =
  | { file: string; status: 'create'; person: PersonSummary; notes: string[] }
  | { file: string; status: 'update'; cadreId: number; person: PersonSummary; changes: FieldChange[]; notes: string[] }
  | { file: string; status: 'error'; errors: string[] };

/** What importing one LRMX file did (each file is its own all-or-nothing transaction). */
export type LrmxImportOutcome =
  | { file: string; status: 'created'; cadreId: number; name: string; idNumber: string; notes: string[] }
  | { file: string; status: 'updated'; cadreId: number; name: string; idNumber: string; changes: FieldChange[]; notes: string[] }
  | { file: string; status: 'error'; errors: string[] };

/** A problem in a roster row; `row` is the Excel row number (第 5 行). */
export interface RowError {
  row: number;
  message: string;
}

/** A 挂职 posting read from a roster row (days `YYYY.MM.DD`). */
export interface RosterPosting {
  hostUnit: string;
  hostPost: string;
  startDate: string;
  plannedEndDate: string;
}

export type RosterRowPreview =
  | { row: number; status: 'create'; person: PersonSummary; posting: RosterPosting | null }
  | { row: number; status: 'update'; cadreId: number; person: PersonSummary; changes: FieldChange[]; posting: RosterPosting | null };

export interface RosterPreview {
  fileName: string;
  sheetName: string;
  /** Excel row number of the header row (the lower one of a two-row header). */
  headerRow: number;
  /** Recognised columns: the header as written → the field's label. */
  columns: { header: string; label: string }[];
  /** Headers that match no field (their cells are not imported). */
  ignoredColumns: string[];
  rows: RosterRowPreview[];
  /** 合计/小计 and note rows left out, by row number. Blank rows are skipped silently. */
  skipped: RowError[];
  /** Every problem; when not empty, importing refuses the whole file. */
  errors: RowError[];
  /** Things worth knowing that do not block the import (e.g. posting columns without a batch). */
  notes: string[];
  created: number;
  updated: number;
  unchanged: number;
}

export interface RosterImportResult {
  /** False when any row had an error: then nothing was written. */
  ok: boolean;
  created: number;
  updated: number;
  unchanged: number;
  /** Postings added to the batch. */
  postings: number;
  errors: RowError[];
}

export const exchangeChannels = {
  /** What importing these LRMX files would do: create / update (field-by-field) / error, per file. Writes nothing. */
  'lrmx:preview': channel<LrmxFilePreview[]>()(LrmxFilesSchema),
  /** Imports the files, each all-or-nothing; the report lists each file's outcome. */
  'lrmx:import': channel<LrmxImportOutcome[]>()(LrmxFilesSchema),
  /** One file in the national LRMX format. */
  'lrmx:export': channel<ExportedFile>()(z.object({ cadreId: z.number({ error: '应为记录编号' }).int().positive() })),
  /** What importing the roster would do, with every problem by Excel row number. Writes nothing. */
  'roster:preview': channel<RosterPreview>()(RosterFileSchema),
  /** Imports the roster all-or-nothing: any row error refuses the whole file (`ok: false`, nothing written). */
  'roster:import': channel<RosterImportResult>()(RosterFileSchema),
  /** The cadre list under the given filters (no paging: every matching file) as an .xlsx roster. */
  'roster:export': channel<ExportedFile>()(CadreListQuerySchema.omit({ page: true, pageSize: true }).prefault({})),
  /** A blank roster with the title and header rows, ready to fill and import. */
  'roster:template': channel<ExportedFile>()(none),
};
