// Each way of storing bytes, forced in a real browser: full OPFS, OPFS written by a worker's
// sync access handle, and IndexedDB. Also the probe that picks the worker path when file
// handles lack `createWritable`, and the worker's lifetime.
import { afterEach, describe, expect, it } from 'vitest';
import type { BlobStorePath } from '../types';
import {
  createDefaultBlobStore,
  idbBlobDatabaseName,
  opfsDirectoryName,
} from './default-blob-store';
import { createOpfsSyncBlobStore, type OpfsSyncWorkerLike } from './opfs-sync-blob-store';

const libraries: string[] = [];
const stores: Array<{ close?(): void }> = [];
function libraryName(): string {
  const name = `paths-${crypto.randomUUID()}`;
  libraries.push(name);
  return name;
}

afterEach(async () => {
  for (const store of stores.splice(0)) store.close?.();
  const root = await navigator.storage.getDirectory();
  for (const name of libraries.splice(0)) {
    await root.removeEntry(opfsDirectoryName(name), { recursive: true }).catch(() => {});
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(idbBlobDatabaseName(name));
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
  }
});

/** Every file in the library's OPFS directory, including temporary and swap files. */
async function opfsFiles(name: string): Promise<string[]> {
  const root = await navigator.storage.getDirectory();
  const dir = (await root.getDirectoryHandle(opfsDirectoryName(name)).catch(() => undefined)) as
    | (FileSystemDirectoryHandle & { keys(): AsyncIterable<string> })
    | undefined;
  const names: string[] = [];
  if (dir) for await (const entry of dir.keys()) names.push(entry);
  return names.sort();
}

function patternBytes(size: number, seed: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  crypto.getRandomValues(bytes.subarray(0, Math.min(size, 65_536)));
  // Random head, then a cheap pattern: enough to catch a chunk written twice or out of order.
  for (let i = 65_536; i < size; i++) bytes[i] = (i * 31 + seed + (i >> 16)) & 0xff;
  return bytes;
}

async function sameBytes(blob: Blob | undefined, expected: Uint8Array): Promise<boolean> {
  if (!blob || blob.size !== expected.length) return false;
  const actual = new Uint8Array(await blob.arrayBuffer());
  for (let i = 0; i < actual.length; i++) if (actual[i] !== expected[i]) return false;
  return true;
}

async function open(path: BlobStorePath) {
  const name = libraryName();
  const store = await createDefaultBlobStore(name, { path });
  stores.push(store);
  return { name, store };
}

const paths: BlobStorePath[] = ['opfs', 'opfs-sync', 'indexeddb'];

describe.each(paths)('the %s path, forced', (path) => {
  it('writes, reads back identical bytes, lists and deletes', async () => {
    const { name, store } = await open(path);
    expect(store.kind).toBe(path);
    const photo = patternBytes(300_000, 1);
    await store.put('o/photo', new Blob([photo]));
    await store.put('t/photo', new Blob(['thumb']));
    expect(await sameBytes(await store.get('o/photo'), photo)).toBe(true);
    expect(await (await store.get('t/photo'))?.text()).toBe('thumb');
    expect((await store.keys()).sort()).toEqual(['o/photo', 't/photo']);
    expect(await store.has('o/photo')).toBe(true);

    await store.put('t/photo', new Blob(['replaced']));
    expect(await (await store.get('t/photo'))?.text()).toBe('replaced');
    await store.delete('t/photo');
    await store.delete('t/photo');
    expect(await store.has('t/photo')).toBe(false);
    expect(await store.get('t/photo')).toBeUndefined();
    expect(await store.keys()).toEqual(['o/photo']);
    if (path !== 'indexeddb') expect(await opfsFiles(name)).toEqual(['o~2fphoto']);
    await store.clear();
    expect(await store.keys()).toEqual([]);
  });

  it('streams a large file in and out whole', async () => {
    const { store } = await open(path);
    const big = patternBytes(48 * 1024 * 1024 + 3, 7);
    await store.put('o/big', new Blob([big]));
    expect(await sameBytes(await store.get('o/big'), big)).toBe(true);
  }, 120_000);

  it('keeps nothing of a write aborted midway, and the old bytes of a replaced key', async () => {
    const { name, store } = await open(path);
    await store.put('o/kept', new Blob(['old bytes']));
    const bytes = patternBytes(32 * 1024 * 1024, 3);
    const big = new Blob([bytes]);
    // Aborted at once (while the write is under way) and after ever longer moments: each put
    // either rejects and leaves nothing, or had finished and holds every byte.
    const finished: string[] = [];
    for (const [i, delay] of [0, 0, 1, 3, 8, 20].entries()) {
      const key = i === 0 ? 'o/kept' : `o/new-${i}`;
      const controller = new AbortController();
      const reason = new DOMException('stopped by the test', 'AbortError');
      const write = store.put(key, big, { signal: controller.signal });
      if (delay === 0) controller.abort(reason);
      else setTimeout(() => controller.abort(reason), delay);
      const outcome = await write.then(
        () => 'done',
        (error: unknown) => error,
      );
      if (delay === 0) expect(outcome).toBe(reason);
      if (outcome === 'done') {
        finished.push(key);
        expect(await sameBytes(await store.get(key), bytes)).toBe(true);
      } else {
        expect(outcome).toBe(reason);
        if (key !== 'o/kept') expect(await store.has(key)).toBe(false);
      }
    }
    expect(await (await store.get('o/kept'))?.text()).toBe('old bytes');
    const expected = ['o/kept', ...finished].sort();
    expect((await store.keys()).sort()).toEqual(expected);
    if (path !== 'indexeddb') {
      expect(await opfsFiles(name)).toEqual(expected.map((key) => key.replace('/', '~2f')).sort());
    }

    const already = new AbortController();
    already.abort();
    await expect(store.put('o/never', big, { signal: already.signal })).rejects.toBeDefined();
    expect(await store.has('o/never')).toBe(false);
  }, 120_000);

  it('takes concurrent writes, each whole', async () => {
    const { name, store } = await open(path);
    const files = Array.from({ length: 8 }, (_, i) => patternBytes(200_000 + i * 40_961, i));
    const first = patternBytes(500_000, 100);
    const second = patternBytes(700_000, 200);
    await Promise.all([
      ...files.map((bytes, i) => store.put(`o/${i}`, new Blob([bytes]))),
      store.put('o/same', new Blob([first])),
      store.put('o/same', new Blob([second])),
    ]);
    for (const [i, bytes] of files.entries()) {
      expect(await sameBytes(await store.get(`o/${i}`), bytes)).toBe(true);
    }
    const same = await store.get('o/same');
    expect((await sameBytes(same, first)) || (await sameBytes(same, second))).toBe(true);
    expect((await store.keys()).length).toBe(9);
    if (path !== 'indexeddb') expect((await opfsFiles(name)).length).toBe(9);
  }, 120_000);
});

describe('picking the path', () => {
  it('picks full OPFS where createWritable works (Chromium, Firefox)', async () => {
    const store = await createDefaultBlobStore(libraryName());
    expect(store.kind).toBe('opfs');
  });

  it('picks the worker path when file handles have no createWritable', async () => {
    const prototype = FileSystemFileHandle.prototype as { createWritable?: unknown };
    const descriptor = Object.getOwnPropertyDescriptor(prototype, 'createWritable');
    expect(descriptor).toBeDefined();
    delete prototype.createWritable;
    try {
      expect('createWritable' in FileSystemFileHandle.prototype).toBe(false);
      const name = libraryName();
      const store = await createDefaultBlobStore(name);
      stores.push(store);
      expect(store.kind).toBe('opfs-sync');
      // It really writes with createWritable gone from the page.
      await store.put('o/a', new Blob(['written by the worker']));
      expect(await (await store.get('o/a'))?.text()).toBe('written by the worker');
      expect(await opfsFiles(name)).toEqual(['o~2fa']);
    } finally {
      Object.defineProperty(prototype, 'createWritable', descriptor as PropertyDescriptor);
    }
  });

  it('starts the worker on the first write only, and close() ends it', async () => {
    const started: Array<{ terminated: boolean }> = [];
    const createWorker = (): OpfsSyncWorkerLike => {
      const worker = new Worker(new URL('./opfs-sync-worker.ts', import.meta.url), {
        type: 'module',
      });
      const record = { terminated: false };
      started.push(record);
      return Object.assign(worker, {
        terminate() {
          record.terminated = true;
          Worker.prototype.terminate.call(worker);
        },
      }) as unknown as OpfsSyncWorkerLike;
    };
    const name = libraryName();
    const store = createOpfsSyncBlobStore(opfsDirectoryName(name), { createWorker });
    await store.keys();
    await store.get('o/a');
    expect(started).toHaveLength(0);
    await store.put('o/a', new Blob(['a']));
    await store.put('o/b', new Blob(['b']));
    expect(started).toHaveLength(1);
    store.close();
    expect(started[0]?.terminated).toBe(true);
    // Reads still work; a later write starts a new worker.
    expect(await (await store.get('o/b'))?.text()).toBe('b');
    const late = store.put('o/c', new Blob([patternBytes(8 * 1024 * 1024, 5)]));
    store.close();
    await expect(late).rejects.toMatchObject({ code: 'closed' });
    expect(started).toHaveLength(2);
    expect(await store.has('o/c')).toBe(false);
    expect((await store.keys()).sort()).toEqual(['o/a', 'o/b']);
  });
});
