// Test helper, run by plain Node (through tsx) for the hydration test: renders every test
// tree as a server does, over a library made at module scope with no browser around, and
// prints their HTML as JSON. Fails when a render logs or leaves a rejection unhandled.
import { renderToString } from 'react-dom/server';
import { createMediaLibrary } from '../core/library';
import { type SsrApp, ssrApps } from './test-ssr-apps';

const name = process.argv[2] ?? 'default';
const problems: string[] = [];
process.on('unhandledRejection', (reason) => problems.push(`unhandled rejection: ${reason}`));
for (const method of ['error', 'warn'] as const) {
  console[method] = (...args: unknown[]) => problems.push(`console.${method}: ${args.join(' ')}`);
}

if (typeof document !== 'undefined' || typeof indexedDB !== 'undefined')
  problems.push('this must run where there is no document and no IndexedDB');
const library = createMediaLibrary({ name });
const html: Partial<Record<SsrApp, string>> = {};
for (const app of Object.keys(ssrApps) as SsrApp[])
  html[app] = renderToString(ssrApps[app](library));
// Whatever the render started has a moment to fail.
await new Promise((resolve) => setTimeout(resolve, 20));
if (library.getState().status !== 'loading') problems.push('the library left the loading state');
if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(JSON.stringify(html));
