import { describe, expect, it } from 'vitest';
import { countedSpan, formatPercent, mergedLeave, onPostSummary } from '../../shared/onPost';

const leave = (startDate: string, endDate: string) => ({ startDate, endDate });

describe('days on post', () => {
  it('counts overlapping leave once, splits leave across month ends, clips leave to the posting and ignores leave outside it', () => {
    // Posting 2026.01.15–2026.03.10: January 17 days, February 28, March 10 = 55.
    const span = { startDate: '2026.01.15', endDate: '2026.03.10' };
    const sum = onPostSummary(span, [
      leave('2026.01.30', '2026.02.05'), // Jan 30–31 (2) + Feb 1–5
      leave('2026.02.03', '2026.02.10'), // overlaps the one above: together Feb 1–10 (10)
      leave('2026.01.10', '2026.01.16'), // starts before the posting: only Jan 15–16 (2) count
      leave('2026.04.01', '2026.04.05'), // after the posting: ignored
      leave('2025.12.01', '2025.12.31'), // before the posting: ignored
    ]);
    expect(sum.months).toEqual([
      { month: '2026.01', postingDays: 17, leaveDays: 4, onPostDays: 13, ratio: 13 / 17 },
      { month: '2026.02', postingDays: 28, leaveDays: 10, onPostDays: 18, ratio: 18 / 28 },
      { month: '2026.03', postingDays: 10, leaveDays: 0, onPostDays: 10, ratio: 1 },
    ]);
    expect(sum).toMatchObject({ postingDays: 55, leaveDays: 14, onPostDays: 41 });
    expect(sum.ratio).toBeCloseTo(41 / 55, 10);
  });

  it('handles a posting crossing the year end, a leap February and leave covering whole months', () => {
    const sum = onPostSummary({ startDate: '2023.12.20', endDate: '2024.03.01' }, [leave('2024.01.25', '2024.02.29')]);
    expect(sum.months.map((m) => [m.month, m.postingDays, m.leaveDays, m.onPostDays])).toEqual([
      ['2023.12', 12, 0, 12],
      ['2024.01', 31, 7, 24],
      ['2024.02', 29, 29, 0],
      ['2024.03', 1, 0, 1],
    ]);
    expect(sum.postingDays).toBe(73);
    expect(sum.leaveDays).toBe(36);
  });

  it('merges nested and touching entries', () => {
    const span = { startDate: '2026.05.01', endDate: '2026.05.31' };
    expect(mergedLeave(span, [leave('2026.05.01', '2026.05.10'), leave('2026.05.03', '2026.05.04'), leave('2026.05.11', '2026.05.12')]).length).toBe(1);
    expect(onPostSummary(span, [leave('2026.05.01', '2026.05.10'), leave('2026.05.03', '2026.05.04'), leave('2026.05.11', '2026.05.12')]).leaveDays).toBe(12);
    // An entry whose end is before its start is not a leave.
    expect(onPostSummary(span, [leave('2026.05.10', '2026.05.01')]).leaveDays).toBe(0);
  });

  it('has no figures without a span', () => {
    expect(onPostSummary(null, [leave('2026.05.01', '2026.05.02')])).toEqual({ span: null, months: [], postingDays: 0, leaveDays: 0, onPostDays: 0, ratio: null });
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(41 / 55)).toBe('74.5%');
  });
});

describe('the counted span of a posting', () => {
  const p = { startDate: '2026.01.05', plannedEndDate: '2027.01.04', actualEndDate: '' };
  it('runs up to today while the posting runs, and to the planned end once that has passed', () => {
    expect(countedSpan({ ...p, status: '在岗' }, '2026.11.22')).toEqual({ startDate: '2026.01.05', endDate: '2026.11.22' });
    expect(countedSpan({ ...p, status: '延期' }, '2027.02.01')).toEqual({ startDate: '2026.01.05', endDate: '2027.01.04' });
  });
  it('ends at the actual end of an ended posting, and is empty for a planned one or one not started yet', () => {
    expect(countedSpan({ ...p, status: '提前结束（召回）', actualEndDate: '2026.06.30' }, '2026.11.22')).toEqual({ startDate: '2026.01.05', endDate: '2026.06.30' });
    expect(countedSpan({ ...p, status: '拟派' }, '2026.11.22')).toBeNull();
    expect(countedSpan({ ...p, status: '在岗' }, '2025.12.31')).toBeNull();
  });
  it('gives a running posting started mid-month only its days so far', () => {
    const sum = onPostSummary(countedSpan({ ...p, startDate: '2026.11.16', status: '在岗' }, '2026.11.22'), [leave('2026.11.20', '2026.11.30')]);
    expect(sum.months).toEqual([{ month: '2026.11', postingDays: 7, leaveDays: 3, onPostDays: 4, ratio: 4 / 7 }]);
  });
});
