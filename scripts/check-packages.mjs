#!/usr/bin/env node
// Release hygiene, run after `pnpm build`, on the tarballs a user would install: each
// publishable package is packed with pnpm (which applies `publishConfig`), and then
// - the tarball holds LICENSE, README.md and dist, and no tests, test helpers or sources;
// - its package.json has no development-only export condition (`@medialoft/source`);
// - every source map carries its sources' text, since `src` does not ship;
// - publint (strict) and "Are the types wrong?" (profile esm-only) pass on the tarball;
// - every entry loads under Node with `import()` and with `require()` (Node 20.19+ can
//   require an ES module, so CommonJS hosts need no dynamic import);
// - every file a build refers to with `new URL('./…', import.meta.url)` (the thumbnail
//   worker) ships, and the media library's `./core` entry reaches no React through its chunks.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const problems = [];
const work = mkdtempSync(join(tmpdir(), 'medialoft-pack-'));

/** pnpm as the test command was started with it, else through npx. */
function pnpm(args, cwd) {
  const execPath = process.env.npm_execpath;
  const [cmd, prefix] =
    execPath && /pnpm/.test(execPath) ? [process.execPath, [execPath]] : ['npx', ['-y', 'pnpm@10']];
  return execFileSync(cmd, [...prefix, ...args], { cwd, encoding: 'utf8' });
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** The `exports` targets of a manifest, flattened: [subpath, condition path, file]. */
function exportTargets(exportsField, path = []) {
  if (typeof exportsField === 'string') return [[path, exportsField]];
  return Object.entries(exportsField ?? {}).flatMap(([key, value]) =>
    exportTargets(value, [...path, key]),
  );
}

/** What a tarball must and must not hold. */
function checkContents(name, dir, manifest) {
  const files = filesUnder(dir).map((file) => relative(dir, file));
  for (const required of ['LICENSE', 'README.md', 'package.json']) {
    if (!files.includes(required)) problems.push(`${name}: the tarball has no ${required}`);
  }
  const license = join(dir, 'LICENSE');
  if (
    existsSync(license) &&
    readFileSync(license, 'utf8') !== readFileSync(join(root, 'LICENSE'), 'utf8')
  )
    problems.push(`${name}: LICENSE differs from the repository's; copy the root LICENSE over it`);
  const forbidden = [
    [/\.test\.[cm]?[jt]sx?$/, 'a test'],
    [/(^|\/)test-(utils|generators)\./, 'a test helper'],
    [/(^|\/)testing\//, 'a testing helper'],
    [/(^|\/)src\//, 'source (dist maps carry their sources)'],
    [/(?<!\.d)\.tsx?$/, 'TypeScript source'],
  ];
  for (const file of files) {
    for (const [pattern, what] of forbidden) {
      if (pattern.test(file)) problems.push(`${name}: the tarball ships ${what}: ${file}`);
    }
    if (file.endsWith('.map')) {
      const map = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const texts = map.sourcesContent ?? [];
      if (map.sources.length !== texts.length || texts.some((text) => typeof text !== 'string'))
        problems.push(`${name}: ${file} refers to sources without carrying their text`);
    }
  }
  const { exports, main, types, module, imports } = manifest;
  if (JSON.stringify({ exports, main, types, module, imports }).includes('@medialoft/source'))
    problems.push(`${name}: the packed package.json still has the @medialoft/source condition`);
  if (JSON.stringify(manifest).includes('workspace:'))
    problems.push(`${name}: the packed package.json still has a workspace: range`);
  for (const [path, target] of exportTargets(manifest.exports)) {
    if (!existsSync(join(dir, target)))
      problems.push(`${name}: exports ${path.join(' > ')} names missing ${target}`);
  }
}

/** Files referred to at run time by URL must ship beside the code that names them. */
function checkUrlReferences(name, dist) {
  for (const file of filesUnder(dist).filter((path) => path.endsWith('.js'))) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(
      /new URL\(\s*["'](\.{1,2}\/[^"']+)["'],\s*import\.meta\.url/g,
    )) {
      const target = join(dirname(file), match[1]);
      if (!existsSync(target)) problems.push(`${name}: ${file} refers to missing ${match[1]}`);
    }
  }
}

/** Walks the static import graph from `entry` and reports any bare import of `forbidden`. */
function checkNoImport(name, entry, forbidden) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:from|import)\s*["']([^"']+)["']/g)) {
      const specifier = match[1];
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier));
      else if (forbidden.some((bare) => specifier === bare || specifier.startsWith(`${bare}/`)))
        problems.push(`${name}: ${relative(work, entry)} reaches "${specifier}" through ${file}`);
    }
  };
  visit(entry);
}

/** Where the workspace installed a package's dependency, to link it beside the tarball. */
function installed(packageDir, dependency) {
  for (const base of [join(packageDir, 'node_modules'), join(root, 'node_modules')]) {
    const path = join(base, dependency);
    if (existsSync(path)) return path;
  }
  return undefined;
}

// Pack and unpack every publishable package into work/node_modules/@medialoft/<name>, so the
// load checks resolve each package (and one package from another) as an installed copy.
const consumer = join(work, 'consumer');
const packed = [];
for (const dirName of readdirSync(packagesDir)) {
  const dir = join(packagesDir, dirName);
  const source = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (source.private) continue;
  pnpm(['pack', '--pack-destination', work], dir);
  const tarball = readdirSync(work).find(
    (file) =>
      file.endsWith('.tgz') && file.startsWith(source.name.replace('@', '').replace('/', '-')),
  );
  const unpacked = join(consumer, 'node_modules', source.name);
  mkdirSync(unpacked, { recursive: true });
  execFileSync('tar', ['xzf', join(work, tarball), '-C', unpacked, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
  packed.push({ dir, tarball: join(work, tarball), unpacked, manifest });
}

for (const { dir, tarball, unpacked, manifest } of packed) {
  const name = manifest.name;
  checkContents(name, unpacked, manifest);
  for (const [cmd, args] of [
    ['publint', ['run', '--strict', tarball]],
    ['attw', [tarball, '--profile', 'esm-only', '--format', 'table-flipped']],
  ]) {
    console.log(`\n${name}: ${cmd}`);
    const result = spawnSync(bin(cmd), args, { stdio: 'inherit' });
    if (result.status !== 0) {
      problems.push(`${name}: ${cmd} failed${result.error ? ` (${result.error.message})` : ''}`);
    }
  }
  checkUrlReferences(name, join(unpacked, 'dist'));
  const dependencies = {
    ...manifest.dependencies,
    ...manifest.peerDependencies,
  };
  for (const dependency of Object.keys(dependencies)) {
    const link = join(consumer, 'node_modules', dependency);
    if (existsSync(link)) continue;
    const target = installed(dir, dependency);
    if (!target) continue; // an optional peer the workspace does not install
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(target, link, 'dir');
  }
}

// Every entry, imported and required by a host the way a user's code would name it.
for (const { manifest } of packed) {
  for (const subpath of Object.keys(manifest.exports ?? {})) {
    if (subpath.endsWith('.json')) continue;
    const specifier = `${manifest.name}${subpath.slice(1)}`;
    for (const [how, script] of [
      ['import()', `await import(${JSON.stringify(specifier)})`],
      ['require()', `require(${JSON.stringify(specifier)})`],
    ]) {
      const kind = how === 'import()' ? 'module' : 'commonjs';
      const result = spawnSync(
        process.execPath,
        ['--no-warnings', `--input-type=${kind}`, '-e', script],
        // An entry that starts a server when imported never exits: that fails too.
        { cwd: consumer, encoding: 'utf8', timeout: 30_000 },
      );
      if (result.status === 0) console.log(`${how} ${specifier}: ok`);
      else
        problems.push(
          `${specifier}: ${how} ${result.error ? 'did not end' : 'failed'} in Node ${process.version}:\n    ${result.stderr.trim().split('\n').slice(0, 6).join('\n    ')}`,
        );
    }
  }
}

const installedCopy = (name) => join(consumer, 'node_modules', '@medialoft', name);
checkNoImport(
  '@medialoft/media-library',
  join(installedCopy('media-library'), 'dist', 'core', 'index.js'),
  ['react', 'react-dom', '@mantine/core', '@mantine/hooks'],
);
checkNoImport(
  '@medialoft/server-adapter',
  join(installedCopy('server-adapter'), 'dist', 'client.js'),
  ['sharp', 'hono', '@hono/node-server', '@medialoft/ai-connect', 'ioredis', 'node:fs'],
);

rmSync(work, { recursive: true, force: true });
if (problems.length > 0) {
  console.error(`\n✖ package checks:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  '\n✔ package checks: packed contents, publint, attw, import() and require() of every entry, ' +
    'runtime file references, entry isolation',
);
