// The scale bench's run, in the page of the bench's host app (bench/scale-app, built for
// production and driven by bench/lib/scale-app-run.ts): 100,000 assets seeded straight into the
// database, the preset's screen opened over them, a search typed, the grid scrolled end to end,
// the viewer opened and an asset tagged, watching main-thread long tasks (PerformanceObserver
// 'longtask') all along. It measures; it asserts nothing about time.
import {
  type BlobStore,
  createMediaLibrary,
  type MediaLibraryInstance,
} from '@medialoft/media-library';
import { createElement, Fragment, type ReactElement, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { libraryDbName } from '../../packages/media-library/src/core/db';
import { sweptKey } from '../../packages/media-library/src/core/write-marks';
import type { CpuWindow } from './cpu-watch';
import type { BenchRow } from './report';
import { COUNT, recordKeys } from './scale-records';

const TARGET_MS = 50;
const SEARCH = 'fox 12';
const SCROLL_STEPS = 60;

/**
 * Writes the records into the library's database in a worker (scale-seed.worker.ts), which
 * holds a connection to it until the returned function closes it (and ends the worker).
 */
async function seed(name: string): Promise<() => Promise<void>> {
  const worker = new Worker(new URL('./scale-seed.worker.ts', import.meta.url), {
    type: 'module',
  });
  const reply = () =>
    new Promise<{ done?: true; closed?: true; error?: string }>((resolve, reject) => {
      worker.onmessage = (event) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(`seeding worker failed: ${event.message}`));
    });
  try {
    const written = reply();
    worker.postMessage({ name });
    const { error } = await written;
    if (error) throw new Error(`seeding failed: ${error}`);
  } catch (error) {
    worker.terminate();
    throw error;
  }
  return async () => {
    const closed = reply();
    worker.postMessage('close');
    await closed.catch(() => undefined);
    worker.terminate();
  };
}

/** A 4×3 PNG, made once: every asset's thumbnail and original, so tiles and the viewer load. */
async function tinyPng(): Promise<Blob> {
  const canvas = new OffscreenCanvas(4, 3);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#4a8';
  context.fillRect(0, 0, 4, 3);
  return await canvas.convertToBlob({ type: 'image/png' });
}

/**
 * Claims every seeded key (the start-up sweep removes nothing) and serves one shared image. The
 * page holds the listing for the whole run (200,000 strings, some 10 MB), as it always has: the
 * collector's timing depends on what else the heap holds. With the listing made anew at each
 * call instead, the Mantine opening had a task over 50 ms in 6 runs of 10 (collections while
 * the index loaded), against none in 5 with it held; held, the figures compare across stops.
 */
function sharedBlobStore(keys: string[], image: Blob): BlobStore {
  return {
    kind: 'bench',
    put: async () => {},
    get: async () => image,
    has: async () => true,
    delete: async () => {},
    keys: async () => keys,
    clear: async () => {},
  };
}

/**
 * `MEDIALOFT_BENCH_PROFILE=1 pnpm bench scale` also writes each phase's CPU profile and
 * timeline trace; `MEDIALOFT_BENCH_PROFILE=trace` only the trace (sampling slows the page).
 */
declare const __BENCH_PROFILE__: string;
const PROFILE = __BENCH_PROFILE__ === '1' || __BENCH_PROFILE__ === 'trace';
const SAMPLE = __BENCH_PROFILE__ === '1';
/** `MEDIALOFT_BENCH_PROFILE=heap`: a heap snapshot after the opening and after the scroll. */
const HEAP = __BENCH_PROFILE__ === 'heap';
/**
 * `MEDIALOFT_BENCH_PROFILE=gc`: a full collection after each phase, so that with V8's
 * `--trace-gc-nvp` (`MEDIALOFT_BENCH_JS_FLAGS`) what a phase left behind shows in its own.
 */
const COLLECT = __BENCH_PROFILE__ === 'gc';

/**
 * What the page asks of the Node process that drives it (bench/lib/scale-app-run.ts), over
 * DevTools. The work is done there; the page only makes the call and takes the answer, small
 * tasks of its own.
 */
export interface ScaleDriver {
  /** One key event, as the browser's own input (DevTools' `Input.dispatchKeyEvent`). */
  key(params: { type: string } & Record<string, unknown>): Promise<void>;
  /**
   * Starts a timeline trace of the page, and with `sample` the CPU profiler too (long-tasks.mjs
   * reads the two).
   */
  startProfile(sample: boolean): Promise<void>;
  /** Ends them and writes `results/<name>.trace.json` (and `.cpuprofile` if sampled). */
  stopProfile(name: string): Promise<void>;
  /** Writes a heap snapshot to `results/<name>.heapsnapshot`. */
  heapSnapshot(name: string): Promise<void>;
  /** Starts reading the CPU's use from /proc (cpu-watch.ts). */
  startCpuWatch(): Promise<void>;
  /** Stops the watch and describes each window in a sentence. */
  stopCpuWatch(windows: CpuWindow[]): Promise<string[]>;
  /** Writes the suite's rows where `pnpm bench` collects them. */
  writeResults(suite: string, rows: BenchRow[]): Promise<void>;
}

/** Throws `message` unless `condition` holds: the run fails, and says where. */
function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/**
 * A click, or a double click with `count` 2, as the events a browser sends for one (the second
 * click 120 ms after the first, as a person's), made in the page as the scale bench always has
 * made them, so its figures compare across runs. A tile that the first click
 * re-rendered elsewhere (the details opening beside the grid change its columns) takes the
 * second click where it now is, as the person's pointer would follow it.
 */
async function click(element: Element, count = 1): Promise<void> {
  const init = { bubbles: true, cancelable: true, composed: true, view: window, button: 0 };
  const id = element.getAttribute('data-asset-id');
  let target = element;
  for (let detail = 1; detail <= count; detail++) {
    if (detail > 1) await settle(120);
    if (!target.isConnected && id !== null)
      target = document.querySelector(`[data-asset-id="${CSS.escape(id)}"]`) ?? target;
    target.dispatchEvent(new PointerEvent('pointerdown', { ...init, detail }));
    target.dispatchEvent(new MouseEvent('mousedown', { ...init, detail }));
    target.dispatchEvent(new PointerEvent('pointerup', { ...init, detail }));
    target.dispatchEvent(new MouseEvent('mouseup', { ...init, detail }));
    target.dispatchEvent(new MouseEvent('click', { ...init, detail }));
  }
  if (count === 2) target.dispatchEvent(new MouseEvent('dblclick', { ...init, detail: 2 }));
}

/**
 * One key pressed and released, as the browser's own input events (a person's keys go in the
 * same way); `text` is what it types, if anything.
 */
async function press(
  driver: ScaleDriver,
  key: string,
  code: string,
  keyCode: number,
  text?: string,
  modifiers = 0,
) {
  const common = { key, code, windowsVirtualKeyCode: keyCode, modifiers };
  await driver.key({ type: text ? 'keyDown' : 'rawKeyDown', text, ...common });
  await driver.key({ type: 'keyUp', ...common });
}

/** Types `text` key by key (letters, digits, spaces), a frame between keys. */
async function type(driver: ScaleDriver, text: string): Promise<void> {
  for (const char of text) {
    const code =
      char === ' ' ? 'Space' : /\d/.test(char) ? `Digit${char}` : `Key${char.toUpperCase()}`;
    await press(driver, char, code, char.toUpperCase().charCodeAt(0), char);
    await frame();
  }
}

interface Phase {
  name: string;
  started: number;
  ended: number;
  /** Why the phase did not finish, if it did not: its row says so, and the run fails after. */
  failed?: string;
  /** The host app's own work, before the library: reported, not the library's to meet. */
  host: boolean;
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(
  find: () => T | null | undefined | false,
  what: string,
  timeoutMs = 300_000,
): Promise<T> {
  const started = performance.now();
  for (;;) {
    const found = find();
    if (found) return found;
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await settle(20);
  }
}

/**
 * The grid's last row, as a selector: the grid keeps its tab stop's row (at the top) rendered
 * too, so "a tile" would not say the scroll reached the bottom.
 */
const lastRow = (grid: HTMLElement) =>
  `[role="row"][aria-rowindex="${grid.getAttribute('aria-rowcount')}"]`;

/**
 * A fixed piece of main-thread work (sorting 200,000 numbers), timed now: how long a task of a
 * known size takes on this machine at this moment. On a loaded machine every task stretches
 * alike, so the phases' longest tasks are read against it.
 */
function calibrationMs(): number {
  const numbers = Float64Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 100_003);
  const times: number[] = [];
  for (let run = 0; run < 9; run++) {
    const copy = numbers.slice();
    const started = performance.now();
    copy.sort();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[4] as number;
}

/** How long the control task runs: over the target, so the observer must report it. */
const CONTROL_MS = 80;

/**
 * The instrument's own check, after the phases: a task known to take `CONTROL_MS`, run in a
 * task of its own. Returns the longest task the observer reported for it (0 if none); a run
 * whose observer missed it says nothing by reporting no long task.
 */
async function controlTask(tasks: PerformanceEntry[]): Promise<number> {
  const before = tasks.length;
  await new Promise<void>((resolve) =>
    setTimeout(() => {
      const end = performance.now() + CONTROL_MS;
      while (performance.now() < end) {
        // Busy on purpose.
      }
      resolve();
    }, 0),
  );
  for (let i = 0; i < 5; i++) await frame();
  await settle(200);
  return tasks.slice(before).reduce((max, t) => Math.max(max, t.duration), 0);
}

/** A `long-animation-frame` entry (Chromium's Long Animation Frames API), as far as read here. */
interface LongFrame extends PerformanceEntry {
  renderStart: number;
  styleAndLayoutStart: number;
  scripts: {
    invoker: string;
    sourceFunctionName: string;
    sourceURL: string;
    duration: number;
    forcedStyleAndLayoutDuration: number;
  }[];
}

/**
 * What a long task was, from the long frame it fell in: the script entry points that ran over
 * 5 ms (with the layout they forced), the frame's rendering (style, layout, paint) and what is
 * left, which is work outside script and rendering (a garbage collection, a stalled thread).
 */
function describeTask(task: PerformanceEntry, frames: LongFrame[]): string {
  const end = task.startTime + task.duration;
  // The long frame that overlaps the task most (a frame may hold several tasks).
  const overlap = (f: LongFrame) =>
    Math.min(end, f.startTime + f.duration) - Math.max(task.startTime, f.startTime);
  const frame = frames.filter((f) => overlap(f) > 0).sort((a, b) => overlap(b) - overlap(a))[0];
  const source = taskSource(task);
  if (!frame) return `no long frame recorded around it (${source})`;
  const frameEnd = frame.startTime + frame.duration;
  const rendering = frame.renderStart > 0 ? frameEnd - frame.renderStart : 0;
  const styleLayout = frame.styleAndLayoutStart > 0 ? frameEnd - frame.styleAndLayoutStart : 0;
  const scripts = frame.scripts.reduce((sum, s) => sum + s.duration, 0);
  const named = frame.scripts
    .filter((s) => s.duration > 5)
    .map(
      (s) =>
        `${s.invoker || '?'}${s.sourceFunctionName ? ` → ${s.sourceFunctionName}` : ''}` +
        `${s.sourceURL ? ` (${s.sourceURL.split('/').pop()?.split('?')[0]})` : ''} ${s.duration.toFixed(0)} ms` +
        (s.forcedStyleAndLayoutDuration > 1
          ? ` (forced layout ${s.forcedStyleAndLayoutDuration.toFixed(0)} ms)`
          : ''),
    );
  return (
    `${source}: frame ${frame.duration.toFixed(0)} ms at ${(frame.startTime - task.startTime).toFixed(0)} ms from the task: script ${scripts.toFixed(0)} ms` +
    `${named.length ? ` [${named.join('; ')}]` : ''}, rendering ${rendering.toFixed(0)} ms ` +
    `(style and layout ${styleLayout.toFixed(0)} ms), other ${Math.max(0, frame.duration - scripts - rendering).toFixed(0)} ms`
  );
}

/**
 * Whose task it was, as the browser attributes it: `self` is the page the bench runs in; any
 * other container is a frame that shares its main thread.
 */
function taskSource(task: PerformanceEntry): string {
  const attribution = (
    task as PerformanceEntry & {
      attribution?: { containerType: string; containerName: string; containerSrc: string }[];
    }
  ).attribution?.[0];
  const container = attribution?.containerType
    ? ` in ${attribution.containerType} ${attribution.containerName || attribution.containerSrc}`
    : '';
  return `${task.name}${container}`;
}

/** What a preset's entry gives: its suite name, the host app around the screen, the screen. */
export interface ScaleBenchOptions {
  /** Suite name in bench/results, also the prefix of the profiles' file names. */
  suite: string;
  /** The host app around its content: whatever the preset needs there (a theme provider). */
  app(content: ReactNode): ReactElement;
  /** The preset's screen over a library, as a host puts it inside its app. */
  screen(library: MediaLibraryInstance): ReactElement;
  /** The Node side's tools: input, profiles, the CPU watch, writing the results. */
  driver: ScaleDriver;
}

/** What the host app shows of its own, before and beside the library. */
const appHeading = createElement('h1', { key: 'heading' }, 'Host app');

/**
 * Seeds 100,000 assets, renders the preset's screen over them and measures the phases, then
 * writes the suite's rows. Call it from the preset's page (bench/scale-app).
 */
export async function runScaleBench({
  suite,
  app,
  screen,
  driver,
}: ScaleBenchOptions): Promise<void> {
  const name = `bench-scale-${crypto.randomUUID()}`;
  const seedStarted = performance.now();
  const release = await seed(name);
  const keys = recordKeys();
  // As an earlier visit leaves it: a full sweep on record and no write cut short, so the start
  // lists no blob. The full sweep (after a cut-short write, or weekly) is a phase of its own.
  localStorage.setItem(sweptKey(name), String(Date.now()));
  console.log(
    `seeded ${COUNT} records in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  );
  // The browser writes the database out and compacts it for a few seconds after a seed this
  // size (the worker's open connection keeps it at that); a person opens a library written on
  // an earlier visit, long since settled.
  await settle(6_000);

  const tasks: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
  observer.observe({ type: 'longtask', buffered: false });
  // The browser's own account of each long frame (what script ran, and how long style, layout
  // and paint took): it says what a long task was in a run without the profile's overhead.
  const longFrames: LongFrame[] = [];
  const frameObserver = new PerformanceObserver((list) =>
    longFrames.push(...(list.getEntries() as LongFrame[])),
  );
  frameObserver.observe({ type: 'long-animation-frame', buffered: false });
  // And what the CPU did meanwhile (cpu-watch.ts): whether a long task's thread worked or waited.
  await driver.startCpuWatch();
  const phases: Phase[] = [];
  const phase = async (phaseName: string, run: () => Promise<void>, host = false) => {
    if (PROFILE) await driver.startProfile(SAMPLE);
    const started = performance.now();
    let failed: string | undefined;
    try {
      await run();
    } catch (error) {
      failed = error instanceof Error ? error.message : String(error);
    }
    if (PROFILE) await driver.stopProfile(`${suite}-${phases.length + 1}`);
    if (COLLECT) {
      console.log(`gc after ${phaseName}`);
      (globalThis as { gc?: () => void }).gc?.();
    }
    // Long tasks are reported after they end; a few frames let the last ones arrive.
    for (let i = 0; i < 5; i++) await frame();
    await settle(200);
    phases.push({ name: phaseName, started, ended: performance.now(), failed, host });
  };

  const host = document.createElement('div');
  host.style.cssText = 'width: 1280px; height: 800px;';
  document.body.append(host);
  const root = createRoot(host);
  const library = createMediaLibrary({
    name,
    blobStore: sharedBlobStore(keys, await tinyPng()),
    broadcast: false,
  });
  try {
    // A host shows its own app first (its providers, fonts, first layout) and opens the library
    // inside it: that first render is the host's, measured apart from the library's opening.
    await phase(
      "host app's first render (its providers and a heading, no library yet)",
      async () => {
        root.render(app([appHeading, null]));
        for (let i = 0; i < 3; i++) await frame();
      },
      true,
    );
    await phase('open: render to every asset loaded, first tiles shown', async () => {
      root.render(app([appHeading, createElement(Fragment, { key: 'library' }, screen(library))]));
      await library.ready;
      await until(() => host.querySelector('[data-asset-id] img'), 'a thumbnail in the grid');
      const loaded = library.getState().assets.size;
      check(loaded === COUNT, `${loaded} assets loaded, not ${COUNT}`);
      check(library.lastSweep?.listed === false, 'the start-up sweep listed the blobs');
    });

    if (HEAP) await driver.heapSnapshot(`${suite}-opened`);
    const search = await until(
      () => host.querySelector<HTMLInputElement>('input[aria-label="Search"]'),
      'the search box',
    );
    await phase(`type a search ("${SEARCH}"), key by key`, async () => {
      search.focus();
      await type(driver, SEARCH);
      await until(() => search.value === SEARCH, 'the typed text', 20_000);
      await settle(300);
    });
    await phase('clear the search', async () => {
      // Select all (Ctrl+A), then Backspace.
      await press(driver, 'a', 'KeyA', 65, undefined, 2);
      await press(driver, 'Backspace', 'Backspace', 8);
      await until(() => search.value === '', 'an empty search box');
      await settle(300);
      await frame();
    });

    const grid = await until(
      () => host.querySelector<HTMLElement>('[data-layout="grid"]'),
      'the grid',
    );
    console.log(
      `grid ${grid.clientWidth}×${grid.clientHeight} of ${grid.scrollHeight} px, ` +
        `${grid.querySelectorAll('[data-asset-id]').length} tiles rendered`,
    );
    let frames = 0;
    await phase('scroll the grid from top to bottom', async () => {
      // A drag of the scroll bar from top to bottom in SCROLL_STEPS frames: every step lands on
      // rows never shown before, so each renders a new screen of tiles and their thumbnails.
      const step = Math.ceil((grid.scrollHeight - grid.clientHeight) / SCROLL_STEPS);
      while (grid.scrollTop + grid.clientHeight < grid.scrollHeight - 1) {
        grid.scrollTop += step;
        await frame();
        frames++;
      }
      await until(() => grid.querySelector(`${lastRow(grid)} [data-asset-id] img`), 'the last row');
    });
    if (HEAP) await driver.heapSnapshot(`${suite}-scrolled`);

    await phase('open the viewer on a tile (double click)', async () => {
      const tile = await until(
        () => grid.querySelector<HTMLElement>(`${lastRow(grid)} [data-asset-id]`),
        'a tile at the bottom',
      );
      await click(tile, 2);
      await until(
        () => document.querySelector('[data-testid="viewer-stage"] img'),
        "the viewer's image",
        60_000,
      );
    });

    await phase('tag an asset (one edit)', async () => {
      const id = grid.querySelector<HTMLElement>('[data-asset-id]')?.dataset.assetId ?? '';
      const tags = library.getState().assets.get(id)?.tags ?? [];
      // A tag thousands of assets have, so it is listed in the side panel with its count: the
      // phase ends once the panel shows the count one higher.
      const tag = ['group-0', 'group-1'].find((name) => !tags.includes(name)) as string;
      const panel = () => document.querySelector('[aria-label="Tags"]')?.textContent ?? '';
      const before = panel();
      check(before.includes(tag), `the Tags panel does not list ${tag}`);
      await library.addTags(id, [tag]);
      await until(() => panel() !== before, 'the tag count one higher', 60_000);
      await frame();
    });

    await phase('a full consistency sweep (after a write cut short, or weekly)', async () => {
      const report = await library.sweep();
      check(report.listed && report.orphanBlobsDeleted === 0, 'the sweep deleted blobs');
    });
    const control = await controlTask(tasks);
    observer.disconnect();
    frameObserver.disconnect();
    // Each long task's window, then each phase's.
    const windows = [
      ...tasks.map((t) => [t.startTime, t.startTime + t.duration]),
      ...phases.map((p) => [p.started, p.ended]),
    ].map(([start, end]) => ({
      start: performance.timeOrigin + (start as number),
      end: performance.timeOrigin + (end as number),
    }));
    const cpu = await driver.stopCpuWatch(windows);

    const longest = (phase?: Phase) =>
      tasks
        .filter((t) => !phase || (t.startTime >= phase.started && t.startTime < phase.ended))
        .reduce((max, t) => Math.max(max, t.duration), 0);
    const rows: BenchRow[] = phases.map((p) => {
      const value = longest(p);
      const count = tasks.filter((t) => t.startTime >= p.started && t.startTime < p.ended);
      // When each long task began in its phase: set beside the phase's CPU profile, it says
      // which stretch of the profile was the task.
      console.log(`${p.name}: ${cpu[tasks.length + phases.indexOf(p)]}`);
      console.log(
        `${p.name}: ${count.map((t) => `+${(t.startTime - p.started).toFixed(0)} ms ${t.duration.toFixed(0)} ms`).join(', ') || 'no long task'}`,
      );
      for (const task of count) {
        console.log(`  ${describeTask(task, longFrames)}`);
        console.log(`  ${cpu[tasks.indexOf(task)]}`);
      }
      const note = `${p.failed ? `FAILED (${p.failed}); ` : ''}${count.length} tasks over 50 ms; phase took ${(p.ended - p.started).toFixed(0)} ms${
        p.name.startsWith('scroll') ? `, ${frames} frames` : ''
      }`;
      if (p.host)
        return {
          name: `host app, ${p.name}: longest main-thread task`,
          value,
          unit: 'ms',
          note: `the host's own, before the library; ${note}`,
        };
      return {
        name: `100k assets, ${p.name}: longest main-thread task`,
        value,
        unit: 'ms',
        target: `≤ ${TARGET_MS} ms`,
        met: value <= TARGET_MS && !p.failed,
        note,
      };
    });
    const overall = Math.max(...phases.filter((p) => !p.host).map((p) => longest(p)));
    const calibration = calibrationMs();
    rows.push({
      name: "100k assets, all the library's phases: longest main-thread task",
      value: overall,
      unit: 'ms',
      target: `≤ ${TARGET_MS} ms`,
      met: overall <= TARGET_MS,
      note: `${navigator.hardwareConcurrency} cores`,
    });
    rows.push({
      name: 'calibration: sorting 200,000 numbers on the main thread, median of 9',
      value: calibration,
      unit: 'ms',
      note: 'a task of fixed size timed in the same page: how much this machine stretches tasks now',
    });
    rows.push({
      name: `control: a task known to take ${CONTROL_MS} ms, as the long-task observer reported it`,
      value: control,
      unit: 'ms',
      note: 'run after the phases: the observer that found no long task in them does see one',
    });
    await driver.writeResults(suite, rows);
    const failed = phases.filter((p) => p.failed);
    if (failed.length > 0) throw new Error(failed.map((p) => `${p.name}: ${p.failed}`).join('; '));
    check(
      control > TARGET_MS,
      `the long-task observer reported ${control} ms for a ${CONTROL_MS} ms task`,
    );
  } finally {
    observer.disconnect();
    frameObserver.disconnect();
    root.unmount();
    host.remove();
    library.close();
    await release();
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(libraryDbName(name));
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith(`medialoft:${name}:`)) localStorage.removeItem(key);
    }
  }
}
