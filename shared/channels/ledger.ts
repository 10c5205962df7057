import { z } from 'zod';
import type { AuditEntry } from '../audit';
import {
  EvidenceAddInputSchema,
  LedgerQuerySchema,
  WorkResultInputSchema,
  type Evidence,
  type ResultLedger,
  type ResultTotals,
  type WorkResult,
} from '../ledger';
import { channel } from './channel';
import { byId } from './common';

const id = z.number({ error: '应为记录编号' }).int().positive();

/**
 * 工作实绩 ledger: results of a posting, a cadre or a batch with their totals (签约资金合计, 销售额合计, 人次 …), and
 * evidence files (sent as base64, stored in the data folder under their SHA-256).
 */
export const ledgerChannels = {
  /** `{ scope: 'posting' | 'cadre' | 'batch', id, category? }` → items (newest first) and totals. */
  'ledger:list': channel<ResultLedger>()(LedgerQuerySchema),
  'ledger:totals': channel<ResultTotals>()(LedgerQuerySchema.pick({ scope: true, id: true })),
  'ledger:get': channel<WorkResult>()(byId),
  'ledger:save': channel<WorkResult>()(z.object({ id: id.optional(), data: WorkResultInputSchema })),
  /** Deletes the result and its evidence rows (files no other result uses are removed). */
  'ledger:delete': channel<{ ok: true }>()(byId),
  'ledger:history': channel<AuditEntry[]>()(byId),
  /** `{ resultId, fileName, base64 }` (≤ 20 MB; programs and scripts refused). */
  'evidence:add': channel<Evidence>()(EvidenceAddInputSchema),
  'evidence:remove': channel<{ ok: true }>()(byId),
  /** The stored file's absolute path, for the desktop shell to open with the system viewer. */
  'evidence:path': channel<{ path: string; fileName: string }>()(byId),
  /** The file itself (base64), for the browser host to download; checked against its SHA-256. */
  'evidence:get': channel<{ fileName: string; base64: string }>()(byId),
};
