// The OPFS store in real Chromium: round trips, key encoding, and what a full disk leaves
// behind (nothing), simulated by a root whose writables throw QuotaExceededError.
import { afterEach, describe, expect, it } from 'vitest';
import { StorageFullError } from '../errors';
import { createOpfsBlobStore, fileNameToKey, keyToFileName } from './opfs-blob-store';

const directories: string[] = [];
function directoryName(): string {
  const name = `test-${crypto.randomUUID()}`;
  directories.push(name);
  return name;
}

afterEach(async () => {
  const root = await navigator.storage.getDirectory();
  for (const name of directories.splice(0)) {
    await root.removeEntry(name, { recursive: true }).catch(() => {});
  }
});

async function listFiles(directory: string): Promise<string[]> {
  const root = await navigator.storage.getDirectory();
  const dir = (await root.getDirectoryHandle(directory)) as FileSystemDirectoryHandle & {
    keys(): AsyncIterableIterator<string>;
  };
  const names: string[] = [];
  for await (const name of dir.keys()) names.push(name);
  return names.sort();
}

function randomBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let offset = 0; offset < size; offset += 65_536) {
    crypto.getRandomValues(bytes.subarray(offset, Math.min(size, offset + 65_536)));
  }
  return bytes;
}

/** Forwards to a real handle, with some members replaced. */
function override<T extends object>(target: T, members: Record<string, unknown>): T {
  return new Proxy(target, {
    get(object, property) {
      if (typeof property === 'string' && property in members) return members[property];
      const value = Reflect.get(object, property, object);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

/**
 * An OPFS root whose file writables write the first half of the bytes, then fail like a
 * browser out of quota.
 */
function fullDiskRoot() {
  return async () => {
    const root = await navigator.storage.getDirectory();
    return override(root, {
      getDirectoryHandle: async (name: string, opts?: FileSystemGetDirectoryOptions) => {
        const dir = await root.getDirectoryHandle(name, opts);
        return override(dir, {
          getFileHandle: async (fileName: string, fileOpts?: FileSystemGetFileOptions) => {
            const file = await dir.getFileHandle(fileName, fileOpts);
            return override(file, {
              createWritable: async () => {
                const writable = await file.createWritable();
                return override(writable, {
                  write: async (data: Blob) => {
                    await writable.write(data.slice(0, data.size / 2));
                    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
                  },
                });
              },
            });
          },
        });
      },
    });
  };
}

describe('createOpfsBlobStore', () => {
  it('round-trips bytes exactly and lists, deletes and clears keys', async () => {
    const name = directoryName();
    const store = createOpfsBlobStore(name);
    expect(store.kind).toBe('opfs');
    const big = randomBytes(3 * 1024 * 1024 + 17);
    await store.put('big', new Blob([big]));
    await store.put('small', new Blob(['hello']));
    const back = new Uint8Array(await (await store.get('big'))!.arrayBuffer());
    expect(back.length).toBe(big.length);
    expect(back.every((byte, i) => byte === big[i])).toBe(true);
    expect(await (await store.get('small'))!.text()).toBe('hello');
    expect(await store.has('big')).toBe(true);
    expect(await store.has('nope')).toBe(false);
    expect(await store.get('nope')).toBeUndefined();
    expect((await store.keys()).sort()).toEqual(['big', 'small']);
    // Nothing but the two files: no swap files left behind.
    expect(await listFiles(name)).toEqual(['big', 'small']);

    await store.put('small', new Blob(['replaced']));
    expect(await (await store.get('small'))!.text()).toBe('replaced');
    await store.delete('small');
    await store.delete('small'); // missing keys are fine
    expect(await store.keys()).toEqual(['big']);
    await store.clear();
    expect(await store.keys()).toEqual([]);
    expect(await listFiles(name)).toEqual([]);
  });

  it('keeps keys with any characters apart and reversible', async () => {
    const store = createOpfsBlobStore(directoryName());
    const keys = ['a/b', '..', '.', 'thumb:1', 'ünï~cødé', 'A', 'a', 'x.crswap', '~tmp-1'];
    for (const key of keys) await store.put(key, new Blob([key]));
    expect((await store.keys()).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(await (await store.get(key))!.text()).toBe(key);
    for (const key of keys) expect(fileNameToKey(keyToFileName(key))).toBe(key);
    expect(keyToFileName('a/b.c')).toBe('a~2fb~2ec');
  });

  it('ignores files it did not write, such as Chromium swap files', async () => {
    const name = directoryName();
    const store = createOpfsBlobStore(name);
    await store.put('k', new Blob(['v']));
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(name);
    await dir.getFileHandle('k.crswap', { create: true });
    await dir.getFileHandle('~tmp-left-by-a-crash', { create: true });
    expect(await store.keys()).toEqual(['k']);
    await store.clear();
    expect(await listFiles(name)).toEqual([]);
  });

  it('turns QuotaExceededError into StorageFullError and leaves no file', async () => {
    const name = directoryName();
    const store = createOpfsBlobStore(name, { root: fullDiskRoot() });
    const data = new Blob([randomBytes(256 * 1024)]);
    const error = await store.put('photo', data).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    const full = error as StorageFullError;
    expect(full.code).toBe('storage_full');
    expect(full.neededBytes).toBe(data.size);
    expect(full.availableBytes).toBeTypeOf('number');
    expect(full.availableBytes).toBeGreaterThan(0);
    expect((full.cause as DOMException).name).toBe('QuotaExceededError');
    expect(await listFiles(name)).toEqual([]);
    expect(await store.has('photo')).toBe(false);
  });

  it('keeps the old bytes when replacing a key fails for quota', async () => {
    const name = directoryName();
    await createOpfsBlobStore(name).put('photo', new Blob(['old bytes']));
    const failing = createOpfsBlobStore(name, { root: fullDiskRoot() });
    await expect(failing.put('photo', new Blob([randomBytes(1024)]))).rejects.toBeInstanceOf(
      StorageFullError,
    );
    expect(await (await failing.get('photo'))!.text()).toBe('old bytes');
    expect(await listFiles(name)).toEqual(['photo']);
  });
});
