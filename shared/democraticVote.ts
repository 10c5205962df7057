import { z } from 'zod';

/**
 * 民主测评 of an end-of-term assessment: votes per grade plus 弃权, and the two rates the forms print.
 *
 * Denominator: every vote cast, 弃权 included (有效票 = 优秀 + 称职 + 基本称职 + 不称职 + 弃权). This is the common
 * practice of 组织部门: a rate says what share of the people who took part rated the cadre so, and an abstention is
 * a vote that did not rate them 优秀/称职 — leaving it out would inflate the rates when many abstain.
 *   优秀率 = 优秀 / 有效票
 *   称职以上率 = (优秀 + 称职) / 有效票
 * Both are null while no vote is recorded.
 */
const count = z
  .number({ error: '应为票数（整数）' })
  .int('应为整数')
  .min(0, '不能为负数')
  .max(100_000, '不能超过100000票')
  .default(0);

/** Every count defaults to 0: stored 期满考核 rows are read through it (storedJson.ts), so a grade added later reads 0, not NaN. */
export const VoteCountsSchema = z.object({
  excellent: count,
  competent: count,
  basic: count,
  incompetent: count,
  abstain: count,
});
export type VoteCounts = z.output<typeof VoteCountsSchema>;

/** The columns of a 民主测评 table, in print order. */
export const VOTE_COLUMNS: readonly { key: keyof VoteCounts; label: string }[] = [
  { key: 'excellent', label: '优秀' },
  { key: 'competent', label: '称职' },
  { key: 'basic', label: '基本称职' },
  { key: 'incompetent', label: '不称职' },
  { key: 'abstain', label: '弃权' },
];

export const noVotes = (): VoteCounts => ({ excellent: 0, competent: 0, basic: 0, incompetent: 0, abstain: 0 });

export interface VoteRates {
  /** 有效票: all votes cast, 弃权 included. */
  total: number;
  /** 优秀率 (0–1) */
  excellentRate: number | null;
  /** 称职以上率 (0–1) */
  competentOrBetterRate: number | null;
}

export function voteRates(v: VoteCounts): VoteRates {
  const total = v.excellent + v.competent + v.basic + v.incompetent + v.abstain;
  if (total === 0) return { total, excellentRate: null, competentOrBetterRate: null };
  return { total, excellentRate: v.excellent / total, competentOrBetterRate: (v.excellent + v.competent) / total };
}
