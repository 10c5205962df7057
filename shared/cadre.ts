import { z } from 'zod';
import { expectedVersionField } from './editVersion';
import { GENDERS, NATIONS, PERSON_CATEGORIES, POLITICAL_STATUSES } from './codes';
import { parseJsonArray } from './jsonColumn';
import { checkIdNumber } from './validators/idNumber';
import { YEAR_MONTH_DAY_RE, YEAR_MONTH_RE, yearMonthOf } from './validators/yearMonth';

/**
 * A cadre's file (干部档案): everything the national 干部任免审批表 holds, plus tags and notes.
 * Dates are `YYYY.MM` (or `YYYY.MM.DD` for the form's 计算年龄时间/填表时间); empty string when unknown.
 */
const text = (max: number) => z.string().trim().max(max, `不能超过${max}个字`).default('');
const yearMonth = z
  .string()
  .trim()
  .default('')
  .refine((v) => v === '' || YEAR_MONTH_RE.test(v), '应为年月，格式如 1985.03');
const day = z
  .string()
  .trim()
  .default('')
  .refine((v) => v === '' || YEAR_MONTH_DAY_RE.test(v) || YEAR_MONTH_RE.test(v), '应为日期，格式如 2024.08.15');
const oneOf = <T extends readonly string[]>(values: T, what: string) =>
  z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || (values as readonly string[]).includes(v), `不是有效的${what}`);

export const ResumeEntrySchema = z.object({
  start: z.string().trim().regex(YEAR_MONTH_RE, '应为年月，格式如 2003.09'),
  end: z
    .string()
    .trim()
    .regex(YEAR_MONTH_RE, '应为年月，格式如 2007.07，至今请留空')
    .nullable()
    .default(null),
  text: z.string().trim().min(1, '不能为空').max(300, '不能超过300个字'),
  concurrent: z.boolean().default(false),
});

export const FamilyMemberSchema = z.object({
  relation: z.string().trim().min(1, '不能为空').max(10, '不能超过10个字'),
  name: z.string().trim().min(1, '不能为空').max(30, '不能超过30个字'),
  birthDate: yearMonth,
  politicalStatus: text(20),
  workUnitAndPost: text(120),
});

const TagSchema = z.string().trim().min(1).max(20, '不能超过20个字');

const cadreFields = z.object({
  name: z.string().trim().min(1, '不能为空').max(30, '不能超过30个字'),
  gender: z.enum(GENDERS, { error: '请选择“男”或“女”' }),
  birthDate: yearMonth,
  nation: oneOf(NATIONS, '民族（GB/T 3304）'),
  nativePlace: text(40),
  birthPlace: text(40),
  idNumber: z
    .string()
    .trim()
    .toUpperCase()
    .superRefine((v, ctx) => {
      const r = checkIdNumber(v);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
    }),
  politicalStatus: oneOf(POLITICAL_STATUSES, '政治面貌（GB/T 4762）'),
  /** A year-month, or text such as a democratic party's name (`2010.05；民盟`). */
  partyJoinDate: text(40),
  workStartDate: yearMonth,
  health: text(20),
  techTitle: text(60),
  expertise: text(100),
  phone: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^[\d\-+() ]{5,20}$/.test(v), '应为电话号码（数字，可含“-”）'),
  ftEducation: text(20),
  ftDegree: text(40),
  ftEduSchool: text(120),
  ftDegreeSchool: text(120),
  ptEducation: text(20),
  ptDegree: text(40),
  ptEduSchool: text(120),
  ptDegreeSchool: text(120),
  currentPosition: text(200),
  proposedPosition: text(200),
  proposedRemoval: text(200),
  rank: text(30),
  personCategory: oneOf(PERSON_CATEGORIES, '人员类别'),
  workUnit: text(100),
  resume: z.array(ResumeEntrySchema).max(80, '条目过多（最多80条）').default([]),
  rewards: text(2000),
  annualAssessment: text(500),
  appointmentReason: text(1000),
  family: z.array(FamilyMemberSchema).max(30, '成员过多（最多30人）').default([]),
  reportingUnit: text(100),
  ageCalcDate: day,
  fillDate: day,
  formFiller: text(30),
  tags: z.array(TagSchema).max(20).default([]),
  remarks: text(2000),
  /** The version (updatedAt) the form was loaded with: shared/editVersion.ts. */
  expectedVersion: expectedVersionField,
});

/** The cross-field rules of a file. Used by the form (inline), the services and the imports alike. */
export function checkCadreRules(
  v: z.output<typeof cadreFields>,
  add: (path: (string | number)[], message: string) => void,
  today: Date = new Date(),
): void {
  const thisMonth = yearMonthOf(today);
  // The number itself is checked by its field; here only its agreement with 出生年月 and 性别.
  const id = checkIdNumber(v.idNumber, today);
  if (id.ok) {
    if (YEAR_MONTH_RE.test(v.birthDate) && v.birthDate !== id.info.birthYearMonth)
      add(['birthDate'], `与身份证号中的出生年月（${id.info.birthYearMonth}）不一致`);
    if (v.gender !== id.info.gender) add(['gender'], `与身份证号中的性别（${id.info.gender}）不一致`);
  }
  const notFuture = (path: (string | number)[], value: string) => {
    if (value && value.slice(0, 7) > thisMonth) add(path, `不能晚于当前年月（${thisMonth}）`);
  };
  notFuture(['birthDate'], v.birthDate);
  notFuture(['workStartDate'], v.workStartDate);
  if (YEAR_MONTH_RE.test(v.partyJoinDate.slice(0, 7))) notFuture(['partyJoinDate'], v.partyJoinDate.slice(0, 7));
  if (v.birthDate && v.workStartDate && v.workStartDate < v.birthDate)
    add(['workStartDate'], '不能早于出生年月');
  v.resume.forEach((e, i) => {
    notFuture(['resume', i, 'start'], e.start);
    if (e.end) {
      notFuture(['resume', i, 'end'], e.end);
      if (e.end < e.start) add(['resume', i, 'end'], `不能早于起始年月（${e.start}）`);
    }
    if (v.birthDate && e.start < v.birthDate) add(['resume', i, 'start'], '不能早于出生年月');
  });
  v.family.forEach((f, i) => notFuture(['family', i, 'birthDate'], f.birthDate));
}

export const CadreInputSchema = cadreFields.superRefine((v, ctx) =>
  checkCadreRules(v, (path, message) => ctx.addIssue({ code: 'custom', path, message })),
);

export type CadreInput = z.input<typeof CadreInputSchema>;
export type CadreData = z.output<typeof CadreInputSchema>;
export type ResumeEntryData = z.output<typeof ResumeEntrySchema>;
export type FamilyMemberData = z.output<typeof FamilyMemberSchema>;

/** The JSON columns of a stored file (cadre.resume, .family, .tags) as every reader must read them. */
export const parseResume = (raw: unknown): ResumeEntryData[] => parseJsonArray(ResumeEntrySchema, raw);
export const parseFamily = (raw: unknown): FamilyMemberData[] => parseJsonArray(FamilyMemberSchema, raw);
export const parseTags = (raw: unknown): string[] => parseJsonArray(TagSchema, raw);

/** A stored file as the API returns it. */
export interface Cadre extends CadreData {
  id: number;
  hasPhoto: boolean;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

/** One row of the cadre list. */
export interface CadreListItem {
  id: number;
  name: string;
  gender: string;
  birthDate: string;
  idNumber: string;
  nation: string;
  politicalStatus: string;
  ftEducation: string;
  personCategory: string;
  workUnit: string;
  currentPosition: string;
  hasPhoto: boolean;
  deletedAt: string | null;
  /**
   * Asked for with `postingColumns`: the status and batch of the cadre's posting — the one the 批次/挂职状态 filters
   * name, else the latest by start date. '' when there is none.
   */
  postingStatus?: string;
  batchName?: string;
}

/** Columns the cadre list sorts by (server-side, stable: ties in pinyin order of the name, then by id). */
export const CADRE_SORT_KEYS = ['name', 'gender', 'birthDate', 'idNumber', 'politicalStatus', 'workUnit', 'currentPosition', 'postingStatus', 'batchName', 'deletedAt'] as const;
export type CadreSortKey = (typeof CADRE_SORT_KEYS)[number];

export const CadreListQuerySchema = z.object({
  query: z.string().trim().max(50, '不能超过50个字').default(''),
  gender: z.string().trim().default(''),
  nation: z.string().trim().default(''),
  politicalStatus: z.string().trim().default(''),
  education: z.string().trim().default(''),
  personCategory: z.string().trim().default(''),
  /** Members of this batch (批次) only. */
  batchId: z.number().int().positive().nullable().default(null),
  /** Cadres with a posting in this status (在岗, 期满, …). */
  postingStatus: z.string().trim().default(''),
  /** Files in the recycle bin (回收站) instead of the live ones. */
  deleted: z.boolean().default(false),
  /** Order: 姓名 by pinyin unless another column is chosen; empty values last either way. */
  sort: z.enum(CADRE_SORT_KEYS, { error: '不是可排序的列' }).default('name'),
  order: z.enum(['asc', 'desc'], { error: '排序方向应为 asc 或 desc' }).default('asc'),
  /** Adds 挂职状态 and 批次 to each row (the list's optional columns). */
  postingColumns: z.boolean().default(false),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500, '每页最多500条').default(20),
});
export type CadreListQuery = z.input<typeof CadreListQuerySchema>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** An empty file, for the create form. */
export function emptyCadre(): CadreData {
  // Parse a minimal record to get every default, then blank the required fields for the user to fill.
  return { ...cadreFields.parse({ name: '-', gender: '男', idNumber: '11010519491231002X' }), name: '', idNumber: '' };
}
