// One reference-counted cache of object URLs per library, so a long scroll through a large
// library keeps only the URLs on screen (plus a few warm ones) alive, never one per asset seen.
// Also the one guard every object URL of imported bytes passes: a URL a person can open in a
// tab runs as a document on the host's origin, so none may carry a type a browser executes.
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
  /** Default `URL.createObjectURL`. Called with the blob already passed through `inertBlob`. */
  createObjectURL?: (blob: Blob) => string;
  /** Default `URL.revokeObjectURL`. */
  revokeObjectURL?: (url: string) => void;
  /** Timer seams for tests. Default the global ones. */
  setTimeout?: (callback: () => void, ms: number) => TimerHandle;
  clearTimeout?: (handle: TimerHandle) => void;
  /**
   * Most URLs made in one task; the others wait for the next tasks, this many each. A browser
   * registers each object URL with its own process (a fraction of a millisecond each), so a grid
   * showing 50 new thumbnails at once would otherwise do it all in one long task. Default 8.
   */
  urlsPerTask?: number;
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
  /** When its last user released it (`Date.now()`), while idle. */
  idleSince?: number;
  /** Revoked (or dropped): nothing may use or revoke it again. */
  dead: boolean;
}

const keyOf = (id: string, variant: AssetVariant) => `${variant}\u0000${id}`;

/**
 * Types a browser opens as an image, a player, a PDF viewer or plain text, never as a document
 * that runs script, whatever the bytes hold: an image decoder does not run SVG inside a PNG,
 * and browsers sniff `text/plain` only for binary, never for HTML.
 */
const INERT_TYPES = new Set([
  'image/png',
  'image/apng',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'image/x-icon',
  'image/vnd.microsoft.icon',
  'image/tiff',
  'image/heic',
  'image/heif',
  'image/jxl',
  'application/pdf',
  'text/plain',
  // Never sniffed for markup: a tab downloads it.
  'application/octet-stream',
]);

/** What markup and other text is handed out as: readable in a tab, never run. */
export const INERT_TEXT_TYPE = 'text/plain;charset=utf-8';
/** What any other type that is not known to be inert is handed out as (a tab downloads it). */
export const INERT_BINARY_TYPE = 'application/octet-stream';

function essenceOf(type: string): string {
  return (type.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * Whether a browser opening bytes of this MIME type as a document (a new tab, an iframe, a
 * download link) can never run script: raster images, audio, video, PDF, plain text and
 * `application/octet-stream`. SVG,
 * HTML, XHTML, XML and every type not known to be inert answer false.
 *
 * @example
 * isInertMimeType('image/png'); // true
 * isInertMimeType('image/svg+xml'); // false: an SVG opened in a tab runs its scripts
 */
export function isInertMimeType(type: string): boolean {
  const essence = essenceOf(type);
  if (essence.startsWith('audio/') || essence.startsWith('video/')) return true;
  return INERT_TYPES.has(essence);
}

/**
 * The same bytes typed so that no browser runs them: the blob itself when its type is inert
 * ({@link isInertMimeType}); otherwise a copy-free slice typed `text/plain;charset=utf-8` for
 * text and markup (SVG, HTML, XHTML, XML, JSON, scripts: a tab shows their source) or
 * `application/octet-stream` for anything else (a tab downloads it). A blob without a type is
 * never handed out either, since browsers sniff those and may find HTML.
 *
 * @example
 * const url = URL.createObjectURL(inertBlob(await library.getBlob(id)));
 */
export function inertBlob(blob: Blob): Blob {
  if (isInertMimeType(blob.type)) return blob;
  const essence = essenceOf(blob.type);
  const text =
    essence.startsWith('text/') ||
    /[/+](xml|json|javascript|ecmascript)$/.test(essence) ||
    essence === 'application/xhtml+xml';
  return blob.slice(0, blob.size, text ? INERT_TEXT_TYPE : INERT_BINARY_TYPE);
}

/**
 * `URL.createObjectURL` for imported bytes, through {@link inertBlob}: what the URL serves
 * never runs as script on this origin, however a person opens it. Every object URL of an
 * asset's bytes is made here or by {@link createObjectUrlCache}, which uses the same guard.
 *
 * @param create The URL maker; default `URL.createObjectURL`.
 */
export function createInertObjectURL(
  blob: Blob,
  create: (blob: Blob) => string = (inert) => URL.createObjectURL(inert),
): string {
  return create(inertBlob(blob));
}

/**
 * Turns for a piece of work, at most `perTask` in one task: `await turn()` resolves at once
 * while this task has some left, else in a later task (a timer of 0 ms hands out the next ones).
 */
function createPacer(
  perTask: number,
  startTimer: (callback: () => void, ms: number) => unknown,
): () => Promise<void> {
  if (!(perTask > 0) || perTask === Number.POSITIVE_INFINITY) return () => Promise.resolve();
  let left = perTask;
  let refilling = false;
  const waiting: Array<() => void> = [];
  const refill = () => {
    refilling = false;
    left = perTask;
    while (left > 0 && waiting.length > 0) {
      left--;
      (waiting.shift() as () => void)();
    }
    // Another task is needed while some wait, or to give this one's turns back.
    if (waiting.length > 0 || left < perTask) schedule();
  };
  const schedule = () => {
    if (refilling) return;
    refilling = true;
    startTimer(refill, 0);
  };
  return () => {
    schedule();
    if (left > 0) {
      left--;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
}

/**
 * Creates the object-URL cache a library hands out as `library.urls`.
 *
 * Each (id, variant) has at most one URL. `acquire` counts a user and shares one `getBlob`
 * between concurrent callers; `release` uncounts. A URL nobody uses is revoked after
 * `graceMs` (by `Date.now()`, checked by one timer for every idle URL), or at once when more
 * than `maxIdle` unused URLs are waiting; acquiring it again before then reuses it.
 *
 * Every URL passes {@link inertBlob}: an SVG, HTML, XHTML or XML original (or any type not known
 * to be inert) is handed out as `text/plain` or `application/octet-stream`, so opening it in a
 * new tab shows its source or downloads it instead of running it on the host's origin. The
 * bytes are the original ones; `library.getBlob` still answers with the real type, for
 * downloads. Thumbnails are raster images and pass unchanged.
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

  const turn = createPacer(options.urlsPerTask ?? 8, startTimer);
  const entries = new Map<string, Entry>();
  // Unused entries in the order they became unused (a Map keeps insertion order): the first
  // is the one to evict when too many are waiting.
  const idle = new Map<string, Entry>();
  // One timer for every idle URL, set for the oldest: a search that swaps 50 tiles starts one
  // timer, not 50, and taking a URL back stops none.
  let sweeping: TimerHandle | undefined;
  const sweep = () => {
    sweeping = undefined;
    const now = Date.now();
    for (const entry of idle.values()) {
      const wait = (entry.idleSince as number) + graceMs - now;
      if (wait > 0) {
        sweeping = startTimer(sweep, wait);
        return;
      }
      drop(entry);
    }
  };

  function drop(entry: Entry): void {
    if (entry.dead) return;
    entry.dead = true;
    if (entries.get(entry.key) === entry) entries.delete(entry.key);
    idle.delete(entry.key);
    if (entry.url !== undefined) revokeUrl(entry.url);
  }

  function load(entry: Entry, variant: AssetVariant): Promise<string> {
    return options.getBlob(entry.id, variant).then(async (blob) => {
      if (!blob) throw new AssetNotFoundError(entry.id);
      await turn();
      // Invalidated while reading: the acquirers retry with a fresh entry.
      if (entry.dead) return '';
      entry.url = createInertObjectURL(blob, createUrl);
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
    entry.idleSince = Date.now();
    idle.set(entry.key, entry);
    sweeping ??= startTimer(sweep, graceMs);
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
      if (sweeping !== undefined) stopTimer(sweeping);
      sweeping = undefined;
    },
    invalidate: (id) => {
      for (const variant of ['original', 'thumbnail'] as const) {
        const entry = entries.get(keyOf(id, variant));
        if (entry) drop(entry);
      }
    },
  };
}
