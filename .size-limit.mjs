// Size budgets of @medialoft/media-library, measured on the built dist (build it first):
// what an app's bundle gains up front, minified and gzipped, with dependencies and peers left
// out. Checked by `node scripts/check-size.mjs` in the test command; `pnpm bench` prints them.
// When the budgets were set, before the import pipeline, the generate form and the zip code
// loaded apart, the React example was 23.4 kB and the Mantine example 40.1 kB. The React and
// Mantine budgets grew by 0.5 and 0.75 kB (from 15 and 32 kB) for the query that runs in slices
// behind useAssets, so a search over 100,000 assets has no long task: its resumable scan is up
// front, the slicing itself loads on first use. All three grew by another 0.5 kB (to 16, 33.5
// and 32.5 kB) for figures that follow an edit through the records it changed
// (version-cache.ts), so tagging one of 100,000 assets does not recount every asset.
const dist = 'packages/media-library/dist';

// Bundled by the app itself (dependencies and peers): not this package's weight.
const ignore = [
  'react',
  'react-dom',
  '@mantine/core',
  '@mantine/hooks',
  '@tanstack/react-virtual',
  'fflate',
  'idb',
  // Loaded on the first PDF imported, never up front.
  'pdfjs-dist',
  'zustand',
];

/**
 * Code behind a dynamic `import()` (the import pipeline, say) loads on first use, in a chunk
 * of its own: an app's bundler splits it off the same way, so it is not part of the entry.
 */
const loadedOnFirstUse = {
  name: 'medialoft-loaded-on-first-use',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};
// ESM as the package ships; esbuild's notes on the dist's chunk imports are noise here.
const wholeEsm = (config) => ({ ...config, format: 'esm', logLevel: 'error' });
const upFront = (config) => ({
  ...wholeEsm(config),
  plugins: [...(config.plugins ?? []), loadedOnFirstUse],
});

const readmeHooks =
  '{ createMediaLibrary, MediaLibraryProvider, useAssets, useAssetUrl, useImport, useDropzone, useAIGeneration }';

export default [
  {
    name: 'root entry, the README React example',
    path: `${dist}/index.js`,
    import: { [`${dist}/index.js`]: readmeHooks },
    limit: '16 kB',
    ignore,
    gzip: true,
    modifyEsbuildConfig: upFront,
  },
  {
    name: 'Mantine preset, the README Mantine example',
    path: [`${dist}/index.js`, `${dist}/mantine/index.js`],
    import: {
      [`${dist}/index.js`]: '{ createMediaLibrary, MediaLibraryProvider }',
      [`${dist}/mantine/index.js`]:
        '{ MediaLibraryScreen, mediaLoftCssVariablesResolver, mediaLoftTheme }',
    },
    limit: '33.5 kB',
    ignore,
    gzip: true,
    modifyEsbuildConfig: upFront,
  },
  {
    // The same screen in the Tailwind preset: held to the Mantine example's budget.
    name: 'Tailwind preset, the README Tailwind example',
    path: [`${dist}/index.js`, `${dist}/tailwind/index.js`],
    import: {
      [`${dist}/index.js`]: '{ createMediaLibrary, MediaLibraryProvider }',
      [`${dist}/tailwind/index.js`]: '{ MediaLibraryScreen }',
    },
    limit: '32.5 kB',
    ignore,
    gzip: true,
    modifyEsbuildConfig: upFront,
  },
  {
    name: 'Mantine example with its own dependencies (peers excluded)',
    path: [`${dist}/index.js`, `${dist}/mantine/index.js`],
    import: {
      [`${dist}/index.js`]: '{ createMediaLibrary, MediaLibraryProvider }',
      [`${dist}/mantine/index.js`]:
        '{ MediaLibraryScreen, mediaLoftCssVariablesResolver, mediaLoftTheme }',
    },
    ignore: ['react', 'react-dom', '@mantine/core', '@mantine/hooks'],
    gzip: true,
    modifyEsbuildConfig: upFront,
  },
  {
    name: 'root entry, every export',
    path: `${dist}/index.js`,
    ignore,
    gzip: true,
    modifyEsbuildConfig: upFront,
  },
  {
    name: 'README React example after the first import (pipeline included)',
    path: `${dist}/index.js`,
    import: { [`${dist}/index.js`]: readmeHooks },
    ignore,
    gzip: true,
    modifyEsbuildConfig: wholeEsm,
  },
];
