import { describe, expect, it } from 'vitest';
import { BREAK_OPPORTUNITY, WORD_JOINER, breakBeforeNumbers, formatScore, formatWanFixed, scoreText, wanDecimals, withUnit, withoutJoiners } from '../../electron/documents/formatting';
import { originalPostOf } from '../../electron/documents/viewModels/printedPosting';
import { categoryTotalText } from '../../electron/documents/viewModels/resultLines';
import { otherResultText } from '../../electron/documents/viewModels/summaryViewModel';

/** How the forms print scores, money, numbers with their measure words and 原单位及职务. */

describe('scores', () => {
  it('print without trailing zeros, to two decimals at most', () => {
    expect([76, 76.5, 76.25, 76.254, 76.0, 0, 100].map(formatScore)).toEqual(['76', '76.5', '76.25', '76.25', '76', '0', '100']);
    expect([null, undefined, Number.NaN].map(formatScore)).toEqual(['', '', '']);
    expect(withoutJoiners(scoreText(76))).toBe('76分');
    expect(withoutJoiners(scoreText(76.5))).toBe('76.5分');
    expect(scoreText(null)).toBe('');
  });
});

describe('money in 万元', () => {
  it('takes the fewest decimals that print every amount of a table to the 元', () => {
    expect(wanDecimals([5500, 6500, null])).toBe(0);
    expect(wanDecimals([5500, 260.5, null])).toBe(1);
    expect(wanDecimals([100.25, 105])).toBe(2);
    expect(wanDecimals([0.0125])).toBe(4);
    expect(wanDecimals([])).toBe(0);
    expect([5500, 260.5].map((a) => formatWanFixed(a, 1))).toEqual(['5500.0', '260.5']);
  });
});

describe('numbers and their measure words', () => {
  it('are joined so that no line breaks between them, nor inside 万元 or 人次', () => {
    expect(withUnit(35, '万元')).toBe(`35${WORD_JOINER}万${WORD_JOINER}元`);
    expect(withUnit('5', '场')).toBe(`5${WORD_JOINER}场`);
    expect(withUnit(3, '')).toBe('3');
  });

  it('leave a break after a comma or colon that a number follows', () => {
    expect(breakBeforeNumbers('活动组织4场、1200人次')).toBe(`活动组织4场、${BREAK_OPPORTUNITY}1200人次`);
    expect(breakBeforeNumbers('2项，签约资金5500万元')).toBe('2项，签约资金5500万元');
  });

  it('in the results lines of the 考核鉴定表 and the 汇总表', () => {
    const total = { category: '活动组织' as const, count: 2, amount: 35, amountLabel: '金额', quantities: [{ unit: '场', quantity: 4 }, { unit: '人次', quantity: 1200 }] };
    expect(withoutJoiners(categoryTotalText(total))).toBe('2项，金额35万元，4场，1200人次');
    expect(categoryTotalText(total)).toContain(`4${WORD_JOINER}场`);
    expect(withoutJoiners(otherResultText(total))).toBe('活动组织4场、1200人次，金额35万元');
    expect(otherResultText(total)).toContain(`1200${WORD_JOINER}人${WORD_JOINER}次`);
  });
});

describe('原单位及职务', () => {
  const file = { workUnit: '某市文化和旅游局', currentPosition: '某市文化和旅游局产业发展科副科长' };
  it('is the posting’s own, else the file’s current post', () => {
    expect(originalPostOf({ originalUnit: '某县农业农村局', originalPost: '副局长' }, file)).toBe('某县农业农村局副局长');
    expect(originalPostOf({ originalUnit: '', originalPost: '' }, file)).toBe('某市文化和旅游局产业发展科副科长');
    expect(originalPostOf({ originalUnit: ' ', originalPost: '' }, { workUnit: '', currentPosition: '' })).toBe('');
  });
});
