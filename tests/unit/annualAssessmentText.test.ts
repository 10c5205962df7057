import { describe, expect, it } from 'vitest';
import { mergeAnnualAssessment, proposeAnnualAssessment, readAnnualAssessment } from '../../shared/annualAssessmentText';

describe('年度考核结果 text', () => {
  it('reads single-year and multi-year statements', () => {
    const r = readAnnualAssessment('2023年、2024年年度考核均为称职，2025年年度考核优秀');
    expect([...r.grades]).toEqual([[2023, '称职'], [2024, '称职'], [2025, '优秀']]);
    expect(r.other).toEqual([]);
    expect([...readAnnualAssessment('2021年度考核基本称职；2022年度考核不确定等次').grades]).toEqual([[2021, '基本称职'], [2022, '不确定等次']]);
  });

  it('adds, replaces and removes a year, writing one statement per year in order', () => {
    const text = '2023年、2024年年度考核均为称职，2025年年度考核优秀';
    expect(mergeAnnualAssessment(text, new Map([[2026, '优秀']]))).toBe(
      '2023年年度考核称职；2024年年度考核称职；2025年年度考核优秀；2026年年度考核优秀',
    );
    expect(mergeAnnualAssessment(text, new Map([[2024, '优秀']]))).toBe('2023年年度考核称职；2024年年度考核优秀；2025年年度考核优秀');
    expect(mergeAnnualAssessment(text, new Map([[2025, null]]))).toBe('2023年年度考核称职；2024年年度考核称职');
    expect(mergeAnnualAssessment('', new Map([[2024, '优秀']]))).toBe('2024年年度考核优秀');
  });

  it('keeps what it cannot read, in front', () => {
    expect(mergeAnnualAssessment('2022年荣立三等功；2023年年度考核优秀', new Map([[2024, '称职']]))).toBe(
      '2022年荣立三等功；2023年年度考核优秀；2024年年度考核称职',
    );
  });

  it('proposes as small a change as it can: a new year added at the end, the clerk’s wording kept', () => {
    const text = '2023年、2024年年度考核均为称职，2025年年度考核优秀。';
    expect(proposeAnnualAssessment(text, 2026, '优秀')).toBe('2023年、2024年年度考核均为称职，2025年年度考核优秀；2026年年度考核优秀');
    expect(proposeAnnualAssessment(text, 2025, '优秀')).toBe(text);
    expect(proposeAnnualAssessment(text, 2025, '称职')).toBe('2023年年度考核称职；2024年年度考核称职；2025年年度考核称职');
    expect(proposeAnnualAssessment(text, 2025, null)).toBe('2023年年度考核称职；2024年年度考核称职');
    expect(proposeAnnualAssessment(text, 2026, null)).toBe(text);
    expect(proposeAnnualAssessment('  ', 2026, '称职')).toBe('2026年年度考核称职');
  });
});
