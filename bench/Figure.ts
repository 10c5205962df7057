/**
 * One benchmark figure: a measured value printed as a ratio against a baseline measured in the same run
 * (never a timed assertion in a test). `target` says what the issue asks for; `pass` whether it is met.
 */
export interface FigureLine {
  label: string;
  /** The measured time (or size) of the product's code path. */
  value: number;
  /** The same work done the plain way, in the same run (raw SQL, docxtemplater, …). */
  baseline: number;
  unit: 'ms' | 'MB';
  /** e.g. "≤ 1.5× baseline, p95 < 20 ms" */
  target: string;
  pass: boolean;
  /** Anything else worth printing (p95, counts). */
  detail?: string;
}

export interface Figure {
  name: string;
  run(): Promise<FigureLine[]>;
}

/** Runs `fn` `n` times and returns the timings in ms, sorted. */
export async function timeRuns(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

export const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)];
export const p95 = (sorted: number[]) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
