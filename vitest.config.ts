// Three test projects: fast unit tests in Node/happy-dom, real-browser tests in Debian's
// Chromium for anything that touches OPFS, IndexedDB, BroadcastChannel or OffscreenCanvas, and
// the Storybook stories (with their play functions) as tests in the same Chromium.
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

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
            // The hydration test renders server HTML in the page.
            'react-dom/server.browser',
          ],
        },
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
