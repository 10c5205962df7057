import { describe, expect, it } from 'vitest';
import { VoteCountsSchema, voteRates } from '../../shared/democraticVote';
import { formatPercent } from '../../shared/onPost';

describe('民主测评 rates', () => {
  it('divides by every vote cast, 弃权 included', () => {
    // 30 优秀, 12 称职, 2 基本称职, 0 不称职, 1 弃权 = 45 votes.
    const r = voteRates({ excellent: 30, competent: 12, basic: 2, incompetent: 0, abstain: 1 });
    expect(r.total).toBe(45);
    expect(r.excellentRate).toBeCloseTo(30 / 45, 12); // 66.7%
    expect(r.competentOrBetterRate).toBeCloseTo(42 / 45, 12); // 93.3%
    expect(formatPercent(r.excellentRate)).toBe('66.7%');
    expect(formatPercent(r.competentOrBetterRate)).toBe('93.3%');
  });

  it('lowers both rates when more people abstain', () => {
    const without = voteRates({ excellent: 20, competent: 5, basic: 0, incompetent: 0, abstain: 0 });
    const withAbstentions = voteRates({ excellent: 20, competent: 5, basic: 0, incompetent: 0, abstain: 5 });
    expect(without.excellentRate).toBe(0.8);
    expect(without.competentOrBetterRate).toBe(1);
    expect(withAbstentions.excellentRate).toBeCloseTo(20 / 30, 12);
    expect(withAbstentions.competentOrBetterRate).toBeCloseTo(25 / 30, 12);
  });

  it('has no rates before any vote, and refuses negative or fractional counts', () => {
    expect(voteRates(VoteCountsSchema.parse({}))).toEqual({ total: 0, excellentRate: null, competentOrBetterRate: null });
    expect(VoteCountsSchema.safeParse({ excellent: -1 }).success).toBe(false);
    expect(VoteCountsSchema.safeParse({ competent: 1.5 }).success).toBe(false);
  });
});
