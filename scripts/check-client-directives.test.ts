// The 'use client' check against small hand-made dists (each fault it must catch) and against
// a real build of the media library, which must pass it.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without type declarations
import { checkClientDirectives } from './check-client-directives.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const useClient = "'use client';\n";

/** A package whose dist holds `files` (path to source), with the media library's exports. */
function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'medialoft-directives-'));
  made.push(dir);
  const exports = {
    '.': { types: './dist/index.d.ts', default: './dist/index.js' },
    './core': { types: './dist/core/index.d.ts', default: './dist/core/index.js' },
    './mantine': { types: './dist/mantine/index.d.ts', default: './dist/mantine/index.js' },
    './package.json': './package.json',
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fixture', exports }));
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, 'dist', path)), { recursive: true });
    writeFileSync(join(dir, 'dist', path), source);
  }
  return dir;
}

/** The shape tsup gives the library: core chunk, React chunk, three entries. */
const good = {
  'chunk-core.js': 'export function createMediaLibrary() {}\n',
  'chunk-react.js': `${useClient}import { createContext } from "react";\nimport "./chunk-core.js";\n`,
  'core/index.js': 'export { createMediaLibrary } from "../chunk-core.js";\n',
  'index.js': `${useClient}export { useAssets } from "./chunk-react.js";\n`,
  'mantine/index.js': `${useClient}import { Box } from "@mantine/core";\nimport "../chunk-react.js";\n`,
};

describe('checkClientDirectives', () => {
  it('passes a dist with the directive on client files only', () => {
    expect(checkClientDirectives(fixture(good))).toEqual([]);
  });

  it('reports a client entry without the directive', () => {
    const dir = fixture({ ...good, 'index.js': 'export { useAssets } from "./chunk-react.js";\n' });
    expect(checkClientDirectives(dir)).toEqual([
      `dist/index.js (export ".") does not start with 'use client'`,
    ]);
  });

  it('reports a shared chunk that imports React without the directive', () => {
    const dir = fixture({ ...good, 'chunk-react.js': 'import { useState } from "react";\n' });
    expect(checkClientDirectives(dir)).toEqual([
      `dist/chunk-react.js imports react but does not start with 'use client'`,
    ]);
  });

  it('reports the directive on a file the core loads, even through import()', () => {
    const dir = fixture({
      ...good,
      'core/index.js': 'export const load = () => import("../chunk-lazy.js");\n',
      'chunk-lazy.js': `${useClient}export const parse = () => 1;\n`,
    });
    expect(checkClientDirectives(dir)).toEqual([
      `dist/chunk-lazy.js is loaded by a server-safe export but has 'use client'`,
    ]);
  });

  it('reports React reached from the core', () => {
    const dir = fixture({
      ...good,
      'core/index.js': 'export * from "../chunk-react.js";\n',
    });
    expect(checkClientDirectives(dir)).toEqual([
      `dist/chunk-react.js is loaded by a server-safe export but has 'use client'`,
      'dist/chunk-react.js is loaded by a server-safe export but imports react',
    ]);
  });

  it('passes the media library as tsup builds it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'medialoft-directives-build-'));
    made.push(dir);
    const packageDir = join(root, 'packages', 'media-library');
    cpSync(join(packageDir, 'package.json'), join(dir, 'package.json'));
    const build = spawnSync(
      join(root, 'node_modules', '.bin', 'tsup'),
      ['--out-dir', join(dir, 'dist'), '--no-dts', '--silent'],
      { cwd: packageDir, encoding: 'utf8' },
    );
    expect(build.status, build.stderr).toBe(0);
    expect(checkClientDirectives(dir)).toEqual([]);
    // The check saw real client files: the Mantine entry starts with the directive.
    expect(readFileSync(join(dir, 'dist', 'mantine', 'index.js'), 'utf8')).toMatch(
      /^'use client';\n/,
    );
  }, 60_000);
});
