import { z } from 'zod';
import type { AuditEntry } from '../audit';
import { CadreInputSchema, CadreListQuerySchema, type Cadre, type CadreListItem, type Page } from '../cadre';
import { channel } from './channel';
import { byId } from './common';

export const cadreChannels = {
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
        .max(280_000, '不能超过200 KB')
        .regex(/^[A-Za-z0-9+/=]*$/, '图片数据无效')
        .nullable(),
    }),
  ),
};
