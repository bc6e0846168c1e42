// What every part of a library instance shares: the database and blob store once open, the
// store, the clock and id maker, the lock, and `commit` (store first, then the other tabs).
import type { LibraryDb } from './db';
import { MediaLibraryError } from './errors';
import type { LibraryLocks } from './library-locks';
import { applyChange, type LibraryStore, type StateChange } from './store';
import type { LibraryChange, LibrarySync } from './sync';
import type { BlobStore, MediaLibraryOptions, ObjectUrlCache } from './types';

/** The shared internals of one library instance. Not exported from the package. */
export interface LibraryContext {
  readonly name: string;
  readonly options: MediaLibraryOptions;
  readonly store: LibraryStore;
  readonly locks: LibraryLocks;
  now(): number;
  createId(): string;
  /** The open database; rejects once the library is closed or failed to open. */
  db(): Promise<LibraryDb>;
  /** The blob store, once created. */
  blobs(): Promise<BlobStore>;
  /** Resolves when the whole index is in the store. */
  readonly loaded: Promise<void>;
  /**
   * Bytes written by imports still in flight in this instance, so two concurrent batches
   * cannot both pass the storage cap.
   */
  pendingBytes: number;
  /**
   * Applies a change already committed to IndexedDB to the store (one replacement) and tells
   * the other tabs. Ids touched while the index is still loading are remembered so the late
   * full read does not overwrite them with older data.
   */
  commit(change: StateChange, broadcast?: LibraryChange): void;
  /** Revokes the object URLs of assets whose bytes changed or went away. */
  invalidateUrls(ids: readonly string[]): void;
  /** Throws `MediaLibraryError('closed')` after `close()`. */
  assertOpen(): void;
  readonly closed: boolean;
}

/** The mutable parts `createMediaLibrary` wires in after building the context. */
export interface LibraryContextWiring {
  context: LibraryContext;
  /** Ids changed while the index was loading; undefined once it is loaded. */
  touchedWhileLoading: Set<string> | undefined;
  /** Bumped by every `reset`, so a load that raced a `clear()` reads again. */
  resets: number;
  setSync(sync: LibrarySync): void;
  setUrls(urls: ObjectUrlCache): void;
  markClosed(): void;
}

/** Builds the context of one instance. */
export function createLibraryContext(parts: {
  name: string;
  options: MediaLibraryOptions;
  store: LibraryStore;
  locks: LibraryLocks;
  db: Promise<LibraryDb>;
  blobs: Promise<BlobStore>;
  loaded: Promise<void>;
}): LibraryContextWiring {
  const { options } = parts;
  let sync: LibrarySync | undefined;
  let urls: ObjectUrlCache | undefined;
  let closed = false;
  const closedError = () =>
    new MediaLibraryError(
      'closed',
      `The media library "${parts.name}" is closed. Create a new instance to use it again.`,
    );

  const wiring: LibraryContextWiring = {
    touchedWhileLoading: new Set(),
    resets: 0,
    setSync(value) {
      sync = value;
    },
    setUrls(value) {
      urls = value;
    },
    markClosed() {
      closed = true;
    },
    context: {
      name: parts.name,
      options,
      store: parts.store,
      locks: parts.locks,
      loaded: parts.loaded,
      pendingBytes: 0,
      now: monotonic(options.now ?? Date.now),
      createId: options.createId ?? (() => crypto.randomUUID()),
      get closed() {
        return closed;
      },
      db() {
        return closed ? Promise.reject(closedError()) : parts.db;
      },
      blobs() {
        return closed ? Promise.reject(closedError()) : parts.blobs;
      },
      invalidateUrls(ids) {
        for (const id of ids) urls?.invalidate(id);
      },
      assertOpen() {
        if (closed) throw closedError();
      },
      commit(change, broadcast) {
        if (closed) return;
        const touched = wiring.touchedWhileLoading;
        if (touched) {
          for (const asset of change.upsert ?? []) touched.add(asset.id);
          for (const id of change.remove ?? []) touched.add(id);
        }
        if (change.reset) wiring.resets++;
        applyChange(parts.store, change);
        // URLs of deleted assets must not outlive them, whichever tab deleted them.
        if (change.reset) urls?.revokeAll();
        for (const id of change.remove ?? []) urls?.invalidate(id);
        if (broadcast) sync?.publish(broadcast);
      },
    },
  };
  return wiring;
}

/**
 * The clock as the library stamps records with it: never the same time twice in one instance,
 * so what was imported (or edited) later sorts later even within one millisecond, where ids
 * (random) would otherwise decide. Runs ahead of the clock by 1 ms per stamp at most while
 * stamps come faster than that, and is back on the clock once the clock passes it.
 */
export function monotonic(clock: () => number): () => number {
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const time = clock();
    last = time > last ? time : last + 1;
    return last;
  };
}
