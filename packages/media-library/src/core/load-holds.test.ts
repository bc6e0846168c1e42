// Holding an opening library's reading of the rest of its index: the holds themselves, and a
// library that shows its first page, waits while a screen holds it, then loads the rest.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaLibraryInstance } from './library';
import { createLoadHolds, holdsOf, MAX_HOLD_MS } from './load-holds';
import { createHarness, pngFile } from './testing/library-harness';
import type { MediaLibraryState } from './types';

const opened: MediaLibraryInstance[] = [];
afterEach(() => {
  for (const library of opened.splice(0)) library.close();
});

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
};

describe('load holds', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('are free at once with no hold, and only once every hold has ended', async () => {
    const holds = createLoadHolds();
    expect(await settled(holds.whenFree())).toBe(true);

    const first = holds.hold();
    const second = holds.hold(500);
    const free = holds.whenFree();
    first();
    first(); // a second release of the same hold counts for nothing
    expect(await settled(free)).toBe(false);
    second();
    expect(await settled(free)).toBe(true);
  });

  it('end by themselves after their time, so a hold never let go cannot stop a load', async () => {
    vi.useFakeTimers();
    const holds = createLoadHolds();
    const release = holds.hold(100);
    const long = holds.hold();
    const free = holds.whenFree();
    vi.advanceTimersByTime(99);
    expect(await settled(free)).toBe(false);
    vi.advanceTimersByTime(1);
    // The short hold is over; the default one lasts 2 s.
    expect(await settled(free)).toBe(false);
    vi.advanceTimersByTime(MAX_HOLD_MS - 100);
    expect(await settled(free)).toBe(true);
    // Released late, after its time: nothing is counted twice.
    release();
    long();
    holds.hold();
    expect(await settled(holds.whenFree())).toBe(false);
  });

  it('are none for an object that is not a library', () => {
    expect(holdsOf.get({})).toBeUndefined();
  });
});

describe('an opening library, held', () => {
  const status = (library: MediaLibraryInstance) => library.getState().status;
  const reached = (library: MediaLibraryInstance, wanted: MediaLibraryState['status']) =>
    new Promise<void>((resolve) => {
      if (status(library) === wanted) return resolve();
      const stop = library.subscribe((state) => {
        if (state.status !== wanted) return;
        stop();
        resolve();
      });
    });

  async function seeded() {
    const h = createHarness();
    const seed = h.open();
    await seed.importFiles([pngFile(1), pngFile(2), pngFile(3)]);
    seed.close();
    return h;
  }

  it('shows its first page, reads the rest only once the hold ends', async () => {
    const h = await seeded();
    const library = h.open({ firstPageSize: 1 });
    opened.push(library);
    const release = holdsOf.get(library)?.hold();
    expect(release).toBeTypeOf('function');
    await reached(library, 'partial');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(status(library)).toBe('partial');
    expect(library.getState().assets.size).toBe(1);

    release?.();
    await library.ready;
    expect(library.getState().assets.size).toBe(3);
  });

  it('reads the rest after a hold that is never let go has run out', async () => {
    const h = await seeded();
    const library = h.open({ firstPageSize: 1 });
    opened.push(library);
    holdsOf.get(library)?.hold(150);
    // Without the hold's own end, ready would never come and the test would time out.
    await library.ready;
    expect(library.getState().assets.size).toBe(3);
  });
});
