import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

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
  },
};

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'core/index': 'src/core/index.ts',
    'mantine/index': 'src/mantine/index.ts',
    'thumbnail-worker': 'src/core/import/thumbnail-worker.ts',
  },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  esbuildPlugins: [builtWorkerUrl],
  external: [
    'react',
    'react-dom',
    '@mantine/core',
    '@mantine/hooks',
    '@tanstack/react-virtual',
    'fflate',
  ],
});
