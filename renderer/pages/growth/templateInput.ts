import type { GrowthTemplate, GrowthTemplateInput } from '../../../shared/growth';

/** A stored version as the editor's input: a copy (`basedOnId` = the version copied) or the draft itself. */
export function templateInput(t: GrowthTemplate, basedOnId: number | null): GrowthTemplateInput {
  return {
    templateName: t.templateName,
    threshold: t.threshold,
    raterWeights: { ...t.raterWeights },
    notes: t.notes,
    basedOnId,
    stages: t.stages.map((s) => ({
      stage: s.stage,
      stageDescription: s.stageDescription,
      indicators: s.indicators.map((i) => ({ indicatorName: i.indicatorName, indicatorDescription: i.indicatorDescription, weight: i.weight, guidance: i.guidance })),
    })),
  };
}

/** A sum of weights as the schema adds them (two decimals), for the editor's 当前合计. */
export const weightSum = (xs: readonly unknown[]) => Math.round(xs.reduce<number>((a, x) => a + (typeof x === 'number' && Number.isFinite(x) ? x : 0), 0) * 100) / 100;
