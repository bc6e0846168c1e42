#!/usr/bin/env node
// The one test command: every check the project has, in order, stopping at the first failure.
// `pnpm test` runs it; `.ci/run` runs `pnpm test` on a clean clone.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(
    `Chromium not found at ${chromium}. Install it with "apt-get install -y chromium" ` +
      'or set CHROMIUM_PATH; the browser tests need a real browser.',
  );
  process.exit(1);
}

const steps = [
  ['lint', bin('biome'), ['check', '.']],
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.json']],
  ['unit tests', bin('vitest'), ['run', '--project', 'unit']],
  ['browser tests', bin('vitest'), ['run', '--project', 'browser']],
  ['storybook tests', bin('vitest'), ['run', '--project', 'storybook']],
  [
    'storybook build',
    bin('storybook'),
    ['build', '--quiet', '--output-dir', join(tmpdir(), 'medialoft-storybook-static')],
  ],
  ['end-to-end', bin('vitest'), ['run', '--config', 'e2e/vitest.e2e.config.ts']],
  ['build', process.execPath, ['scripts/build.mjs']],
  ['package checks', process.execPath, ['scripts/check-packages.mjs']],
];

for (const [label, cmd, args] of steps) {
  console.log(`\n▶ ${label}: ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${label} (${seconds}s)`);
}
