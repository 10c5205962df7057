import type { AuditFilter } from '../../../shared/channels/audit';

/** The viewer's filters as they sit in the URL (`#/system/audit?actor=李科长&type=batch&page=2`). */
export interface AuditUrlState extends AuditFilter {
  page: number;
  pageSize: number;
}

export const AUDIT_PAGE_SIZES = [20, 50, 100, 200] as const;
export const AUDIT_DEFAULT_PAGE_SIZE = 50;

/** URL key of each filter: short, stable, readable in the address. */
const KEYS = { actor: 'actor', startDate: 'from', endDate: 'to', entityType: 'type', action: 'action', query: 'q' } as const satisfies Record<keyof AuditFilter, string>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const EMPTY_FILTER: AuditFilter = { actor: '', startDate: '', endDate: '', entityType: '', action: '', query: '' };

/** Reads the filters from the query string; anything malformed (a hand-edited address) falls back to “any”. */
export function readAuditUrl(params: URLSearchParams): AuditUrlState {
  const get = (k: keyof AuditFilter) => (params.get(KEYS[k]) ?? '').trim().slice(0, 100);
  let startDate = get('startDate');
  let endDate = get('endDate');
  if (!DAY.test(startDate)) startDate = '';
  if (!DAY.test(endDate)) endDate = '';
  if (startDate && endDate && startDate > endDate) [startDate, endDate] = [endDate, startDate];
  const page = Number(params.get('page'));
  const size = Number(params.get('size'));
  return {
    actor: get('actor'),
    startDate,
    endDate,
    entityType: get('entityType'),
    action: get('action'),
    query: get('query'),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (AUDIT_PAGE_SIZES as readonly number[]).includes(size) ? size : AUDIT_DEFAULT_PAGE_SIZE,
  };
}

/** The query string for a state; defaults are left out so that a plain visit has a plain address. */
export function writeAuditUrl(s: AuditUrlState): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, urlKey] of Object.entries(KEYS) as [keyof AuditFilter, string][]) if (s[k]) out.set(urlKey, s[k]);
  if (s.page > 1) out.set('page', String(s.page));
  if (s.pageSize !== AUDIT_DEFAULT_PAGE_SIZE) out.set('size', String(s.pageSize));
  return out;
}

export function filterOf(s: AuditUrlState): AuditFilter {
  return { actor: s.actor, startDate: s.startDate, endDate: s.endDate, entityType: s.entityType, action: s.action, query: s.query };
}

export function hasFilter(f: AuditFilter): boolean {
  return Object.values(f).some(Boolean);
}
