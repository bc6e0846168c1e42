// Writes a suite's rows where `pnpm bench` collects them (Chromium benchmarks run through
// Vitest browser mode; the file is written by the Vitest server on the page's behalf).
import { commands } from 'vitest/browser';
import type { BenchRow, BenchSuiteResult } from './report';

export async function writeResults(suite: string, rows: BenchRow[]): Promise<void> {
  const result: BenchSuiteResult = { suite, environment: navigator.userAgent, rows };
  // Vitest resolves the path against the bench project's root (bench/), not the test file.
  await commands.writeFile(`results/${suite}.json`, JSON.stringify(result, null, 2));
}
