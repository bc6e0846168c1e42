import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';

/**
 * In source the thumbnail worker is `new URL('./thumbnail-worker.ts', import.meta.url)`, which
 * Vite and Vitest serve as is. The build emits the worker as its own entry beside the chunks,
 * so the reference must name the built `.js` file.
 */
const builtWorkerUrl: Plugin = {
  name: 'medialoft-built-worker-url',
  setup(build) {
    build.onLoad({ filter: /core[\\/]import[\\/]thumbnail\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const contents = source.replace("'./thumbnail-worker.ts'", "'./thumbnail-worker.js'");
      if (contents === source)
        throw new Error('thumbnail.ts no longer names ./thumbnail-worker.ts');
      return { contents, loader: 'ts' };
    });
    // The OPFS writer worker of browsers without createWritable, emitted the same way.
    build.onLoad({ filter: /core[\\/]storage[\\/]opfs-sync-blob-store\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const contents = source.replace("'./opfs-sync-worker.ts'", "'./opfs-sync-worker.js'");
      if (contents === source)
        throw new Error('opfs-sync-blob-store.ts no longer names ./opfs-sync-worker.ts');
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * Entries that are client code as a whole (named, since a chunk loaded by `import()` counts as
 * an entry point too). A new client entry that only re-exports belongs here.
 */
const clientEntries = new Set(['src/index.ts', 'src/mantine/index.ts', 'src/tailwind/index.ts']);
const reactPackage = /^(react|react-dom|@mantine\/[^/]+|@tanstack\/react-[^/]+)(\/|$)/;

/**
 * esbuild drops `'use client'` when it bundles, and code splitting moves the provider and the
 * hooks into shared chunks, so the directive is added to the built files instead: to the
 * client entries and to every file that imports React (or a React UI package). A Server
 * Component importing the package then loads client references, never a chunk that creates a
 * context; `./core` imports no React, so it stays directive-free and callable on the server.
 * `scripts/check-client-directives.mjs` checks the result.
 */
const useClientDirective: NonNullable<Options['plugins']>[number] = {
  name: 'medialoft-use-client',
  renderChunk(code, info) {
    if (!info.path.endsWith('.js')) return;
    const client =
      (info.entryPoint !== undefined && clientEntries.has(info.entryPoint)) ||
      (info.imports ?? []).some(
        (imported) => imported.external && reactPackage.test(imported.path),
      );
    if (!client) return;
    // The directive takes a line of its own: the source map moves down one line with it.
    if (info.map) {
      const map = typeof info.map === 'string' ? JSON.parse(info.map) : info.map;
      info.map = { ...map, mappings: `;${map.mappings}` };
    }
    return { code: `'use client';\n${code}` };
  },
};

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'core/index': 'src/core/index.ts',
    'mantine/index': 'src/mantine/index.ts',
    'tailwind/index': 'src/tailwind/index.ts',
    'thumbnail-worker': 'src/core/import/thumbnail-worker.ts',
    'opfs-sync-worker': 'src/core/storage/opfs-sync-worker.ts',
  },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  esbuildPlugins: [builtWorkerUrl],
  plugins: [useClientDirective],
  external: [
    'react',
    'react-dom',
    '@mantine/core',
    '@mantine/hooks',
    '@tanstack/react-virtual',
    'fflate',
  ],
});
