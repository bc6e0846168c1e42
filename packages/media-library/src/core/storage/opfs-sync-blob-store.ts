// OPFS for browsers whose file handles cannot `createWritable` (Safari before 26): bytes are
// written by a worker through `createSyncAccessHandle`, read on the page through `getFile()`.
import { MediaLibraryError } from '../errors';
import type { BlobStore, BlobStorePutOptions } from '../types';
import { createOpfsBlobStore, keyToFileName, MARKER_FILE_NAME } from './opfs-blob-store';
import type { OpfsSyncWorkerRequest, OpfsSyncWorkerResponse } from './opfs-sync-worker';
import { type EstimateStorage, isQuotaExceeded, toStorageFullError } from './quota';

/** The part of a Worker this store uses; tests and hosts may pass their own. */
export interface OpfsSyncWorkerLike {
  postMessage(message: OpfsSyncWorkerRequest): void;
  /** Listens for `'message'` (a write's answer) and `'error'` (the worker failed). */
  addEventListener(type: 'message' | 'error', listener: (event: MessageEvent) => void): void;
  terminate(): void;
}

/** Options of {@link createOpfsSyncBlobStore}. */
export interface OpfsSyncBlobStoreOptions {
  /** Storage estimate for the "available" figure of a StorageFullError. Default the browser's. */
  estimate?: EstimateStorage;
  /** Starts the writer worker. Default the package's own `opfs-sync-worker` module worker. */
  createWorker?: () => OpfsSyncWorkerLike;
}

/** A BlobStore whose writer worker can be stopped. */
export interface OpfsSyncBlobStore extends BlobStore {
  readonly kind: 'opfs-sync';
  /** Terminates the writer worker; writes still running reject. A later put starts a new one. */
  close(): void;
}

function defaultWorker(): OpfsSyncWorkerLike {
  return new Worker(new URL('./opfs-sync-worker.ts', import.meta.url), {
    type: 'module',
  }) as unknown as OpfsSyncWorkerLike;
}

/**
 * Creates a BlobStore over the OPFS directory `directoryName` (of the real origin root) that
 * writes through a dedicated worker's `FileSystemSyncAccessHandle`. The worker starts on the
 * first `put`, not before, and `close()` ends it. Each put streams the Blob into a temporary
 * file and moves it over the key's file when complete, so the key shows its old bytes or all
 * of the new ones; a failed or aborted put leaves no file of its own behind. Reads, listing
 * and deletes run on the page, as in {@link createOpfsBlobStore}.
 *
 * @example
 * const store = createOpfsSyncBlobStore('medialoft-default');
 * await store.put('asset-1', file);
 * store.close();
 */
export function createOpfsSyncBlobStore(
  directoryName: string,
  options: OpfsSyncBlobStoreOptions = {},
): OpfsSyncBlobStore {
  const reader = createOpfsBlobStore(directoryName);
  const startWorker = options.createWorker ?? defaultWorker;
  const pending = new Map<
    number,
    { resolve: () => void; reject: (error: unknown) => void; signal: AbortSignal | undefined }
  >();
  let worker: OpfsSyncWorkerLike | undefined;
  let nextId = 1;

  function failAll(error: unknown): void {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  }

  function ensureWorker(): OpfsSyncWorkerLike {
    if (worker) return worker;
    const started = startWorker();
    started.addEventListener('message', (event: MessageEvent<OpfsSyncWorkerResponse>) => {
      const { id, error, staged } = event.data;
      const waiting = pending.get(id);
      if (staged) {
        // The write's only way into the key; an abort seen before now discards it.
        const aborted = !waiting || waiting.signal?.aborted === true;
        started.postMessage({ type: aborted ? 'discard' : 'commit', id });
        return;
      }
      if (!waiting) return;
      pending.delete(id);
      if (error) waiting.reject(new DOMException(error.message, error.name));
      else waiting.resolve();
    });
    started.addEventListener('error', () => {
      if (worker === started) worker = undefined;
      started.terminate();
      failAll(
        new MediaLibraryError(
          'storage_unavailable',
          'The OPFS writer worker failed to start or crashed; reload the page to try again.',
        ),
      );
    });
    worker = started;
    return started;
  }

  async function write(name: string, data: Blob, signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    const target = ensureWorker();
    const id = nextId++;
    const done = new Promise<void>((resolve, reject) =>
      pending.set(id, { resolve, reject, signal }),
    );
    const onAbort = () => target.postMessage({ type: 'cancel', id });
    signal?.addEventListener('abort', onAbort, { once: true });
    target.postMessage({
      type: 'write',
      id,
      directory: keyToFileName(directoryName),
      name,
      blob: data,
    });
    try {
      await done;
    } catch (error) {
      if (signal?.aborted && (error as { name?: unknown }).name === 'AbortError') {
        throw signal.reason;
      }
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    ...reader,
    kind: 'opfs-sync',
    async put(key, data, putOptions?: BlobStorePutOptions) {
      try {
        await write(keyToFileName(key), data, putOptions?.signal);
      } catch (error) {
        if (isQuotaExceeded(error)) {
          throw await toStorageFullError(error, data.size, options.estimate);
        }
        throw error;
      }
    },
    async writeMarker(text) {
      await write(MARKER_FILE_NAME, new Blob([text]), undefined);
    },
    close() {
      const running = worker;
      worker = undefined;
      running?.terminate();
      failAll(
        new MediaLibraryError(
          'closed',
          'The blob store was closed while writing; nothing of that write was kept.',
        ),
      );
    },
  };
}
