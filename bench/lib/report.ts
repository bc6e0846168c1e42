// One result format for every benchmark: a row per measurement, with the baseline it was
// compared against in the same run. `pnpm bench` collects the rows and prints one table.

export interface BenchRow {
  /** What was measured, e.g. "import 500 images: storage path". */
  name: string;
  /** The measured figure. */
  value: number;
  /** Unit of `value`: 'ms', 'ops/s', 'MB/s', 'req/s', 'urls', ... */
  unit: string;
  /** The baseline measured in the same run, when the row is a comparison. */
  baseline?: { name: string; value: number };
  /**
   * value ÷ baseline for throughput-like units, baseline ÷ value for time-like units, so
   * that a ratio ≥ 1 always means "at least as good as the baseline".
   */
  ratio?: number;
  /** The target from the issue, in words, e.g. "≥ 0.8×". */
  target?: string;
  /** Whether the target was met, when there is one. Reported, never asserted. */
  met?: boolean;
  note?: string;
}

export interface BenchSuiteResult {
  suite: string;
  environment: string;
  rows: BenchRow[];
}

/** Units where less is better (time, memory held): their ratio is baseline ÷ value. */
const costUnits = new Set(['ms', 's', 'µs', 'ns', 'MB']);

/** Builds a comparison row, computing the ratio so that ≥ 1 means "as good or better". */
export function compare(
  name: string,
  value: number,
  unit: string,
  baseline: { name: string; value: number },
  target?: { text: string; minRatio: number },
): BenchRow {
  const ratio = costUnits.has(unit) ? baseline.value / value : value / baseline.value;
  const row: BenchRow = { name, value, unit, baseline, ratio };
  if (target) {
    row.target = target.text;
    row.met = ratio >= target.minRatio;
  }
  return row;
}

/** Percentile of a list of numbers (p in 0..100), nearest-rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/** Median of several timed runs of `fn`, in ms, after `warmup` untimed runs. */
export async function medianMs(fn: () => Promise<unknown> | unknown, runs = 5, warmup = 1) {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return percentile(times, 50);
}
