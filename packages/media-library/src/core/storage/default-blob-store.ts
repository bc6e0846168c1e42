// Picks where a library's bytes live: OPFS when this browser really lets us write there, else
// Blobs in IndexedDB. Probed once per library open, so the choice needs no configuration.
import { MediaLibraryError } from '../errors';
import type { BlobStore } from '../types';
import { createIdbBlobStore } from './idb-blob-store';
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
 * `navigator.storage.getDirectory` exists and a probe file can be written and removed there
 * (Safari's private windows and older browsers fail that), else IndexedDB (database
 * `medialoft:<name>:blobs`, separate from the records' database).
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
  const root = options.opfsRoot ?? defaultOpfsRoot();
  if (root && (await opfsWorks(root, opfsDirectoryName(libraryName)))) {
    return createOpfsBlobStore(opfsDirectoryName(libraryName), { root });
  }
  const factory = options.indexedDB ?? globalThis.indexedDB;
  if (!factory) {
    throw new MediaLibraryError(
      'storage_unavailable',
      'This browser offers neither the origin private file system nor IndexedDB, so media ' +
        'cannot be stored; pass a `blobStore` (e.g. the in-memory one) instead.',
    );
  }
  return createIdbBlobStore(idbBlobDatabaseName(libraryName), { indexedDB: factory });
}

function defaultOpfsRoot(): (() => Promise<FileSystemDirectoryHandle>) | undefined {
  const storage = globalThis.navigator?.storage;
  return typeof storage?.getDirectory === 'function' ? () => storage.getDirectory() : undefined;
}

/** Whether a file can be created, written and removed in the library's OPFS directory. */
async function opfsWorks(
  root: () => Promise<FileSystemDirectoryHandle>,
  directoryName: string,
): Promise<boolean> {
  try {
    const dir = await (await root()).getDirectoryHandle(keyToFileName(directoryName), {
      create: true,
    });
    // The '~probe' name can't collide with a key: encoded keys have hex after '~'.
    const name = `~probe-${crypto.randomUUID()}`;
    const handle = await dir.getFileHandle(name, { create: true });
    try {
      if (typeof handle.createWritable !== 'function') return false;
      const writable = await handle.createWritable();
      await writable.write(new Uint8Array([1]));
      await writable.close();
      return (await handle.getFile()).size === 1;
    } finally {
      await dir.removeEntry(name).catch(() => {});
    }
  } catch {
    return false;
  }
}
