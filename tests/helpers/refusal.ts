import type { ApiErrorShape } from '../../shared/errors';
import { toApiError } from '../../shared/errors';
import { CadreInputSchema } from '../../shared/cadre';
import { demoCadres } from '../../electron/demo/demoCadres';
import type { AppServices } from '../../electron/services/AppServices';
import { testCtx } from './tempServices';

/** The `{ code, message }` a refused call shows the user (zod errors formatted as the boundary does). */
export const refusal = (p: Promise<unknown>): Promise<ApiErrorShape> =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (err) => toApiError(err),
  );

/** Just the Chinese message of a refusal. */
export const refusalMessage = async (p: Promise<unknown>): Promise<string> => (await refusal(p)).message;

/** Saves the first `n` demo cadres (invented people) and returns their ids in demoCadres() order. */
export async function saveDemoCadres(s: AppServices, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (const input of demoCadres().slice(0, n)) ids.push((await s.cadres.save(testCtx, CadreInputSchema.parse(input))).id);
  return ids;
}
