// A screen that is mounting can ask an opening library to read the rest of its index after it.
// Reading 100,000 records (IndexedDB's replies, each made into objects, and the garbage that
// leaves for the collector) while a screen mounts stage by stage made the screen's frames wait
// for a core: with the reading held until the screen had mounted, the scale bench's Mantine
// opening had no task over 50 ms in 8 runs of 10, against 1 of 8 before (`pnpm bench scale`).

/** What holds an opening library's reading of the rest of its index, and for how long. */
export interface LoadHolds {
  /**
   * Holds the reading until the returned function is called, or `maxMs` have passed (a view
   * that never lets go cannot keep a library from loading).
   */
  hold(maxMs?: number): () => void;
  /** Resolves at once when nothing holds, else once every hold has ended. */
  whenFree(): Promise<void>;
}

/** How long one hold lasts at most, in ms. */
export const MAX_HOLD_MS = 2_000;

/** The holds of one library instance. */
export function createLoadHolds(): LoadHolds {
  let held = 0;
  const waiting: Array<() => void> = [];
  return {
    hold(maxMs = MAX_HOLD_MS) {
      held++;
      let holding = true;
      const end = () => {
        if (!holding) return;
        holding = false;
        if (--held === 0) for (const done of waiting.splice(0)) done();
      };
      setTimeout(end, maxMs);
      return end;
    },
    whenFree: () => new Promise<void>((resolve) => (held ? waiting.push(resolve) : resolve())),
  };
}

/**
 * The holds of each library instance, found by the instance (`holdsOf.get(library)?.hold()`):
 * none for a library that reads no index (one a host made by hand).
 */
export const holdsOf = new WeakMap<object, LoadHolds>();
