import { z } from 'zod';

/** `{ id }` of a stored record. */
export const byId = z.object({ id: z.number({ error: '应为记录编号' }).int().positive() });
/** No input. */
export const none = z.object({}).default({});
