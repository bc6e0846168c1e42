// The default home of asset bytes: one directory per library in the origin private file
// system (OPFS). Writes are all-or-nothing, so a crash or a full disk never leaves half a file.
import { MediaLibraryError } from '../errors';
import type { BlobStore } from '../types';
import { type EstimateStorage, isQuotaExceeded, toStorageFullError } from './quota';

/** Options of {@link createOpfsBlobStore}. */
export interface OpfsBlobStoreOptions {
  /** The OPFS root. Default `navigator.storage.getDirectory()`; tests inject fakes. */
  root?: () => Promise<FileSystemDirectoryHandle>;
  /** Storage estimate for the "available" figure of a StorageFullError. Default the browser's. */
  estimate?: EstimateStorage;
}

// The parts of the File System API used here that TypeScript's DOM typings lack (directory
// iteration, move).
interface DirectoryHandle extends FileSystemDirectoryHandle {
  keys(): AsyncIterableIterator<string>;
}
interface MovableFileHandle extends FileSystemFileHandle {
  move?(newName: string): Promise<void>;
}

/** Prefix of in-progress writes. Encoded keys never contain '~' followed by a non-hex letter. */
const TEMP_PREFIX = '~tmp-';
const SAFE = /^[A-Za-z0-9_-]$/;

/**
 * The file name for a key: letters, digits, '_' and '-' kept, every other UTF-8 byte written
 * as `~XX`. Reversible, never '.' or '..', never containing '/', '.' (Chromium's `.crswap`
 * swap files are told apart by their dot) or characters some platforms reject.
 */
export function keyToFileName(key: string): string {
  let name = '';
  for (const char of key) {
    if (SAFE.test(char)) name += char;
    else
      for (const byte of new TextEncoder().encode(char))
        name += `~${byte.toString(16).padStart(2, '0')}`;
  }
  return name;
}

/** The key a file name stands for, or undefined for files this store did not name. */
export function fileNameToKey(name: string): string | undefined {
  if (name === '' || !/^([A-Za-z0-9_-]|~[0-9a-f]{2})+$/.test(name)) return undefined;
  try {
    return decodeURIComponent(name.replace(/~/g, '%'));
  } catch {
    return undefined;
  }
}

const isNotFound = (error: unknown) =>
  (error as { name?: unknown } | null)?.name === 'NotFoundError' ||
  (error as { name?: unknown } | null)?.name === 'TypeMismatchError';

/**
 * Creates a BlobStore over one OPFS directory, `directoryName` (encoded like keys).
 *
 * A `put` writes a temporary file and then renames it over the key's file, so readers and the
 * start-up sweep only ever see complete files; where `move` is missing it writes in place
 * through `createWritable`, whose swap file gives the same guarantee, and removes a new file
 * that failed. A `QuotaExceededError` becomes a `StorageFullError` with the needed bytes and
 * what `navigator.storage.estimate()` says is left.
 *
 * OPFS keeps no MIME type: `get` returns a Blob with an empty `type`; callers that need one
 * (an `<img>` showing SVG does) use `blob.slice(0, blob.size, mimeType)`.
 *
 * @example
 * const store = createOpfsBlobStore('medialoft-default');
 * await store.put('asset-1', file);
 */
export function createOpfsBlobStore(
  directoryName: string,
  options: OpfsBlobStoreOptions = {},
): BlobStore {
  const getRoot =
    options.root ??
    (() => {
      const getDirectory = globalThis.navigator?.storage?.getDirectory;
      if (!getDirectory) {
        throw new MediaLibraryError(
          'storage_unavailable',
          'This browser has no origin private file system; use the IndexedDB blob store.',
        );
      }
      return navigator.storage.getDirectory();
    });
  let directory: Promise<DirectoryHandle> | undefined;

  function open(): Promise<DirectoryHandle> {
    directory ??= (async () => {
      const root = await getRoot();
      return (await root.getDirectoryHandle(keyToFileName(directoryName), {
        create: true,
      })) as DirectoryHandle;
    })();
    // A failed open (e.g. storage blocked for a moment) may succeed on the next call.
    directory.catch(() => {
      directory = undefined;
    });
    return directory;
  }

  async function file(key: string): Promise<FileSystemFileHandle | undefined> {
    const dir = await open();
    try {
      return await dir.getFileHandle(keyToFileName(key));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Writes `data` to `name`; on failure discards the bytes written and rethrows. */
  async function writeFile(handle: FileSystemFileHandle, data: Blob): Promise<void> {
    const writable = await handle.createWritable();
    try {
      await writable.write(data);
      await writable.close();
    } catch (error) {
      await writable.abort().catch(() => {});
      throw error;
    }
  }

  async function removeQuietly(dir: DirectoryHandle, name: string): Promise<void> {
    await dir.removeEntry(name).catch(() => {});
  }

  return {
    kind: 'opfs',
    async put(key, data) {
      const dir = await open();
      const name = keyToFileName(key);
      const tempName = `${TEMP_PREFIX}${crypto.randomUUID()}`;
      try {
        const temp = (await dir.getFileHandle(tempName, { create: true })) as MovableFileHandle;
        if (typeof temp.move === 'function') {
          try {
            await writeFile(temp, data);
            await temp.move(name);
          } catch (error) {
            await removeQuietly(dir, tempName);
            throw error;
          }
          return;
        }
        // No rename here: write in place. The swap file keeps an existing file intact on
        // failure; a file that did not exist before is removed again.
        await removeQuietly(dir, tempName);
        const existed = (await file(key)) !== undefined;
        const target = await dir.getFileHandle(name, { create: true });
        try {
          await writeFile(target, data);
        } catch (error) {
          if (!existed) await removeQuietly(dir, name);
          throw error;
        }
      } catch (error) {
        if (isQuotaExceeded(error))
          throw await toStorageFullError(error, data.size, options.estimate);
        throw error;
      }
    },
    async get(key) {
      const handle = await file(key);
      return handle ? await handle.getFile() : undefined;
    },
    async has(key) {
      return (await file(key)) !== undefined;
    },
    async delete(key) {
      const dir = await open();
      try {
        await dir.removeEntry(keyToFileName(key));
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
    async keys() {
      const dir = await open();
      const keys: string[] = [];
      for await (const name of dir.keys()) {
        const key = fileNameToKey(name);
        if (key !== undefined) keys.push(key);
      }
      return keys;
    },
    async clear() {
      const dir = await open();
      const names: string[] = [];
      for await (const name of dir.keys()) names.push(name);
      // Everything in the directory, including temporary files left by a crash.
      await Promise.all(
        names.map((name) =>
          dir.removeEntry(name, { recursive: true }).catch((error: unknown) => {
            if (!isNotFound(error)) throw error;
          }),
        ),
      );
    },
  };
}
