import type { GrowthTrajectory } from '../../../shared/growth';
import { EChart } from './EChart';
import { formatScore, LEVEL_COLORS, STAGE_COLORS } from './growthStyle';

const pill = (bg: string, color = '#fff') => ({ backgroundColor: bg, color, padding: [4, 8], borderRadius: 10, fontSize: 12, fontWeight: 600 as const });

/**
 * 成长轨迹: the four stage scores across the periods, the threshold as a dashed line, and per period the stage reached —
 * as a coloured pill above the period, and as an enlarged point on that stage's line. All figures come from
 * `growth:trajectory`.
 */
export function TrajectoryChart({ t, height = 360 }: { t: GrowthTrajectory; height?: number }) {
  const thresholds = [...new Set(t.thresholds)];
  const oneThreshold = thresholds.length === 1 ? thresholds[0] : null;
  const levelOf = (i: number) => t.reached[i]?.level ?? 0;
  const scoredAt = (i: number) => t.totals[i] !== null;

  const stageSeries = t.series.map((s, k) => ({
    type: 'line',
    name: s.stage,
    smooth: 0.25,
    connectNulls: true,
    symbol: 'circle',
    symbolSize: 7,
    z: 3,
    lineStyle: { width: 2.5 },
    emphasis: { focus: 'series' },
    data: s.scores.map((v, i) =>
      // The stage reached in that period: a larger ringed point, so the line shows where the cadre stood.
      v !== null && levelOf(i) === k + 1
        ? { value: v, symbolSize: 15, itemStyle: { borderColor: '#fff', borderWidth: 3, shadowBlur: 6, shadowColor: 'rgba(0,0,0,.25)' } }
        : (v ?? '-'),
    ),
    ...(k === 0 && oneThreshold !== null
      ? {
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#595959', width: 1.5 },
            label: { formatter: `达标线 ${formatScore(oneThreshold)}`, position: 'insideEndTop', color: '#595959' },
            data: [{ yAxis: oneThreshold }],
          },
        }
      : {}),
  }));
  // Versions with different thresholds: the threshold of each period as its own dashed line.
  const thresholdSeries =
    oneThreshold === null
      ? [{ type: 'line', name: '达标线', step: 'middle', symbol: 'none', lineStyle: { type: 'dashed', color: '#595959', width: 1.5 }, itemStyle: { color: '#595959' }, data: t.thresholds }]
      : [];

  const tooltip = (params: { dataIndex: number }[]) => {
    const i = params[0]?.dataIndex ?? 0;
    const rows = t.series
      .map((s) => `<div style="display:flex;justify-content:space-between;gap:16px"><span><span style="display:inline-block;width:8px;height:8px;border-radius:4px;background:${STAGE_COLORS[s.stage]};margin-right:6px"></span>${s.stage}</span><b>${formatScore(s.scores[i])}</b></div>`)
      .join('');
    const reached = t.reached[i];
    return [
      `<div style="font-weight:600;margin-bottom:4px">${t.periods[i]}<span style="font-weight:400;color:#8c8c8c;margin-left:8px">${t.states[i]}</span></div>`,
      rows,
      `<div style="border-top:1px solid #f0f0f0;margin-top:6px;padding-top:4px">总分 <b>${formatScore(t.totals[i])}</b>　达到 <b style="color:${LEVEL_COLORS[reached?.level ?? 0]}">${reached?.label ?? '—'}</b></div>`,
      t.partial[i] ? '<div style="color:#d48806">部分评价：有评价主体缺评</div>' : '',
      `<div style="color:#8c8c8c">达标线 ${formatScore(t.thresholds[i])}</div>`,
    ].join('');
  };

  const option = {
    color: t.stages.map((s) => STAGE_COLORS[s]),
    tooltip: { trigger: 'axis', formatter: tooltip, axisPointer: { type: 'line', lineStyle: { color: '#d9d9d9' } } },
    legend: { bottom: 0, icon: 'roundRect', itemWidth: 14, itemHeight: 8, data: [...t.stages, ...(oneThreshold === null ? ['达标线'] : [])] },
    grid: { left: 8, right: 24, top: 12, bottom: 40, containLabel: true },
    xAxis: [
      {
        type: 'category',
        data: t.periods,
        axisTick: { alignWithLabel: true },
        axisLabel: {
          interval: 0,
          color: '#434343',
          formatter: (v: string, i: number) => (t.partial[i] ? `${v}\n{p|部分评价}` : v),
          rich: { p: { color: '#d48806', fontSize: 11, padding: [3, 0, 0, 0] } },
        },
      },
      {
        // The stage reached per period, as pills along the top.
        type: 'category',
        position: 'top',
        data: t.periods.map((_, i) => (scoredAt(i) ? t.reached[i].label : '尚无完整评分')),
        axisLine: { show: false },
        axisTick: { show: false },
        axisPointer: { show: false },
        axisLabel: {
          interval: 0,
          margin: 14,
          formatter: (v: string, i: number) => (scoredAt(i) ? `{l${levelOf(i)}|${v}}` : `{n|${v}}`),
          rich: {
            l0: pill('#f5f5f5', '#8c8c8c'),
            l1: pill(LEVEL_COLORS[1]),
            l2: pill(LEVEL_COLORS[2]),
            l3: pill(LEVEL_COLORS[3]),
            l4: pill(LEVEL_COLORS[4]),
            n: { color: '#bfbfbf', fontSize: 12 },
          },
        },
      },
    ],
    yAxis: { type: 'value', min: 0, max: 100, interval: 20, splitLine: { lineStyle: { color: '#f0f0f0' } }, axisLabel: { color: '#8c8c8c' } },
    series: [...stageSeries, ...thresholdSeries],
  };
  return <EChart option={option} height={height} label={`${t.cadreName}成长轨迹图`} />;
}
