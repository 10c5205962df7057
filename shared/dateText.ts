/**
 * Dates on screen, one way everywhere: `2026.11.29` for a day, `2026.11.29 14:03` for a moment (local time), as the
 * department writes dates on its forms. Stored moments are ISO texts (`2026-11-29T05:13:42.378Z`); stored days are
 * already `2026.11.29`. Both read here, and so do `2026-11-29` (date pickers, filters) and a Date.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** A moment read from what the app stores or passes around; null when it is not one. */
function toDate(value: string | Date | number | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'number') return toDate(new Date(value));
  const s = value.trim();
  // A day without a time (2026.11.29, 2026-11-29, 2026/11/29) is that local day, not UTC midnight.
  const day = /^(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})$/.exec(s);
  if (day) {
    const d = new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    return d.getDate() === Number(day[3]) ? d : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(s)) return null;
  return toDate(new Date(s));
}

/** `2026.11.29` (local day); '' for nothing. Text that is not a date (`2026.11`, `至今`) is returned as it is. */
export function formatDay(value: string | Date | number | null | undefined): string {
  const d = toDate(value);
  if (!d) return typeof value === 'string' ? value.trim() : '';
  return `${d.getFullYear()}.${pad(d.getMonth() + 1)}.${pad(d.getDate())}`;
}

/** `2026.11.29 14:03` (local time; with `seconds`, `2026.11.29 14:03:09`); '' for nothing, other text as it is. */
export function formatDateTime(value: string | Date | number | null | undefined, opts: { seconds?: boolean } = {}): string {
  const d = toDate(value);
  if (!d) return typeof value === 'string' ? value.trim() : '';
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}${opts.seconds ? `:${pad(d.getSeconds())}` : ''}`;
  return `${formatDay(d)} ${time}`;
}

/** Whether a stored value is a moment (an ISO timestamp), as audit entries hold for 删除时间 and the like. */
export function isIsoMoment(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value);
}
