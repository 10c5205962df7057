import { z } from 'zod';
import { describePath } from './fieldLabels';

/** Error codes that cross the API boundary. The message is always Chinese and meant for the user. */
/** STORAGE: the disk or the database file failed (full, read-only, busy, damaged); the message names the folder. */
export type ErrorCode = 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNKNOWN_CHANNEL' | 'INTERNAL' | 'LOCKED' | 'STORAGE';

export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
}

/** An error a service throws on purpose: its message is shown to the user as is. */
export class AppError extends Error implements ApiErrorShape {
  constructor(
    public readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const validationError = (message: string) => new AppError('VALIDATION', message);
export const notFound = (message: string) => new AppError('NOT_FOUND', message);
export const conflict = (message: string) => new AppError('CONFLICT', message);

/** "姓名：不能为空；身份证号：校验位错误（末位应为X）" — each issue names its field. */
export function formatZodError(error: z.ZodError): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const issue of error.issues) {
    const text = `${describePath(issue.path)}：${issue.message}`;
    if (!seen.has(text)) {
      seen.add(text);
      parts.push(text);
    }
    if (parts.length >= 5) break;
  }
  return parts.join('；');
}

/** Turns anything thrown into the boundary shape; unexpected errors get a generic Chinese message. */
export function toApiError(err: unknown): ApiErrorShape {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  if (err instanceof z.ZodError) return { code: 'VALIDATION', message: formatZodError(err) };
  return { code: 'INTERNAL', message: '操作未完成：程序内部错误，详情已写入日志' };
}

/** Parses with a schema; a failure becomes a VALIDATION AppError whose message names each field in Chinese. */
export function parseOrRefuse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw validationError(formatZodError(r.error));
  return r.data;
}
