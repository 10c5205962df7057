import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { CSSProperties } from 'react';

// Only what the growth charts use, so the bundle stays small; canvas rendering keeps within the page's CSP.
echarts.use([LineChart, BarChart, RadarChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, MarkPointComponent, RadarComponent, CanvasRenderer]);

/** The font the rest of the app uses, so chart labels match the antd text around them. */
export const CHART_FONT = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";

/** An ECharts chart (canvas). The option is replaced whole on every change. */
export function EChart({ option, height, label, style }: { option: Record<string, unknown>; height: number; label: string; style?: CSSProperties }) {
  return (
    <div role="img" aria-label={label} data-chart={label}>
      <ReactEChartsCore
        echarts={echarts}
        option={{ textStyle: { fontFamily: CHART_FONT }, animationDuration: 500, ...option }}
        notMerge
        lazyUpdate
        opts={{ renderer: 'canvas' }}
        style={{ height, width: '100%', ...style }}
      />
    </div>
  );
}
