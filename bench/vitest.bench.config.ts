// Chromium benchmarks: run as Vitest browser "tests" that measure and write results but
// assert nothing about time. Started by `pnpm bench` (scripts/bench.mjs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumArgs } from '../vitest.config';

// A profile on disk, new for each run, as a person's browser has: a default (incognito-like)
// context keeps OPFS in memory, which cannot hold the archive bench's 2 GB.
const profile = mkdtempSync(join(tmpdir(), 'medialoft-bench-profile-'));
process.on('exit', () => rmSync(profile, { recursive: true, force: true }));

export default defineConfig({
  root: import.meta.dirname,
  // One React for the whole page, bundled before the run so Vite never reloads the page
  // mid-bench to optimise a late dependency. (The scale bench runs apart, in a production
  // build: bench/lib/scale-app-run.ts.)
  resolve: { conditions: ['@medialoft/source'], dedupe: ['react', 'react-dom'] },
  // React's production build, as a person's app runs it: the development build's checks cost
  // several times the render itself, which would swamp what a bench measures.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  oxc: { jsx: { development: false } },
  // The library's modules compiled when the server starts, as a host's build has them ready:
  // otherwise the modules a bench imports as it runs are compiled by this server at that moment,
  // and on two cores that work takes the CPU from the page being measured.
  server: {
    warmup: {
      clientFiles: [
        '../packages/media-library/src/**/*.{ts,tsx}',
        // Not the tests and their helpers (which import Node and test-only packages).
        '!../packages/media-library/src/**/*.{test,stories}.{ts,tsx}',
        '!../packages/media-library/src/**/test-*.{ts,tsx}',
        '!../packages/media-library/src/core/testing/**',
      ],
    },
  },
  optimizeDeps: {
    include: [
      'react',
      'react/jsx-runtime',
      'react/jsx-dev-runtime',
      'react-dom',
      'react-dom/client',
    ],
  },
  test: {
    include: ['browser/**/*.bench.browser.ts'],
    testTimeout: 15 * 60_000,
    fileParallelism: false,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({
        persistentContext: profile,
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          // Exact `performance.memory` figures, `gc()` so a heap measurement starts clean, and the
          // V8 flags of `MEDIALOFT_BENCH_JS_FLAGS`.
          args: [
            ...chromiumArgs,
            '--enable-precise-memory-info',
            `--js-flags=--expose-gc ${process.env.MEDIALOFT_BENCH_JS_FLAGS ?? ''}`.trim(),
          ],
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
