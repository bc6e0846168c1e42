#!/usr/bin/env node
// The one test command: every check the project has, in order, stopping at the first failure.
// `pnpm test` runs it; `.ci/run` runs `pnpm test` on a clean clone. It ends with one plain
// "N passed, N failed" line over every Vitest run, and fails if any test was skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const reports = mkdtempSync(join(tmpdir(), 'medialoft-test-'));

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(
    `Chromium not found at ${chromium}. Install it with "apt-get install -y chromium" ` +
      'or set CHROMIUM_PATH; the browser tests need a real browser.',
  );
  process.exit(1);
}

const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
if (!existsSync(firefox)) {
  console.error(
    `Firefox not found at ${firefox}. Install it with "apt-get install -y firefox-esr" ` +
      'or set FIREFOX_PATH; the browser tests run in Firefox too.',
  );
  process.exit(1);
}

/** A Vitest step that also writes a JSON report for the closing tally. */
const vitest = (label, args) => {
  const report = join(reports, `${label.replaceAll(/\W+/g, '-')}.json`);
  return [
    label,
    bin('vitest'),
    [...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    report,
  ];
};

const steps = [
  ['lint', bin('biome'), ['check', '.']],
  // No preset component over 130 lines: behaviour belongs in the hooks of src/react.
  ['component size', process.execPath, ['scripts/check-component-size.mjs']],
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.json']],
  ['README code', process.execPath, ['scripts/check-readme-code.mjs']],
  ['API report', process.execPath, ['scripts/api-report.mjs']],
  vitest('unit tests', ['run', '--project', 'unit']),
  vitest('browser tests', ['run', '--project', 'browser']),
  // The storage, import and sync tests again in Firefox ESR, over WebDriver BiDi.
  vitest('browser tests (Firefox)', ['run', '--project', 'browser-firefox']),
  vitest('storybook tests', ['run', '--project', 'storybook']),
  [
    'storybook build',
    bin('storybook'),
    ['build', '--quiet', '--output-dir', join(tmpdir(), 'medialoft-storybook-static')],
  ],
  vitest('end-to-end', ['run', '--config', 'e2e/vitest.e2e.config.ts']),
  ['build', process.execPath, ['scripts/build.mjs']],
  ['client directives', process.execPath, ['scripts/check-client-directives.mjs']],
  ['size', process.execPath, ['scripts/check-size.mjs']],
  ['package checks', process.execPath, ['scripts/check-packages.mjs']],
  // The packed tarballs in a Next.js and a Vite app, built, served and walked in Chromium.
  ['host apps', process.execPath, ['--import', 'tsx', 'scripts/host-apps.mjs']],
];

const tally = { passed: 0, failed: 0, skipped: 0 };
function count(report) {
  if (!report || !existsSync(report)) return;
  const json = JSON.parse(readFileSync(report, 'utf8'));
  tally.passed += json.numPassedTests ?? 0;
  tally.failed += json.numFailedTests ?? 0;
  tally.skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
}
const summary = () => `${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`;

for (const [label, cmd, args, report] of steps) {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  count(report);
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed after ${seconds}s`);
    console.log(`\ntests: ${summary()}`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${label} (${seconds}s)`);
}

if (tally.skipped > 0) {
  console.error(`\n✖ ${tally.skipped} test(s) skipped: finish or remove them.`);
  console.log(`\ntests: ${summary()}`);
  process.exit(1);
}
console.log(`\ntests: ${summary()}`);
