import { Raster, type MarkerShape, type Rgb } from './raster';

/**
 * The growth trajectory as a picture: one line per stage across the evaluation periods, scores 0–100 on the y
 * axis with grid lines every 20, the pass mark as a dashed line. Drawn in the main process (no browser), as a PNG.
 * The picture holds no words: the period names go in a table whose columns line up with the points (see
 * `labelColumnsMm`), the legend in a paragraph under it, so both print in the official font.
 * Each stage has its own colour and marker shape, so the chart still reads on a black-and-white printer.
 */

export interface ChartSeries {
  scores: readonly (number | null)[];
}

export interface TrajectoryChartInput {
  /** How many periods (x positions). */
  periods: number;
  /** One line per stage, in GROWTH_STAGES order. */
  series: readonly ChartSeries[];
  /** The pass mark (dashed line); null for none. */
  threshold: number | null;
}

export interface SeriesStyle {
  color: Rgb;
  /** #RRGGBB for the legend's text run. */
  hex: string;
  shape: MarkerShape;
  /** The legend's symbol for the shape. */
  symbol: string;
}

export const SERIES_STYLES: readonly SeriesStyle[] = [
  { color: [0x1f, 0x5a, 0xa8], hex: '1F5AA8', shape: 'circle', symbol: '●' },
  { color: [0x2e, 0x8b, 0x57], hex: '2E8B57', shape: 'square', symbol: '■' },
  { color: [0xd0, 0x7a, 0x10], hex: 'D07A10', shape: 'triangle', symbol: '▲' },
  { color: [0xb0, 0x2a, 0x37], hex: 'B02A37', shape: 'diamond', symbol: '◆' },
];
export const THRESHOLD_COLOR = { color: [0x70, 0x70, 0x70] as Rgb, hex: '707070' };

const DPI = 200;
const px = (mm: number) => (mm / 25.4) * DPI;
/** Plot area insets, millimetres: room for the y labels on the left. */
const INSET = { left: 11, right: 3, top: 3.5, bottom: 3 };
const GRID: Rgb = [0xdc, 0xdc, 0xdc];
const AXIS: Rgb = [0x40, 0x40, 0x40];
const LABEL: Rgb = [0x30, 0x30, 0x30];

export interface TrajectoryChart {
  png: Buffer;
  widthMm: number;
  heightMm: number;
  /**
   * Column widths (mm) of a label table under the picture: the left inset, one column per period centred on its
   * point, the right inset. They add up to `widthMm`.
   */
  labelColumnsMm: number[];
}

export function trajectoryChart(input: TrajectoryChartInput, widthMm: number, heightMm: number): TrajectoryChart {
  const W = Math.round(px(widthMm));
  const H = Math.round(px(heightMm));
  const r = new Raster(W, H);
  const n = Math.max(1, input.periods);
  const left = px(INSET.left);
  const right = W - px(INSET.right);
  const top = px(INSET.top);
  const bottom = H - px(INSET.bottom);
  const step = (right - left) / n;
  const xOf = (i: number) => left + (i + 0.5) * step;
  const yOf = (score: number) => bottom - (Math.max(0, Math.min(100, score)) / 100) * (bottom - top);

  // Grid lines and y labels every 20 points; the axes on top of the grid.
  const scale = 3;
  for (let v = 0; v <= 100; v += 20) {
    const y = yOf(v);
    if (v > 0) r.polyline([[left, y], [right, y]], 1.6, GRID);
    const label = String(v);
    r.digits(label, left - px(1.6) - Raster.digitsWidth(label, scale), y - 3.5 * scale, scale, LABEL);
  }
  for (let i = 0; i < n; i++) r.polyline([[xOf(i), bottom], [xOf(i), bottom + px(1.2)]], 2, AXIS);
  r.polyline([[left, top - px(1)], [left, bottom], [right, bottom]], 2.4, AXIS);

  if (input.threshold !== null) {
    const y = yOf(input.threshold);
    r.dashedLine(left, y, right, y, 3, THRESHOLD_COLOR.color, px(2.2), px(1.4));
  }

  // Lines break where a period has no score; a lone score is still shown by its marker.
  input.series.forEach((s, k) => {
    const style = SERIES_STYLES[k % SERIES_STYLES.length];
    let run: [number, number][] = [];
    const flush = () => {
      if (run.length > 1) r.polyline(run, 5, style.color);
      run = [];
    };
    s.scores.forEach((score, i) => {
      if (score === null) flush();
      else run.push([xOf(i), yOf(score)]);
    });
    flush();
  });
  input.series.forEach((s, k) => {
    const style = SERIES_STYLES[k % SERIES_STYLES.length];
    s.scores.forEach((score, i) => {
      if (score === null) return;
      r.marker(xOf(i), yOf(score), 13, style.shape, [255, 255, 255]);
      r.marker(xOf(i), yOf(score), 10, style.shape, style.color);
    });
  });

  const stepMm = (widthMm - INSET.left - INSET.right) / n;
  return {
    png: r.png(DPI),
    widthMm,
    heightMm,
    labelColumnsMm: [INSET.left, ...Array.from({ length: n }, () => stepMm), INSET.right],
  };
}
