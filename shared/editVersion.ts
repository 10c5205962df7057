import { z } from 'zod';

/**
 * Optimistic versioning of edits. A form sends back the `updatedAt` of the record as it loaded it
 * (`expectedVersion`); the service saves only if the record still has that version, compared and moved inside the
 * write transaction (electron/services/editVersion.ts). Absent: no check (the CLI, imports, demo data).
 */
export const expectedVersionField = z.string().max(40).optional();

/** The end of every version-conflict refusal: the renderer recognises the refusal by it. */
export const VERSION_CONFLICT_TAIL = '请刷新后再改（您的修改未保存）';

/** “已被李四于 14:03 修改，请刷新后再改（您的修改未保存）” — whether a refusal is a version conflict. */
export function isVersionConflict(message: string): boolean {
  return message.endsWith(VERSION_CONFLICT_TAIL);
}

/** The data without `expectedVersion`, and the version (for a service's saveWith). */
export function takeExpectedVersion<T extends { expectedVersion?: string }>(input: T): [Omit<T, 'expectedVersion'>, string | undefined] {
  const { expectedVersion, ...data } = input;
  return [data, expectedVersion];
}
