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

// The part of the File System API used here that TypeScript's DOM typings lack.
interface DirectoryHandle extends FileSystemDirectoryHandle {
  keys(): AsyncIterableIterator<string>;
}

const SAFE = /^[A-Za-z0-9_-]$/;
/** The marker's file: '~' before no hex, so never a key's name and never listed by `keys()`. */
export const MARKER_FILE_NAME = '~marker';
const encoder = new TextEncoder();

/**
 * The file name for a key: letters, digits, '_' and '-' kept, every other UTF-8 byte written
 * as `~XX`. Reversible, never '.' or '..', never containing '/', '.' (Chromium's `.crswap`
 * swap files are told apart by their dot) or characters some platforms reject.
 */
export function keyToFileName(key: string): string {
  let name = '';
  for (const char of key) {
    if (SAFE.test(char)) {
      name += char;
      continue;
    }
    for (const byte of encoder.encode(char)) name += `~${byte.toString(16).padStart(2, '0')}`;
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
 * A `put` writes through `createWritable`, whose swap file makes it all-or-nothing: the key's
 * file shows the new bytes only once they are all written, a failed write leaves earlier bytes
 * untouched, and a file the failed put had just created is removed. (Writing a temporary file
 * and renaming it gives the same guarantee but measured twice as slow in Chromium.) While a
 * first put of a key runs, the key's file exists but is empty. A `QuotaExceededError` becomes
 * a `StorageFullError` with the needed bytes and what `navigator.storage.estimate()` says is
 * left.
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
  async function writeFile(
    handle: FileSystemFileHandle,
    data: Blob,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const writable = await handle.createWritable();
    try {
      if (signal) {
        // Chunk by chunk only when the write may be stopped: one write(blob) is faster.
        const reader = data.stream().getReader();
        for (;;) {
          signal.throwIfAborted();
          const { done, value } = await reader.read();
          if (done) break;
          await writable.write(value);
        }
        signal.throwIfAborted();
      } else {
        await writable.write(data);
      }
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
    async put(key, data, putOptions) {
      const signal = putOptions?.signal;
      signal?.throwIfAborted();
      const dir = await open();
      const name = keyToFileName(key);
      try {
        const handle = await dir.getFileHandle(name, { create: true });
        try {
          await writeFile(handle, data, signal);
        } catch (error) {
          // The swap file kept any earlier bytes; a file that is empty now was created by
          // this put (or held nothing), so it goes too rather than stay behind half-made.
          const size = await handle
            .getFile()
            .then((file) => file.size)
            .catch(() => 0);
          if (size === 0) await removeQuietly(dir, name);
          throw error;
        }
      } catch (error) {
        if (isQuotaExceeded(error)) {
          throw await toStorageFullError(error, data.size, options.estimate);
        }
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
    async readMarker() {
      const dir = await open();
      try {
        return await (await (await dir.getFileHandle(MARKER_FILE_NAME)).getFile()).text();
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    async writeMarker(text) {
      const dir = await open();
      await writeFile(
        await dir.getFileHandle(MARKER_FILE_NAME, { create: true }),
        new Blob([text]),
        undefined,
      );
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
