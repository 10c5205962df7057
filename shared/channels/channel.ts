import type { z } from 'zod';

/** Declares a channel: its zod input schema, and (as a type only) its result. */
export const channel =
  <Result>() =>
  <S extends z.ZodType>(input: S) => ({ input, result: undefined as unknown as Result });

export type ChannelMap = Record<string, { input: z.ZodType; result: unknown }>;
