// Timeline traces for the Chromium benches, taken from the Vitest server over its own DevTools
// session with the page: the page asks (`commands.startTrace()`, `commands.stopTrace(path)`)
// and the trace streams to disk here. Collecting the trace's events inside the page instead
// lost them in some runs; a stream read by the server does not.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession } from 'playwright';
import type { BrowserCommand } from 'vitest/node';

const sessions = new Map<string, CDPSession>();

const categories = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  // The script stack of each layout or style recalculation that script forced.
  'disabled-by-default-devtools.timeline.stack',
  'blink.user_timing',
  'disabled-by-default-v8.gc',
  // Where each task was posted from, and the IPC message it handles: names the tasks that run
  // no script (an IndexedDB result arriving, say).
  'toplevel',
  'mojom',
  // Blink's own garbage collector (DOM and IndexedDB objects), which V8's events do not show.
  'blink_gc',
];

/** Starts a timeline trace of the test's page. */
export const startTrace: BrowserCommand<[]> = async (context) => {
  const session = await context.context.newCDPSession(context.page);
  sessions.set(context.sessionId, session);
  await session.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: categories },
  });
};

/** Ends the trace and writes it to `path` (relative to the bench folder) as `{ traceEvents }`. */
export const stopTrace: BrowserCommand<[path: string]> = async (context, path) => {
  const session = sessions.get(context.sessionId);
  if (!session) throw new Error('stopTrace without startTrace');
  sessions.delete(context.sessionId);
  const complete = new Promise<string>((resolve) =>
    session.once('Tracing.tracingComplete', (event) => resolve(event.stream ?? '')),
  );
  await session.send('Tracing.end');
  const handle = await complete;
  const parts: string[] = [];
  for (;;) {
    const chunk = await session.send('IO.read', { handle, size: 4 * 1024 * 1024 });
    parts.push(chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data);
    if (chunk.eof) break;
  }
  await session.send('IO.close', { handle });
  await session.detach();
  const text = parts.join('');
  // The stream holds either `{ "traceEvents": [...] }` or a bare array of events.
  const body = text.trimStart().startsWith('[') ? `{"traceEvents":${text}}` : text;
  await writeFile(join(context.project.config.root, path), body);
};

/**
 * Writes a heap snapshot of the test's page to `path` (relative to the bench folder): open it
 * in DevTools' Memory panel, or count what it holds with `node bench/lib/heap-summary.mjs`.
 */
export const heapSnapshot: BrowserCommand<[path: string]> = async (context, path) => {
  const session = await context.context.newCDPSession(context.page);
  const parts: string[] = [];
  session.on('HeapProfiler.addHeapSnapshotChunk', (event) => parts.push(event.chunk));
  await session.send('HeapProfiler.enable');
  await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await session.send('HeapProfiler.disable');
  await session.detach();
  await writeFile(join(context.project.config.root, path), parts.join(''));
};
