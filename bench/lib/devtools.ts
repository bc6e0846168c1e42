// DevTools sessions the scale bench's driver opens on its page (bench/lib/scale-app-run.ts):
// timeline traces, CPU profiles and heap snapshots, streamed to disk on the Node side. Collecting
// a trace's events inside the page instead lost them in some runs; a stream read here does not.
import { writeFile } from 'node:fs/promises';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

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

/** A profile in progress: its own DevTools session, and whether the CPU is sampled too. */
export interface Profiling {
  session: CDPSession;
  sample: boolean;
}

/** Starts a timeline trace of `page`, and with `sample` the CPU profiler (500 µs samples). */
export async function startProfile(
  context: BrowserContext,
  page: Page,
  sample: boolean,
): Promise<Profiling> {
  const session = await context.newCDPSession(page);
  await session.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: categories },
  });
  if (sample) {
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 500 });
    await session.send('Profiler.start');
  }
  return { session, sample };
}

/**
 * Ends the profile and writes `<path>.trace.json` (as `{ traceEvents }`) and, if sampled,
 * `<path>.cpuprofile` (open either in DevTools).
 */
export async function stopProfile({ session, sample }: Profiling, path: string): Promise<void> {
  if (sample) {
    const { profile } = await session.send('Profiler.stop');
    await writeFile(`${path}.cpuprofile`, JSON.stringify(profile));
  }
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
  await writeFile(`${path}.trace.json`, body);
}

/**
 * Writes a heap snapshot of `page` to `path`: open it in DevTools' Memory panel, or count what
 * it holds with `node bench/lib/heap-summary.mjs`.
 */
export async function heapSnapshot(context: BrowserContext, page: Page, path: string) {
  const session = await context.newCDPSession(page);
  const parts: string[] = [];
  session.on('HeapProfiler.addHeapSnapshotChunk', (event) => parts.push(event.chunk));
  await session.send('HeapProfiler.enable');
  await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await session.send('HeapProfiler.disable');
  await session.detach();
  await writeFile(path, parts.join(''));
}
