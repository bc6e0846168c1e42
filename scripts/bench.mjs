#!/usr/bin/env node
// `pnpm bench`: runs every benchmark (Node ones with tsx, Chromium ones through Vitest
// browser mode), then prints one table of ratios against the same-run baselines.
// Pass suite names to run only those, e.g. `pnpm bench local-generator`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const resultsDir = join(root, 'bench', 'results');
const only = process.argv.slice(2);
const wanted = (file) => only.length === 0 || only.some((name) => file.includes(name));

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
let failures = 0;

const nodeDir = join(root, 'bench', 'node');
for (const file of readdirSync(nodeDir).filter((f) => f.endsWith('.bench.ts') && wanted(f))) {
  console.log(`\n▶ ${file}`);
  const run = spawnSync(bin('tsx'), ['--conditions=@medialoft/source', join(nodeDir, file)], {
    stdio: 'inherit',
    cwd: root,
  });
  if (run.status !== 0) failures++;
}

const browserFiles = readdirSync(join(root, 'bench', 'browser')).filter(
  (f) => f.endsWith('.bench.browser.ts') && wanted(f),
);
if (browserFiles.length > 0) {
  console.log(`\n▶ Chromium: ${browserFiles.join(', ')}`);
  const run = spawnSync(
    bin('vitest'),
    ['run', '--config', 'bench/vitest.bench.config.ts', ...browserFiles],
    { stdio: 'inherit', cwd: root },
  );
  if (run.status !== 0) failures++;
}

// Bundle size against its budgets (.size-limit.mjs), on a fresh build of the media library.
if (wanted('bundle-size')) {
  console.log('\n▶ bundle size');
  const tsup = spawnSync(bin('tsup'), ['--silent'], {
    stdio: 'inherit',
    cwd: join(root, 'packages', 'media-library'),
  });
  try {
    if (tsup.status !== 0) throw new Error('the media library did not build');
    const { measureSizes } = await import('./check-size.mjs');
    const rows = (await measureSizes()).map(({ name, bytes, limitBytes }) => {
      const value = bytes / 1000;
      if (limitBytes === undefined) return { name, value, unit: 'kB gzip' };
      const budget = limitBytes / 1000;
      return {
        name,
        value,
        unit: 'kB gzip',
        baseline: { name: 'budget', value: budget },
        ratio: budget / value,
        target: `≤ ${budget} kB`,
        met: value <= budget,
      };
    });
    const result = { suite: 'bundle-size', environment: 'size-limit on dist', rows };
    writeFileSync(join(resultsDir, 'bundle-size.json'), JSON.stringify(result, null, 2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    failures++;
  }
}

// A ratio against a figure below the timer's resolution (0 ms) is infinite; JSON writes null.
const fmt = (n) =>
  n === undefined
    ? ''
    : n === null
      ? '∞'
      : Math.abs(n) >= 100
        ? n.toFixed(0)
        : Math.abs(n) >= 1
          ? n.toFixed(2)
          : n.toPrecision(3);
const lines = [['suite', 'measurement', 'value', 'baseline', 'ratio', 'target', 'note']];
const resultFiles = existsSync(resultsDir) ? readdirSync(resultsDir).sort() : [];
// Only the suites' results: a profiled run also leaves .cpuprofile and .trace.json files there.
const suiteFiles = resultFiles.filter(
  (name) => name.endsWith('.json') && !name.endsWith('.trace.json'),
);
for (const file of suiteFiles) {
  const { suite, rows } = JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
  for (const row of rows) {
    const target = row.target ? `${row.target} ${row.met ? 'met' : 'NOT met'}` : '';
    lines.push([
      suite,
      row.name,
      `${fmt(row.value)} ${row.unit}`,
      row.baseline ? `${fmt(row.baseline.value)} ${row.unit} (${row.baseline.name})` : '',
      row.ratio === undefined ? '' : `${fmt(row.ratio)}×`,
      target,
      row.note ?? '',
    ]);
  }
}
const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => String(l[i]).length)));
console.log('\nResults (ratio ≥ 1 means as good as or better than the baseline):\n');
for (const [i, line] of lines.entries()) {
  console.log(line.map((cell, j) => String(cell).padEnd(widths[j])).join(' │ '));
  if (i === 0) console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
}
process.exit(failures > 0 ? 1 : 0);
