import type { BatchGrowthOverview } from '../../../shared/growth';
import { EChart } from './EChart';
import { formatScore, STAGE_COLORS } from './growthStyle';

/** The batch's average score of each stage in the period (horizontal bars), against the threshold in force. */
export function StageAverageChart({ o, threshold, height = 260 }: { o: BatchGrowthOverview; threshold: number | null; height?: number }) {
  const rows = [...o.averagePerStage].reverse();
  const option = {
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: number | null }) => `${p.name}平均：${formatScore(p.value)} 分` },
    grid: { left: 8, right: 20, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100, interval: 20, splitLine: { lineStyle: { color: '#f0f0f0' } }, axisLabel: { color: '#8c8c8c' } },
    yAxis: { type: 'category', data: rows.map((r) => r.stage), axisTick: { show: false }, axisLabel: { color: '#434343', fontWeight: 600 } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 22,
        data: rows.map((r) => ({ value: r.average ?? '-', itemStyle: { color: STAGE_COLORS[r.stage], borderRadius: [0, 4, 4, 0] } })),
        label: { show: true, position: 'insideRight', formatter: (p: { value: number }) => formatScore(p.value), color: '#fff', fontWeight: 600 },
        ...(threshold !== null
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                lineStyle: { type: 'dashed', color: '#595959', width: 1.5 },
                label: { formatter: `达标线 ${formatScore(threshold)}`, position: 'end', color: '#595959' },
                data: [{ xAxis: threshold }],
              },
            }
          : {}),
      },
    ],
  };
  return <EChart option={option} height={height} label={`各阶段平均分（${o.period}）`} />;
}
