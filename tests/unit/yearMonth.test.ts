import { describe, expect, it } from 'vitest';
import { ageAt, formatBirthWithAge, parseYearMonth, parseYearMonthDay, toCompactDate } from '../../shared/validators/yearMonth';

describe('年月', () => {
  it('reads the variants seen in files and rosters', () => {
    for (const v of ['198503', '19850324', '1985.03', '1985.3', '1985-03', '1985/3', '1985年3月', '1985年03月24日', '1985.03.24']) expect(parseYearMonth(v), v).toBe('1985.03');
  });
  it('rejects what is not a year-month', () => {
    for (const v of ['', '1985', '198513', '1985.00', '19850230', 'abc', '85.03']) expect(parseYearMonth(v), v).toBeNull();
  });
  it('keeps the day where there is one', () => {
    expect(parseYearMonthDay('20240815')).toBe('2024.08.15');
    expect(parseYearMonthDay('2024.8.5')).toBe('2024.08.05');
    expect(parseYearMonthDay('2024.02.30')).toBeNull();
    // Year-months are not days.
    expect(parseYearMonthDay('198512')).toBeNull();
    expect(parseYearMonthDay('1985.12')).toBeNull();
    expect(parseYearMonthDay('2024年8月5日')).toBe('2024.08.05');
  });
  it('counts age the way forms do', () => {
    expect(ageAt('1985.03', '2024.03')).toBe(39);
    expect(ageAt('1985.03', '2024.02.28')).toBe(38);
    expect(formatBirthWithAge('1985.03', '2024.08.01')).toBe('1985.03（39岁）');
    expect(toCompactDate('1985.03')).toBe('198503');
    expect(toCompactDate('2024.08.15')).toBe('20240815');
  });
});
