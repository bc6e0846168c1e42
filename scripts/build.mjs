#!/usr/bin/env node
// Builds every publishable package with tsup, in dependency order (ai-connect before the
// server adapter), without needing pnpm on the PATH.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const tsup = join(root, 'node_modules', '.bin', 'tsup');

for (const name of ['media-library', 'ai-connect', 'server-adapter']) {
  const cwd = join(root, 'packages', name);
  console.log(`building packages/${name}`);
  const result = spawnSync(tsup, [], { stdio: 'inherit', cwd });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
