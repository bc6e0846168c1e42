// Writes a suite's rows where `pnpm bench` collects them (Node benchmarks).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow, BenchSuiteResult } from './report';

export const resultsDir = join(import.meta.dirname, '..', 'results');

/** `environment` says where the rows were measured: Node's version unless given. */
export function writeResults(
  suite: string,
  rows: BenchRow[],
  environment = `node ${process.version}`,
): void {
  mkdirSync(resultsDir, { recursive: true });
  const result: BenchSuiteResult = { suite, environment, rows };
  writeFileSync(join(resultsDir, `${suite}.json`), JSON.stringify(result, null, 2));
}
