// End-to-end tests: the demo started as a user would (image server + built web app), driven
// in Debian's Chromium through playwright-core. Run by `pnpm test` after the browser tests.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    name: 'e2e',
    include: ['e2e/*.e2e.test.ts'],
    environment: 'node',
    // One demo and one browser per file; files one at a time so ports and CPU are not contended.
    fileParallelism: false,
    // Starting includes a production build of the demo; each step waits on the UI.
    hookTimeout: 180_000,
    testTimeout: 60_000,
  },
});
