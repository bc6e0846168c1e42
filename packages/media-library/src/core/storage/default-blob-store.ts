// Picks where a library's bytes live: OPFS written with `createWritable` when this browser
// really lets us write there, OPFS written by a worker where only `createSyncAccessHandle`
// exists, else Blobs in IndexedDB. Probed once per library open, so it needs no configuration.
import { MediaLibraryError } from '../errors';
import type { BlobStore, BlobStorePath } from '../types';
import { createOpfsBlobStore, keyToFileName } from './opfs-blob-store';

/** Options of {@link createDefaultBlobStore}. */
export interface DefaultBlobStoreOptions {
  /** The IndexedDB factory for the fallback. Default `globalThis.indexedDB`. */
  indexedDB?: IDBFactory;
  /**
   * The OPFS root, or `false` to act as if there were none. Default
   * `navigator.storage.getDirectory` where it exists.
   */
  opfsRoot?: (() => Promise<FileSystemDirectoryHandle>) | false;
  /**
   * Skips the probe and uses this path: `'opfs'` (OPFS written with `createWritable`),
   * `'opfs-sync'` (OPFS written by a worker through `createSyncAccessHandle`, read with
   * `getFile()`) or `'indexeddb'`. For tests and for hosts that know better than the probe; a
   * path this browser lacks fails at the first write.
   */
  path?: BlobStorePath;
}

/** The OPFS directory of a library's bytes. */
export function opfsDirectoryName(libraryName: string): string {
  return `medialoft-${libraryName}`;
}

/** The IndexedDB database of a library's bytes when OPFS is missing. */
export function idbBlobDatabaseName(libraryName: string): string {
  return `medialoft:${libraryName}:blobs`;
}

/**
 * The blob store a library should use: OPFS (directory `medialoft-<name>`) where
 * `navigator.storage.getDirectory` exists and a probe file can be written with
 * `createWritable` and removed there (`kind: 'opfs'`); the same directory written by a worker
 * through `createSyncAccessHandle` where the directory works but file handles have no
 * `createWritable` (`kind: 'opfs-sync'`, Safari before 26; the worker starts on the first
 * write); else IndexedDB (database `medialoft:<name>:blobs`, separate from the records'
 * database; Safari's private windows and older browsers). `options.path` forces one of them.
 *
 * @throws MediaLibraryError (`storage_unavailable`) when neither OPFS nor IndexedDB works.
 * @example
 * const store = await createDefaultBlobStore('default');
 * store.kind; // 'opfs' in current browsers
 */
export async function createDefaultBlobStore(
  libraryName: string,
  options: DefaultBlobStoreOptions = {},
): Promise<BlobStore> {
  const directory = opfsDirectoryName(libraryName);
  const root = options.opfsRoot ?? defaultOpfsRoot();
  const path = options.path ?? (root ? await probeOpfs(root, directory) : 'indexeddb');
  if (path === 'opfs') return createOpfsBlobStore(directory, root ? { root } : {});
  if (path === 'opfs-sync') {
    // Loaded only where it is used, so browsers with `createWritable` never fetch it.
    const { createOpfsSyncBlobStore } = await import('./opfs-sync-blob-store');
    return createOpfsSyncBlobStore(directory);
  }
  const factory = options.indexedDB ?? globalThis.indexedDB;
  if (!factory) {
    throw new MediaLibraryError(
      'storage_unavailable',
      'This browser offers neither the origin private file system nor IndexedDB, so media ' +
        'cannot be stored; pass a `blobStore` (e.g. the in-memory one) instead.',
    );
  }
  // Loaded only where OPFS is missing: most browsers never need it.
  const { createIdbBlobStore } = await import('./idb-blob-store');
  return createIdbBlobStore(idbBlobDatabaseName(libraryName), { indexedDB: factory });
}

function defaultOpfsRoot(): (() => Promise<FileSystemDirectoryHandle>) | undefined {
  const storage = globalThis.navigator?.storage;
  return typeof storage?.getDirectory === 'function' ? () => storage.getDirectory() : undefined;
}

/**
 * Which OPFS path works in the library's directory: 'opfs' when a file can be created, written
 * with `createWritable`, read and removed; 'opfs-sync' when a file can be created, read and
 * removed but handles have no `createWritable` and workers exist (sync access handles live
 * only in workers, so the page cannot see them: the worker says so on the first write);
 * 'indexeddb' when the directory or its files refuse to work.
 */
async function probeOpfs(
  root: () => Promise<FileSystemDirectoryHandle>,
  directoryName: string,
): Promise<BlobStorePath> {
  try {
    const dir = await (await root()).getDirectoryHandle(keyToFileName(directoryName), {
      create: true,
    });
    // The '~probe' name can't collide with a key: encoded keys have hex after '~'.
    const name = `~probe-${crypto.randomUUID()}`;
    const handle = await dir.getFileHandle(name, { create: true });
    try {
      if (typeof handle.createWritable !== 'function') {
        await handle.getFile();
        return typeof Worker === 'function' ? 'opfs-sync' : 'indexeddb';
      }
      const writable = await handle.createWritable();
      await writable.write(new Uint8Array([1]));
      await writable.close();
      return (await handle.getFile()).size === 1 ? 'opfs' : 'indexeddb';
    } finally {
      await dir.removeEntry(name).catch(() => {});
    }
  } catch {
    return 'indexeddb';
  }
}
