// The fallback home of asset bytes where OPFS is missing: Blobs in an IndexedDB object store,
// one database per library. A transaction either stores the whole Blob or nothing.
import { type IDBPDatabase, wrap } from 'idb';
import { MediaLibraryError } from '../errors';
import type { BlobStore } from '../types';
import { type EstimateStorage, isQuotaExceeded, toStorageFullError } from './quota';

/** Options of {@link createIdbBlobStore}. */
export interface IdbBlobStoreOptions {
  /**
   * The IndexedDB factory. Default `globalThis.indexedDB`. Tests pass one from fake-indexeddb
   * and import `fake-indexeddb/auto` too, since idb needs the `IDB*` classes as globals.
   */
  indexedDB?: IDBFactory;
  /** Storage estimate for the "available" figure of a StorageFullError. Default the browser's. */
  estimate?: EstimateStorage;
}

const STORE = 'blobs';
const VERSION = 1;
// An array key: `keys()` lists only string keys, so the marker never shows among them.
const MARKER_KEY = ['marker'];

/**
 * Creates a BlobStore keeping Blobs in the object store `blobs` of the IndexedDB database
 * `databaseName`. Use a database of its own, not the one holding the asset records, so each
 * can be versioned separately. The Blob's `type` is kept.
 *
 * A `put` that runs out of quota rejects with a `StorageFullError` and stores nothing (the
 * transaction aborts). Another tab upgrading the database makes this one close its connection
 * and reopen on the next call.
 *
 * @example
 * const store = createIdbBlobStore('medialoft:default:blobs', { indexedDB: fakeIndexedDB });
 */
export function createIdbBlobStore(
  databaseName: string,
  options: IdbBlobStoreOptions = {},
): BlobStore {
  let database: Promise<IDBPDatabase> | undefined;

  function open(): Promise<IDBPDatabase> {
    database ??= (async () => {
      const factory = options.indexedDB ?? globalThis.indexedDB;
      if (!factory) {
        throw new MediaLibraryError(
          'storage_unavailable',
          'IndexedDB is not available here (a private window may block it); pass `indexedDB` ' +
            'or another blob store.',
        );
      }
      // idb's openDB always uses the global factory, so the request is opened and wrapped here.
      const request = factory.open(databaseName, VERSION);
      request.addEventListener('upgradeneeded', () => {
        if (!request.result.objectStoreNames.contains(STORE)) {
          request.result.createObjectStore(STORE);
        }
      });
      const db = (await wrap(request)) as IDBPDatabase;
      db.addEventListener('versionchange', () => {
        db.close();
        database = undefined;
      });
      db.addEventListener('close', () => {
        database = undefined;
      });
      return db;
    })();
    database.catch(() => {
      database = undefined;
    });
    return database;
  }

  return {
    kind: 'indexeddb',
    async put(key, data, putOptions) {
      const signal = putOptions?.signal;
      signal?.throwIfAborted();
      const db = await open();
      signal?.throwIfAborted();
      const tx = db.transaction(STORE, 'readwrite');
      // Aborting the transaction stores nothing of the Blob (too late once it committed).
      const onAbort = () => {
        try {
          tx.abort();
        } catch {}
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        // The request and the transaction both reject on quota; wait for both, report once.
        await Promise.all([tx.store.put(data, key), tx.done]);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (isQuotaExceeded(error)) {
          throw await toStorageFullError(error, data.size, options.estimate);
        }
        throw error;
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    },
    async get(key) {
      const value: unknown = await (await open()).get(STORE, key);
      return value instanceof Blob ? value : undefined;
    },
    async has(key) {
      return (await (await open()).getKey(STORE, key)) !== undefined;
    },
    async delete(key) {
      await (await open()).delete(STORE, key);
    },
    async keys() {
      const keys = await (await open()).getAllKeys(STORE);
      return keys.filter((key): key is string => typeof key === 'string');
    },
    async clear() {
      await (await open()).clear(STORE);
    },
    async readMarker() {
      const value: unknown = await (await open()).get(STORE, MARKER_KEY);
      return typeof value === 'string' ? value : undefined;
    },
    async writeMarker(text) {
      await (await open()).put(STORE, text, MARKER_KEY);
    },
  };
}
