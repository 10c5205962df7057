import {
  GROWTH_RATERS,
  GROWTH_STAGES,
  NOT_REACHED_LABEL,
  NOT_SCORED_LABEL,
  type GrowthRater,
  type GrowthResult,
  type GrowthStage,
  type RaterPresence,
  type RaterStatus,
  type RaterWeights,
  type StageScore,
} from './growth';

/**
 * The one place a growth evaluation's numbers are computed (services, charts, the bench and the tests use it).
 *
 * - A rater counts as present only when they scored every indicator of the template. A rater who scored some
 *   indicators is "未评完": left out of the result like a missing one (the evaluation can be saved as a draft,
 *   but submitting it is refused, naming the indicators still to score).
 * - Indicator score = the rater-weighted mean over the raters present: Σ w_r·s_r / Σ w_r, i.e. the template's
 *   rater weights renormalised over those present. A missing rater with a weight above 0 marks the result partial.
 * - Stage score = the indicator-weighted mean of its indicators' scores (weights within the stage), 0–100.
 * - Total = Σ W_i·x_i / Σ W_i over all indicators (the weights sum to 100, so this is Σ W_i·x_i / 100).
 * - Stage reached = the highest stage s such that stages 1…s all score at least the threshold; none: 未达到学习者.
 * - Scores are rounded to two decimals (half up) and the rounded stage scores are what the threshold is compared
 *   with, so that what the user sees is what counts.
 * - No rater present (or only raters weighing 0): no result, 尚无完整评分.
 */
export interface ScoringTemplate {
  threshold: number;
  raterWeights: RaterWeights;
  stages: { stage: GrowthStage; indicators: { code: string; weight: number }[] }[];
}

/** Per rater: indicator code → score; absent or null means not scored. */
export type RatingScores = Partial<Record<GrowthRater, { scores: Record<string, number | null | undefined> } | undefined>>;

/** Two decimals, half up; the tiny nudge makes 59.995 (stored as 59.99499…) round as written. */
export const round2 = (x: number) => Math.round(x * 100 + 1e-7) / 100;

const isScore = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Which indicators each rater has scored, and whether that makes them present. */
export function raterStatuses(template: ScoringTemplate, ratings: RatingScores): { rater: GrowthRater; status: RaterStatus; missingIndicators: string[] }[] {
  const codes = template.stages.flatMap((s) => s.indicators.map((i) => i.code));
  return GROWTH_RATERS.map((rater) => {
    const scores = ratings[rater]?.scores ?? {};
    const missingIndicators = codes.filter((c) => !isScore(scores[c]));
    const status: RaterStatus = missingIndicators.length === 0 ? 'complete' : missingIndicators.length === codes.length ? 'missing' : 'incomplete';
    return { rater, status, missingIndicators };
  });
}

/** How many stages are reached: the count of leading stages whose (rounded) score meets the threshold. */
export function reachedLevel(stageScores: readonly (number | null)[], threshold: number): number {
  let level = 0;
  while (level < stageScores.length && stageScores[level] !== null && stageScores[level]! >= threshold) level++;
  return level;
}

/** The label of a level: 0 → 未达到学习者, 1 → 学习者 … 4 → 传递者. */
export function levelLabel(level: number): string {
  return level === 0 ? NOT_REACHED_LABEL : GROWTH_STAGES[level - 1];
}

export function scoreEvaluation(template: ScoringTemplate, ratings: RatingScores): GrowthResult {
  const statuses = raterStatuses(template, ratings);
  const present = statuses.filter((s) => s.status === 'complete').map((s) => s.rater);
  const weightSum = present.reduce((a, r) => a + template.raterWeights[r], 0);
  const scored = present.length > 0 && weightSum > 0;

  const raters: RaterPresence[] = statuses.map((s) => ({
    ...s,
    weight: template.raterWeights[s.rater],
    appliedWeight: scored && s.status === 'complete' ? round2((template.raterWeights[s.rater] / weightSum) * 100) : 0,
  }));
  const missingRaters = statuses.filter((s) => s.status !== 'complete' && template.raterWeights[s.rater] > 0).map((s) => s.rater);

  const indicatorScores: Record<string, number | null> = {};
  const stageScores: StageScore[] = [];
  let weighted = 0;
  let allWeights = 0;
  for (const stage of template.stages) {
    let stageWeighted = 0;
    let stageWeights = 0;
    for (const ind of stage.indicators) {
      if (!scored) {
        indicatorScores[ind.code] = null;
        continue;
      }
      const x = present.reduce((a, r) => a + template.raterWeights[r] * (ratings[r]!.scores[ind.code] as number), 0) / weightSum;
      indicatorScores[ind.code] = round2(x);
      stageWeighted += ind.weight * x;
      stageWeights += ind.weight;
    }
    weighted += stageWeighted;
    allWeights += stageWeights;
    const score = scored && stageWeights > 0 ? round2(stageWeighted / stageWeights) : null;
    stageScores.push({ stage: stage.stage, score, meetsThreshold: score !== null && score >= template.threshold });
  }

  const level = scored ? reachedLevel(stageScores.map((s) => s.score), template.threshold) : 0;
  return {
    scored,
    threshold: template.threshold,
    stageScores,
    indicatorScores,
    total: scored && allWeights > 0 ? round2(weighted / allWeights) : null,
    reached: level === 0 ? null : GROWTH_STAGES[level - 1],
    reachedLevel: level,
    reachedLabel: scored ? levelLabel(level) : NOT_SCORED_LABEL,
    partial: scored && missingRaters.length > 0,
    presentRaters: present,
    missingRaters,
    raters,
  };
}
