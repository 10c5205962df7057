import { z } from 'zod';
import { expectedVersionField } from './editVersion';
import { RESULT_CATEGORIES, type ResultCategory } from './codes/assessment';
import { requiredDay } from './validators/daySchema';

/**
 * 工作实绩 ledger: what a cadre achieved during a posting (money signed, products sold, reports written, people
 * served), with evidence files. Amounts are 万元; quantities carry their own unit (120 人次, 18 场), and totals add
 * quantities per unit, never across units.
 */
const amountSchema = z
  .number({ error: '应为金额（万元）' })
  .min(0, '不能为负数')
  .max(100_000_000, '金额过大（单位为万元）')
  .refine((v) => Math.abs(Math.round(v * 10_000) - v * 10_000) < 1e-6, '最多保留4位小数（即精确到元）')
  .nullable()
  .default(null);

export const WorkResultInputSchema = z
  .object({
    postingId: z.number({ error: '请选择挂职记录' }).int().positive(),
    category: z.enum(RESULT_CATEGORIES, { error: `应为${RESULT_CATEGORIES.join('、')}之一` }),
    title: z.string().trim().min(1, '不能为空').max(200, '不能超过200个字'),
    date: requiredDay,
    /** 万元, where the result is money (签约资金, 销售额 …). */
    amount: amountSchema,
    quantity: z.number({ error: '应为数量' }).min(0, '不能为负数').max(100_000_000, '数量过大').nullable().default(null),
    /** 人次, 场, 篇 … (required with a quantity). */
    quantityUnit: z.string().trim().max(10, '不能超过10个字').default(''),
    description: z.string().trim().max(3000, '不能超过3000个字').default(''),
    /** The version (updatedAt) the form was loaded with: shared/editVersion.ts. */
    expectedVersion: expectedVersionField,
  })
  .superRefine((v, ctx) => {
    if (v.quantity !== null && !v.quantityUnit)
      ctx.addIssue({ code: 'custom', path: ['quantityUnit'], message: '填写数量时须填写单位（如 人次、场、篇）' });
    if (v.quantity === null && v.quantityUnit)
      ctx.addIssue({ code: 'custom', path: ['quantity'], message: `填写了单位“${v.quantityUnit}”，请填写数量` });
  });
export type WorkResultInput = z.input<typeof WorkResultInputSchema>;
export type WorkResultData = z.output<typeof WorkResultInputSchema>;

/** An evidence file: stored in the data folder under its SHA-256, opened with the system viewer. */
export interface Evidence {
  id: number;
  resultId: number;
  fileName: string;
  size: number;
  sha256: string;
  createdAt: string;
}

export interface WorkResult extends WorkResultData {
  id: number;
  category: ResultCategory;
  /** Who and where, for the cadre's and the batch's lists. */
  cadreId: number;
  cadreName: string;
  hostUnit: string;
  evidence: Evidence[];
  createdAt: string;
  updatedAt: string;
}

export const LEDGER_SCOPES = ['posting', 'cadre', 'batch'] as const;
export type LedgerScope = (typeof LEDGER_SCOPES)[number];

export const LedgerQuerySchema = z.object({
  scope: z.enum(LEDGER_SCOPES, { error: '应为 posting、cadre 或 batch' }),
  /** The posting's, cadre's or batch's id. */
  id: z.number({ error: '应为记录编号' }).int().positive(),
  category: z.union([z.literal(''), z.enum(RESULT_CATEGORIES)], { error: `应为${RESULT_CATEGORIES.join('、')}之一` }).default(''),
});
export type LedgerQuery = z.input<typeof LedgerQuerySchema>;

export interface QuantityTotal {
  unit: string;
  quantity: number;
}

export interface CategoryTotal {
  category: ResultCategory;
  /** What the amount means for this category: 签约资金, 销售额 … */
  amountLabel: string;
  count: number;
  /** Sum of the amounts in 万元; null when no result of the category has one. */
  amount: number | null;
  quantities: QuantityTotal[];
}

/** Totals of a posting, a cadre or a batch: 签约资金合计, 销售额合计, 人次 … */
export interface ResultTotals {
  count: number;
  /** All amounts together (万元). */
  amount: number;
  /** In RESULT_CATEGORIES order, only categories with results. */
  byCategory: CategoryTotal[];
}

export interface ResultLedger {
  items: WorkResult[];
  totals: ResultTotals;
}

/** The largest evidence file (which kinds of file may be evidence: the allow-list in `evidenceTypes.ts`). */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

export const EvidenceAddInputSchema = z.object({
  resultId: z.number({ error: '请选择工作实绩' }).int().positive(),
  fileName: z.string().trim().min(1, '不能为空').max(255, '不能超过255个字'),
  base64: z
    .string()
    .max(Math.ceil(MAX_EVIDENCE_BYTES / 3) * 4 + 4096, '文件不能超过20 MB')
    .regex(/^[A-Za-z0-9+/=\r\n]*$/, '文件数据无效（应为 base64）'),
});
export type EvidenceAddInput = z.input<typeof EvidenceAddInputSchema>;
