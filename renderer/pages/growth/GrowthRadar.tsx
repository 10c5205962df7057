import { Flex, Segmented, Typography } from 'antd';
import { useState } from 'react';
import type { GrowthTrajectory } from '../../../shared/growth';
import { EChart } from './EChart';
import { formatScore } from './growthStyle';

/** The latest scored evaluation as a radar, by stage or by indicator, with the threshold as a dashed ring. */
export function GrowthRadar({ radar, height = 320 }: { radar: NonNullable<GrowthTrajectory['radar']>; height?: number }) {
  const [by, setBy] = useState<'stage' | 'indicator'>('stage');
  const data = by === 'stage' ? radar.byStage : radar.byIndicator;
  const option = {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, icon: 'roundRect', itemWidth: 14, itemHeight: 8, data: [radar.period, '达标线'] },
    radar: {
      indicator: data.indicator,
      radius: by === 'stage' ? '58%' : '56%',
      center: ['50%', '47%'],
      clockwise: true,
      splitNumber: 5,
      // The score under each name (not on the points, where it would sit on the rings and the other labels).
      axisName: {
        color: '#434343',
        fontSize: by === 'stage' ? 13 : 11,
        formatter: (name: string) => `${name}\n{v|${formatScore(data.value[data.indicator.findIndex((x) => x.name === name)])}}`,
        rich: { v: { color: '#b7202e', fontWeight: 600, fontSize: by === 'stage' ? 14 : 11, align: 'center', padding: [2, 0, 0, 0] } },
      },
      splitArea: { areaStyle: { color: ['#fff', '#fafafa'] } },
      splitLine: { lineStyle: { color: '#e8e8e8' } },
      axisLine: { lineStyle: { color: '#e8e8e8' } },
    },
    series: [
      {
        type: 'radar',
        data: [
          {
            name: radar.period,
            value: data.value,
            symbolSize: 6,
            lineStyle: { width: 2, color: '#b7202e' },
            itemStyle: { color: '#b7202e' },
            areaStyle: { color: 'rgba(183,32,46,.18)' },
          },
          {
            name: '达标线',
            value: data.indicator.map(() => radar.threshold),
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#595959', width: 1.2 },
            itemStyle: { color: '#595959' },
          },
        ],
      },
    ],
  };
  return (
    <Flex vertical gap={4}>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{`最近一次：${radar.period}`}</Typography.Text>
        <Segmented
          size="small"
          value={by}
          onChange={(v) => setBy(v as 'stage' | 'indicator')}
          options={[
            { value: 'stage', label: '按阶段' },
            { value: 'indicator', label: '按指标' },
          ]}
        />
      </Flex>
      <EChart option={option} height={height} label={`成长雷达图（${radar.period}）`} />
    </Flex>
  );
}
