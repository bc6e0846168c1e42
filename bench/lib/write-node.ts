// Writes a suite's rows where `pnpm bench` collects them (Node benchmarks).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow, BenchSuiteResult } from './report';

export const resultsDir = join(import.meta.dirname, '..', 'results');

export function writeResults(suite: string, rows: BenchRow[]): void {
  mkdirSync(resultsDir, { recursive: true });
  const result: BenchSuiteResult = { suite, environment: `node ${process.version}`, rows };
  writeFileSync(join(resultsDir, `${suite}.json`), JSON.stringify(result, null, 2));
}
