#!/usr/bin/env node
// Run after the build: the media library's dist as React Server Components load it. Every
// client entry (each export but `./core`) and every built file that imports React, or a React
// UI package, must start with 'use client', so a Server Component importing them gets client
// references instead of running a file that creates a context. Nothing `./core` loads may carry
// it: server code calls the core's functions, which a client reference would forbid.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Export subpaths meant for server code as well; they must stay free of the directive. */
const serverSafeExports = new Set(['./core']);
const reactPackage = /^(react|react-dom|@mantine\/[^/]+|@tanstack\/react-[^/]+)(\/|$)/;
const directive = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(['"])use client\1/;

/** Whether a built file's first statement is the 'use client' directive. */
export const hasDirective = (source) => directive.test(source);

/** The relative and bare specifiers a built file imports, statically or with import(). */
function importsOf(source) {
  const specifiers = [];
  for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)) {
    specifiers.push(match[1]);
  }
  return specifiers;
}

function jsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

/** The built JS file of each export subpath, from `publishConfig.exports` or `exports`. */
function exportedFiles(packageDir) {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const exportsMap = manifest.publishConfig?.exports ?? manifest.exports ?? {};
  const files = [];
  for (const [subpath, target] of Object.entries(exportsMap)) {
    const conditions = typeof target === 'string' ? { default: target } : target;
    const file = conditions.import ?? conditions.default;
    if (typeof file === 'string' && file.endsWith('.js'))
      files.push({ subpath, file: join(packageDir, file) });
  }
  return files;
}

/** Every file `entry` loads, itself included, following relative imports. */
function reachable(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier));
    }
  };
  visit(entry);
  return seen;
}

/**
 * The problems of a built package, as sentences; none when every file is as described at the
 * top of this script.
 */
export function checkClientDirectives(packageDir) {
  const dist = join(packageDir, 'dist');
  if (!existsSync(dist)) return [`${packageDir} has no dist: run the build first`];
  const problems = [];
  const show = (file) => relative(packageDir, file);
  const entries = exportedFiles(packageDir);
  const serverFiles = new Set();
  for (const { subpath, file } of entries) {
    if (!existsSync(file)) {
      problems.push(`export "${subpath}" names missing ${show(file)}`);
    } else if (serverSafeExports.has(subpath)) {
      for (const loaded of reachable(file)) serverFiles.add(loaded);
    } else if (!hasDirective(readFileSync(file, 'utf8'))) {
      problems.push(`${show(file)} (export "${subpath}") does not start with 'use client'`);
    }
  }
  for (const file of jsFiles(dist)) {
    const source = readFileSync(file, 'utf8');
    const react = importsOf(source).find((specifier) => reactPackage.test(specifier));
    if (serverFiles.has(file)) {
      if (hasDirective(source))
        problems.push(`${show(file)} is loaded by a server-safe export but has 'use client'`);
      if (react)
        problems.push(`${show(file)} is loaded by a server-safe export but imports ${react}`);
    } else if (react && !hasDirective(source)) {
      problems.push(`${show(file)} imports ${react} but does not start with 'use client'`);
    }
  }
  return problems;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const packageDir = process.argv[2] ?? join(root, 'packages', 'media-library');
  const problems = checkClientDirectives(packageDir);
  if (problems.length > 0) {
    console.error(`'use client' directives in ${relative(root, packageDir)}/dist:`);
    for (const problem of problems) console.error(`  ${problem}`);
    process.exit(1);
  }
  console.log(`'use client' directives in ${relative(root, packageDir)}/dist are in place`);
}
