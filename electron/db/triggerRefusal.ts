import { AppError } from '../../shared/errors';

/**
 * A refusal raised inside the database by a trigger (`RAISE(ABORT, '拒绝：…')`, migration 0006): the last line of
 * defence for archived records. The text after the mark is a Chinese message for the user.
 */
export const REFUSAL_MARK = '拒绝：';

/** The trigger's refusal as a CONFLICT AppError, or null when `err` is something else. */
export function triggerRefusal(err: unknown): AppError | null {
  const text = String((err as Error)?.message ?? err);
  const at = text.indexOf(REFUSAL_MARK);
  return at >= 0 ? new AppError('CONFLICT', text.slice(at + REFUSAL_MARK.length).trim()) : null;
}
