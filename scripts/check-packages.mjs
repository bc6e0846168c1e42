#!/usr/bin/env node
// Release hygiene: every publishable package's build must pass publint (strict) and
// "Are the types wrong?" as an ESM-only package. Run after `pnpm build`.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');
const bin = (name) => join(root, 'node_modules', '.bin', name);
let failed = false;

for (const name of readdirSync(packagesDir)) {
  const dir = join(packagesDir, name);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (manifest.private) continue;
  for (const [cmd, args] of [
    ['publint', ['run', '--strict', '--pack', 'npm', dir]],
    ['attw', ['--pack', dir, '--profile', 'esm-only', '--format', 'table-flipped']],
  ]) {
    console.log(`\n${manifest.name}: ${cmd}`);
    const result = spawnSync(bin(cmd), args, { stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(
        `${manifest.name}: ${cmd} failed${result.error ? ` (${result.error.message})` : ''}`,
      );
      failed = true;
    }
  }
}

process.exit(failed ? 1 : 0);
