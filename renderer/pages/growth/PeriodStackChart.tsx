import { GROWTH_STAGES, NOT_REACHED_LABEL, type BatchGrowthOverview } from '../../../shared/growth';
import { EChart } from './EChart';
import { LEVEL_COLORS } from './growthStyle';

/** The batch across the periods: per period, how many were at each level (stacked), so the move to 传递者 shows. */
export function PeriodStackChart({ o, height = 260 }: { o: BatchGrowthOverview; height?: number }) {
  const labels = [NOT_REACHED_LABEL, ...GROWTH_STAGES];
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 8, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: o.byPeriod.map((p) => p.period), axisTick: { show: false }, axisLabel: { interval: 0, color: '#434343' } },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#f0f0f0' } }, axisLabel: { color: '#8c8c8c' } },
    series: labels.map((label, level) => ({
      type: 'bar',
      name: label,
      stack: 'level',
      barMaxWidth: 36,
      itemStyle: { color: LEVEL_COLORS[level] },
      emphasis: { focus: 'series' },
      data: o.byPeriod.map((p) => p.counts[level] || '-'),
    })),
  };
  return <EChart option={option} height={height} label="各时段阶段分布" />;
}
