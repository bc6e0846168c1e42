// Three test projects: fast unit tests in Node/happy-dom, real-browser tests in Debian's
// Chromium for anything that touches OPFS, IndexedDB, BroadcastChannel or OffscreenCanvas, and
// the Storybook stories (with their play functions) as tests in the same Chromium.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import tailwindcss from '@tailwindcss/vite';
import { playwright } from '@vitest/browser-playwright';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { firefox } from './scripts/vitest-firefox-provider.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for Chromium on a machine with no outside network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * The browser tests that also run in Firefox ESR, listed one by one so a new browser test is
 * added here on purpose: storage (OPFS, IndexedDB), import and thumbnails, the library with its
 * cross-tab sync, backup archives, provenance and hostile files; and the Mantine details' text
 * areas, which grow by CSS in Chromium and by script in Firefox ESR. Not here: the Mantine
 * hydration test, which renders React on the server through a Node command of this config and
 * checks no storage or decoding of its own.
 */
const firefoxBrowserTests = [
  'storage/idb-blob-store',
  'storage/opfs-blob-store',
  'storage/blob-store-paths',
  'storage-marker',
  'import/import',
  'import/thumbnail',
  'library',
  'library-import-unreadable',
  'archive/archive',
  'provenance/embed',
  'provenance/round-trip',
  'hostile-files',
]
  .map((test) => `packages/media-library/src/core/${test}.browser.test.ts`)
  .concat('packages/media-library/src/mantine/asset-details-fields.browser.test.tsx');

/**
 * A browser command: the HTML of the hydration test's trees (as JSON) as a server renders them,
 * from plain Node (no document, no IndexedDB), for the test to hydrate in Chromium.
 */
async function renderOnServer(_context: unknown, name: string): Promise<string> {
  const script = fileURLToPath(
    new URL('packages/media-library/src/mantine/test-server-html.ts', import.meta.url),
  );
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', script, name],
    { maxBuffer: 64 * 1024 ** 2 },
  );
  return stdout;
}

// Node-side tests resolve through Vite's SSR conditions, which `resolve.conditions` does not
// set; without both, a package importing another would load its stale `dist`.
const sourceCondition = {
  resolve: { conditions: ['@medialoft/source'] },
  ssr: { resolve: { conditions: ['@medialoft/source', ...defaultServerConditions] } },
};

export default defineConfig({
  ...sourceCondition,
  test: {
    projects: [
      {
        ...sourceCondition,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
          exclude: ['**/*.browser.test.{ts,tsx}', '**/node_modules/**'],
          environment: 'node',
          setupFiles: ['packages/media-library/src/core/testing/warm-import-pipeline.ts'],
        },
      },
      {
        ...sourceCondition,
        // Pre-bundle what the browser tests import, so Vite never re-optimises mid-run and
        // reloads the page under a running test on a cold cache.
        optimizeDeps: {
          include: [
            '@medialoft/media-library > idb',
            '@medialoft/media-library > zustand/vanilla',
            // Loaded on the first PDF; listed so its first load does not reload the page.
            '@medialoft/media-library > pdfjs-dist',
            // The hydration test renders server HTML in the page.
            'react-dom/server.browser',
          ],
        },
        // Compiles the Tailwind preset's classes for its grid's browser test.
        plugins: [tailwindcss()],
        test: {
          name: 'browser',
          include: ['packages/*/src/**/*.browser.test.{ts,tsx}'],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
            commands: { renderOnServer },
          },
        },
      },
      {
        ...sourceCondition,
        optimizeDeps: {
          include: ['@medialoft/media-library > idb', '@medialoft/media-library > zustand/vanilla'],
        },
        test: {
          name: 'browser-firefox',
          // The storage, import and sync tests again, in Debian's Firefox ESR over WebDriver
          // BiDi, with the same assertions as in Chromium.
          include: firefoxBrowserTests,
          // Firefox starts slower than Chromium and shares 2 cores with the rest.
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: firefox(),
            instances: [{ browser: 'firefox' }],
          },
        },
      },
      {
        ...sourceCondition,
        plugins: [
          storybookTest({ configDir: fileURLToPath(new URL('.storybook', import.meta.url)) }),
        ],
        test: {
          name: 'storybook',
          // A story's play function walks a whole flow (generate, wait, check the grid), and
          // the 10,000-asset story seeds through the public import pipeline first.
          testTimeout: 90_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
