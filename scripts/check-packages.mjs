#!/usr/bin/env node
// Release hygiene, run after `pnpm build`: every publishable package's build must pass publint
// (strict) and "Are the types wrong?" as an ESM-only package; every file a build refers to
// with `new URL('./…', import.meta.url)` (the thumbnail worker) must be in dist; and the
// media library's `./core` entry must not reach React through any chunk it imports.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const problems = [];

function jsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

/** Files referred to at run time by URL must ship beside the code that names them. */
function checkUrlReferences(pkg, dist) {
  for (const file of jsFiles(dist)) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(
      /new URL\(\s*["'](\.{1,2}\/[^"']+)["'],\s*import\.meta\.url/g,
    )) {
      const target = join(dirname(file), match[1]);
      if (!existsSync(target)) problems.push(`${pkg}: ${file} refers to missing ${match[1]}`);
    }
  }
}

/** Walks the static import graph from `entry` and reports any bare import of `forbidden`. */
function checkNoImport(pkg, entry, forbidden) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:from|import)\s*["']([^"']+)["']/g)) {
      const specifier = match[1];
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier));
      else if (forbidden.some((name) => specifier === name || specifier.startsWith(`${name}/`)))
        problems.push(`${pkg}: ${entry} reaches "${specifier}" through ${file}`);
    }
  };
  visit(entry);
}

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
      problems.push(
        `${manifest.name}: ${cmd} failed${result.error ? ` (${result.error.message})` : ''}`,
      );
    }
  }
  checkUrlReferences(manifest.name, join(dir, 'dist'));
}

checkNoImport(
  '@medialoft/media-library',
  join(packagesDir, 'media-library', 'dist', 'core', 'index.js'),
  ['react', 'react-dom', '@mantine/core', '@mantine/hooks'],
);
checkNoImport(
  '@medialoft/server-adapter',
  join(packagesDir, 'server-adapter', 'dist', 'client.js'),
  ['sharp', 'hono', '@hono/node-server', '@medialoft/ai-connect', 'ioredis', 'node:fs'],
);

if (problems.length > 0) {
  console.error(`\n✖ package checks:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('\n✔ package checks: publint, attw, runtime file references, entry isolation');
