// Long loops over a whole library (100,000 records) cut into short main-thread tasks, so a page
// stays responsive to input and keeps painting while the loop runs.

/** How a long loop is cut into slices. */
export interface SliceOptions {
  /** Milliseconds of work before giving the main thread back. Default 8. */
  budgetMs?: number;
  /** Most items handled in one slice, whatever the clock says. Default 20,000. */
  sliceSize?: number;
  /** Gives the main thread back; default `scheduler.yield()` where present, else a 0 ms timer. */
  yieldToMain?: () => Promise<void>;
}

/** Counts a loop's steps and says when to give the main thread back. */
export interface Slicer {
  /** Counts one step; true when the slice is used up and the loop should `pause()`. */
  tick(): boolean;
  /** Whether the slice's time is used up, by the clock (for loops counting their own steps). */
  due(): boolean;
  /** Gives the main thread back and starts a new slice. */
  pause(): Promise<void>;
}

type SchedulerWithYield = { yield?: () => Promise<void> };

/** `scheduler.yield()` resumes ahead of other queued tasks; a timer goes to the back. */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: SchedulerWithYield }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

// Reading the clock on every step would cost more than many steps do.
const CLOCK_EVERY = 128;

/** A slicer for one long loop (or several in a row: slices carry over). */
export function createSlicer(options: SliceOptions = {}): Slicer {
  const budget = options.budgetMs ?? 8;
  const size = options.sliceSize ?? 20_000;
  const giveBack = options.yieldToMain ?? yieldToMain;
  let steps = 0;
  let started = performance.now();
  return {
    tick() {
      steps++;
      if (steps >= size) return true;
      return steps % CLOCK_EVERY === 0 && performance.now() - started >= budget;
    },
    due: () => performance.now() - started >= budget,
    async pause() {
      await giveBack();
      steps = 0;
      started = performance.now();
    },
  };
}

/** Work cut into slices: a generator that yields wherever it would give the main thread back. */
export type Steps<T> = Generator<void, T, void>;

/** Steps under way: their value at once when they never yielded, and a promise of it. */
export interface StepsRun<T> {
  /** Set when the steps finished within the call, before their first yield. */
  readonly now?: { readonly value: T };
  readonly done: Promise<T>;
}

/**
 * Runs `steps` within the call up to their first yield, then a slice after each
 * `slicer.pause()`. Steps that never yield have their value at once, in `now`; a pause that
 * throws (an aborted run) rejects `done`.
 */
export function runSteps<T>(steps: Steps<T>, slicer: Slicer): StepsRun<T> {
  const first = steps.next();
  if (first.done) return { now: { value: first.value }, done: Promise.resolve(first.value) };
  const done = (async () => {
    for (;;) {
      await slicer.pause();
      const step = steps.next();
      if (step.done) return step.value;
    }
  })();
  return { done };
}

/**
 * The steps that sort `items` by `compare` into a new array (stable, so equal to
 * `[...items].sort(compare)`): short runs sorted, then merged pass by pass, yielding whenever
 * `slicer` says the slice is used up. Run them with `runSteps`.
 */
export function* sortSteps<T>(
  items: readonly T[],
  compare: (a: T, b: T) => number,
  slicer: Slicer,
): Steps<T[]> {
  const length = items.length;
  const RUN = 512;
  let source: T[] = new Array(length);
  for (let start = 0; start < length; start += RUN) {
    const run = items.slice(start, start + RUN).sort(compare);
    for (let i = 0; i < run.length; i++) source[start + i] = run[i] as T;
    for (let i = 0; i < run.length; i++) if (slicer.tick()) yield;
  }
  let target: T[] = new Array(length);
  for (let width = RUN; width < length; width *= 2) {
    for (let low = 0; low < length; low += 2 * width) {
      const middle = Math.min(low + width, length);
      const high = Math.min(low + 2 * width, length);
      let left = low;
      let right = middle;
      for (let out = low; out < high; out++) {
        // `<= 0` takes the left one on ties: stable, as Array.prototype.sort is.
        if (
          left < middle &&
          (right >= high || compare(source[left] as T, source[right] as T) <= 0)
        ) {
          target[out] = source[left++] as T;
        } else {
          target[out] = source[right++] as T;
        }
        if (slicer.tick()) yield;
      }
    }
    [source, target] = [target, source];
  }
  return source;
}
