// Writes a suite's rows where `pnpm bench` collects them (Chromium benchmarks run through
// Vitest browser mode; the file is written by the Vitest server on the page's behalf).
import { commands } from 'vitest/browser';
import type { BenchRow, BenchSuiteResult } from './report';

export async function writeResults(suite: string, rows: BenchRow[]): Promise<void> {
  const result: BenchSuiteResult = { suite, environment: navigator.userAgent, rows };
  // Paths are relative to the benchmark file, which lives in bench/browser/.
  await commands.writeFile(`../results/${suite}.json`, JSON.stringify(result, null, 2));
}
