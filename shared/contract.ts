import { z } from 'zod';
import './zodLocale';
import type { AuditEntry } from './audit';
import { CadreInputSchema, CadreListQuerySchema, type Cadre, type CadreListItem, type Page } from './cadre';

/**
 * The API contract: channel name → input schema → result type. The preload, the IPC handlers, the browser
 * host and the renderer's client are all typed from this one map; every input is parsed with its schema.
 */
const channel =
  <Result>() =>
  <S extends z.ZodType>(input: S) => ({ input, result: undefined as unknown as Result });

const byId = z.object({ id: z.number({ error: '应为档案编号' }).int().positive() });
const none = z.object({}).default({});

export interface AppInfo {
  version: string;
  /** `electron` in the desktop app, `browser` in the browser host. */
  mode: 'electron' | 'browser';
  dbFile: string;
  cadreCount: number;
}

export const contract = {
  'app:info': channel<AppInfo>()(none),
  'cadre:list': channel<Page<CadreListItem>>()(CadreListQuerySchema.default({} as never)),
  'cadre:get': channel<Cadre>()(byId),
  'cadre:save': channel<Cadre>()(z.object({ id: z.number().int().positive().optional(), data: CadreInputSchema })),
  'cadre:delete': channel<{ ok: true }>()(byId),
  'cadre:restore': channel<{ ok: true }>()(byId),
  'cadre:purge': channel<{ ok: true }>()(byId),
  'cadre:history': channel<AuditEntry[]>()(byId),
  'cadre:photo:get': channel<{ jpegBase64: string | null }>()(byId),
  'cadre:photo:set': channel<{ ok: true }>()(
    byId.extend({
      jpegBase64: z
        .string()
        .max(280_000, '照片不能超过200 KB')
        .regex(/^[A-Za-z0-9+/=]*$/, '照片数据无效')
        .nullable(),
    }),
  ),
  'demo:load': channel<{ cadres: number }>()(none),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type ResultOf<C extends Channel> = Contract[C]['result'];

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** What the preload exposes as `window.cadreDesk` and the browser bridge imitates. */
export interface CadreDeskApi {
  invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<ApiEnvelope<ResultOf<C>>>;
}

/** Every call answers with an envelope; errors carry a Chinese message and never a stack trace. */
export type ApiEnvelope<T> = { ok: true; result: T } | { ok: false; error: { code: string; message: string } };
