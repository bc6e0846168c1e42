// Reads what a prediction's logs tell: progress from tqdm-style bars and the seed the model
// used. Models print these to stdout; Replicate returns the text in `logs`.

/**
 * Percent done (0–100) from the last progress line in `logs`, or undefined. Understands tqdm
 * bars (` 45%|████▌     | 23/50 [00:03<00:04, 6.1it/s]`) and bare `23/50` step counters.
 */
export function parseLogProgress(logs: string | null | undefined): number | undefined {
  if (!logs) return undefined;
  // tqdm redraws with \r, so both line ends split records.
  const lines = logs.split(/[\r\n]+/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] as string;
    const bar = /^\s*(\d{1,3})%\s*\|/.exec(line);
    if (bar) return Math.min(100, Number(bar[1]));
    const steps = /^\s*(?:\S+:\s*)?(\d+)\/(\d+)(?:\s|\[|$)/.exec(line);
    if (steps) {
      const current = Number(steps[1]);
      const total = Number(steps[2]);
      if (total > 0 && current <= total) return Math.round((current / total) * 100);
    }
  }
  return undefined;
}

/** The seed from a `Using seed: 1234` line, which SDXL and FLUX print. */
export function parseLogSeed(logs: string | null | undefined): number | undefined {
  if (!logs) return undefined;
  const match = /using seed:?\s*(\d+)/i.exec(logs);
  if (!match) return undefined;
  const seed = Number(match[1]);
  return Number.isSafeInteger(seed) ? seed : undefined;
}
