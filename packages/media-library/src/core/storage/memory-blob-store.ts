// An in-memory BlobStore for unit tests and server-side rendering: nothing survives a reload.
// An optional byte quota lets tests exercise the "storage full" paths without a browser.
import { StorageFullError } from '../errors';
import type { BlobStore } from '../types';

/** Options of {@link createMemoryBlobStore}. */
export interface MemoryBlobStoreOptions {
  /**
   * Total bytes the store may hold. A `put` that would pass it rejects with a
   * `StorageFullError` and changes nothing. Default: unlimited.
   */
  quotaBytes?: number;
}

/**
 * Creates a BlobStore that keeps Blobs in a Map.
 *
 * @example
 * const store = createMemoryBlobStore({ quotaBytes: 1024 });
 * await store.put('a', new Blob(['hello']));
 * await store.put('b', new Blob([new Uint8Array(2048)])); // rejects: StorageFullError
 */
export function createMemoryBlobStore(options: MemoryBlobStoreOptions = {}): BlobStore {
  const { quotaBytes } = options;
  const blobs = new Map<string, Blob>();
  let used = 0;
  let marker: string | undefined;

  return {
    kind: 'memory',
    async put(key, data) {
      // Replacing a key frees its old bytes first, as a real store would.
      const previous = blobs.get(key)?.size ?? 0;
      if (quotaBytes !== undefined && used - previous + data.size > quotaBytes) {
        throw new StorageFullError(data.size, Math.max(0, quotaBytes - used + previous));
      }
      blobs.set(key, data);
      used += data.size - previous;
    },
    async get(key) {
      return blobs.get(key);
    },
    async has(key) {
      return blobs.has(key);
    },
    async delete(key) {
      const blob = blobs.get(key);
      if (!blob) return;
      blobs.delete(key);
      used -= blob.size;
    },
    async keys() {
      return [...blobs.keys()];
    },
    async clear() {
      blobs.clear();
      used = 0;
      marker = undefined;
    },
    async readMarker() {
      return marker;
    },
    async writeMarker(text) {
      marker = text;
    },
  };
}
