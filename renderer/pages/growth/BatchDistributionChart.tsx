import type { BatchGrowthOverview } from '../../../shared/growth';
import { EChart } from './EChart';
import { LEVEL_COLORS } from './growthStyle';

/** How many members reached each level in the period: 未达到学习者 … 传递者, one bar each, in the stage colours. */
export function BatchDistributionChart({ o, height = 260 }: { o: BatchGrowthOverview; height?: number }) {
  const option = {
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}：${p.value} 人` },
    grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: o.distribution.map((d) => d.label),
      axisTick: { show: false },
      axisLabel: { interval: 0, color: '#434343', formatter: (v: string) => (v.length > 3 ? v.replace('学习者', '\n学习者') : v) },
    },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#f0f0f0' } }, axisLabel: { color: '#8c8c8c' } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 44,
        data: o.distribution.map((d) => ({ value: d.count, itemStyle: { color: LEVEL_COLORS[d.level], borderRadius: [4, 4, 0, 0] } })),
        label: { show: true, position: 'top', formatter: '{c} 人', color: '#262626', fontWeight: 600 },
      },
    ],
  };
  return <EChart option={option} height={height} label={`达到阶段分布（${o.period}）`} />;
}
