// One reference-counted cache of object URLs per library, so a long scroll through a large
// library keeps only the URLs on screen (plus a few warm ones) alive, never one per asset seen.
import { AssetNotFoundError } from './errors';
import type { AssetVariant, ObjectUrlCache } from './types';

type TimerHandle = ReturnType<typeof globalThis.setTimeout>;

/** Options of {@link createObjectUrlCache}. Every platform dependency is injectable. */
export interface ObjectUrlCacheOptions {
  /** Reads the bytes of an asset; `undefined` when there are none (the acquire then rejects). */
  getBlob: (id: string, variant: AssetVariant) => Promise<Blob | undefined>;
  /** How long an unused URL stays alive, so scrolling back does not re-read it. Default 2000. */
  graceMs?: number;
  /** Most unused URLs kept alive during their grace period; the oldest go first. Default 50. */
  maxIdle?: number;
  /** Default `URL.createObjectURL`. */
  createObjectURL?: (blob: Blob) => string;
  /** Default `URL.revokeObjectURL`. */
  revokeObjectURL?: (url: string) => void;
  /** Timer seams for tests. Default the global ones. */
  setTimeout?: (callback: () => void, ms: number) => TimerHandle;
  clearTimeout?: (handle: TimerHandle) => void;
}

interface Entry {
  key: string;
  id: string;
  /** Users holding the URL now. */
  count: number;
  /** Set once the blob is read; `undefined` while loading. */
  url?: string;
  /** The one read shared by every acquire made while loading. */
  loading?: Promise<string>;
  /** Grace timer, while idle. */
  timer?: TimerHandle;
  /** Revoked (or dropped): nothing may use or revoke it again. */
  dead: boolean;
}

const keyOf = (id: string, variant: AssetVariant) => `${variant}\u0000${id}`;

/**
 * Creates the object-URL cache a library hands out as `library.urls`.
 *
 * Each (id, variant) has at most one URL. `acquire` counts a user and shares one `getBlob`
 * between concurrent callers; `release` uncounts. A URL nobody uses is revoked after
 * `graceMs`, or at once when more than `maxIdle` unused URLs are waiting; acquiring it again
 * before then reuses it.
 *
 * @example
 * const urls = createObjectUrlCache({ getBlob: (id, variant) => library.getBlob(id, variant) });
 * const { url, release } = await urls.acquire(id, 'thumbnail');
 * img.src = url; // later: release()
 */
export function createObjectUrlCache(options: ObjectUrlCacheOptions): ObjectUrlCache {
  const graceMs = options.graceMs ?? 2000;
  const maxIdle = options.maxIdle ?? 50;
  const createUrl = options.createObjectURL ?? ((blob: Blob) => URL.createObjectURL(blob));
  const revokeUrl = options.revokeObjectURL ?? ((url: string) => URL.revokeObjectURL(url));
  const startTimer =
    options.setTimeout ??
    ((callback: () => void, ms: number) => globalThis.setTimeout(callback, ms));
  const stopTimer =
    options.clearTimeout ?? ((handle: TimerHandle) => globalThis.clearTimeout(handle));

  const entries = new Map<string, Entry>();
  // Unused entries in the order they became unused (a Map keeps insertion order): the first
  // is the one to evict when too many are waiting.
  const idle = new Map<string, Entry>();

  function drop(entry: Entry): void {
    if (entry.dead) return;
    entry.dead = true;
    if (entry.timer !== undefined) stopTimer(entry.timer);
    entry.timer = undefined;
    if (entries.get(entry.key) === entry) entries.delete(entry.key);
    idle.delete(entry.key);
    if (entry.url !== undefined) revokeUrl(entry.url);
  }

  function load(entry: Entry, variant: AssetVariant): Promise<string> {
    return options.getBlob(entry.id, variant).then((blob) => {
      if (!blob) throw new AssetNotFoundError(entry.id);
      // Invalidated while reading: the acquirers retry with a fresh entry.
      if (entry.dead) return '';
      entry.url = createUrl(blob);
      entry.loading = undefined;
      return entry.url;
    });
  }

  function release(entry: Entry): void {
    entry.count--;
    if (entry.count > 0 || entry.dead) return;
    if (graceMs <= 0 || maxIdle <= 0) {
      drop(entry);
      return;
    }
    idle.set(entry.key, entry);
    entry.timer = startTimer(() => drop(entry), graceMs);
    for (const oldest of idle.values()) {
      if (idle.size <= maxIdle) break;
      drop(oldest);
    }
  }

  async function acquire(
    id: string,
    variant: AssetVariant,
  ): Promise<{ url: string; release: () => void }> {
    const key = keyOf(id, variant);
    let entry = entries.get(key);
    if (!entry) {
      entry = { key, id, count: 0, dead: false };
      entry.loading = load(entry, variant);
      entries.set(key, entry);
    }
    if (entry.timer !== undefined) {
      stopTimer(entry.timer);
      entry.timer = undefined;
    }
    idle.delete(key);
    entry.count++;

    let url: string;
    try {
      url = entry.url ?? (await (entry.loading as Promise<string>));
    } catch (error) {
      // A failed read is not cached: the next acquire tries again.
      entry.count--;
      if (entries.get(key) === entry) entries.delete(key);
      entry.dead = true;
      throw error;
    }
    if (entry.dead) return acquire(id, variant);

    const held = entry;
    let released = false;
    return {
      url,
      release: () => {
        if (released) return;
        released = true;
        release(held);
      },
    };
  }

  return {
    acquire,
    size: () => {
      let live = 0;
      for (const entry of entries.values()) if (entry.url !== undefined) live++;
      return live;
    },
    revokeAll: () => {
      for (const entry of [...entries.values()]) drop(entry);
    },
    invalidate: (id) => {
      for (const variant of ['original', 'thumbnail'] as const) {
        const entry = entries.get(keyOf(id, variant));
        if (entry) drop(entry);
      }
    },
  };
}
