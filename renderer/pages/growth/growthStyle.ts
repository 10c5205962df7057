import { GROWTH_STAGES, type GrowthStage } from '../../../shared/growth';

/**
 * The colours of the four stages, cool to warm: the road from 学习者 to 传递者 ends in the app's own red. Used by
 * every chart, tag and bar of the growth screens so that a stage always reads the same.
 */
export const STAGE_COLORS: Readonly<Record<GrowthStage, string>> = {
  学习者: '#4e7fd6',
  参与者: '#17a2a2',
  践行者: '#e09b17',
  传递者: '#b7202e',
};

/** Level 0 (未达到学习者) … 4 (传递者). */
export const LEVEL_COLORS: readonly string[] = ['#a6a6a6', ...GROWTH_STAGES.map((s) => STAGE_COLORS[s])];

/** One line of what each stage means, for tooltips and the stepper. */
export const STAGE_HINTS: Readonly<Record<GrowthStage, string>> = {
  学习者: '转变角色，学习理念，融入集体',
  参与者: '参与重点工作，承担日常事务',
  践行者: '独立承办，解决问题，取得实绩',
  传递者: '总结经验，成果转化，传帮带',
};

/** Scores as the backend rounded them (two decimals), without trailing zeros: 82.5, 60, 71.35. */
export const formatScore = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));
