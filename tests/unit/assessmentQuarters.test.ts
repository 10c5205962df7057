import { describe, expect, it } from 'vitest';
import { quarterLabel, quarterSpan, quartersBegun, shiftMonths } from '../../shared/assessment';

describe('quarters of a posting', () => {
  it('count from the posting start, three months each', () => {
    expect(quarterSpan('2025.12.01', 1)).toEqual({ startDate: '2025.12.01', endDate: '2026.02.28' });
    expect(quarterSpan('2025.12.01', 2)).toEqual({ startDate: '2026.03.01', endDate: '2026.05.31' });
    expect(quarterSpan('2025.12.01', 4)).toEqual({ startDate: '2026.09.01', endDate: '2026.11.30' });
    expect(quarterSpan('2026.01.05', 1)).toEqual({ startDate: '2026.01.05', endDate: '2026.04.04' });
  });
  it('clip a start at a month end', () => {
    expect(shiftMonths('2025.11.30', 3)).toBe('2026.02.28');
    expect(quarterSpan('2025.11.30', 1)).toEqual({ startDate: '2025.11.30', endDate: '2026.02.27' });
    expect(quarterSpan('2025.11.30', 2).startDate).toBe('2026.02.28');
  });
  it('are counted as begun by a day', () => {
    expect(quartersBegun('2025.12.01', '2026.11.22')).toBe(4);
    expect(quartersBegun('2025.12.01', '2026.02.28')).toBe(1);
    expect(quartersBegun('2025.12.01', '2026.03.01')).toBe(2);
    expect(quarterLabel(3)).toBe('第三季度');
  });
});
