import { z } from 'zod';
import { isDay } from './yearMonth';

/** A day `YYYY.MM.DD` that must be given (postings, meetings). */
export const requiredDay = z
  .string({ error: '应为日期，格式如 2025.12.01' })
  .trim()
  .refine((v) => v !== '', '不能为空')
  .refine((v) => v === '' || isDay(v), '应为日期，格式如 2025.12.01');

/** A day `YYYY.MM.DD`, or '' when not known yet. */
export const optionalDay = z
  .string({ error: '应为日期，格式如 2025.12.01' })
  .trim()
  .default('')
  .refine((v) => v === '' || isDay(v), '应为日期，格式如 2025.12.01');
