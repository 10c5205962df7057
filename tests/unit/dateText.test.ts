import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay, isIsoMoment } from '../../shared/dateText';

/** Issue 16 item 13: one date format on every screen, 2026.11.29 and 2026.11.29 14:03. */
describe('formatDay / formatDateTime', () => {
  const local = new Date(2026, 10, 29, 14, 3, 9);
  it('writes a stored moment as the local day and time', () => {
    expect(formatDay(local.toISOString())).toBe('2026.11.29');
    expect(formatDateTime(local.toISOString())).toBe('2026.11.29 14:03');
    expect(formatDateTime(local, { seconds: true })).toBe('2026.11.29 14:03:09');
    expect(formatDateTime(local.getTime())).toBe('2026.11.29 14:03');
  });
  it('reads a day as written on forms or by a date picker, as that local day', () => {
    expect(formatDay('2026.11.29')).toBe('2026.11.29');
    expect(formatDay('2026-11-29')).toBe('2026.11.29');
    expect(formatDay('2026/1/5')).toBe('2026.01.05');
    expect(formatDateTime('2026-11-29')).toBe('2026.11.29 00:00');
  });
  it('leaves what is not a date as it is, and nothing as nothing', () => {
    expect(formatDay('2026.11')).toBe('2026.11');
    expect(formatDay('至今')).toBe('至今');
    expect(formatDay('2026-02-30')).toBe('2026-02-30');
    expect(formatDay(null)).toBe('');
    expect(formatDateTime(undefined)).toBe('');
    expect(formatDay(new Date(Number.NaN))).toBe('');
  });
  it('tells stored moments from other text', () => {
    expect(isIsoMoment('2026-11-29T05:13:42.378Z')).toBe(true);
    expect(isIsoMoment('2026.11.29')).toBe(false);
    expect(isIsoMoment(20261129)).toBe(false);
  });
});
