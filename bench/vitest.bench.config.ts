// Chromium benchmarks: run as Vitest browser "tests" that measure and write results but
// assert nothing about time. Started by `pnpm bench` (scripts/bench.mjs).
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumArgs } from '../vitest.config';

export default defineConfig({
  root: import.meta.dirname,
  resolve: { conditions: ['@medialoft/source'] },
  test: {
    include: ['browser/**/*.bench.browser.ts'],
    testTimeout: 15 * 60_000,
    fileParallelism: false,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: chromiumArgs,
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
