// Choosing the store without a browser: OPFS absent or broken falls back to IndexedDB.
// idb checks `instanceof IDBRequest` etc., so the fake's classes must be global too.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MediaLibraryError } from '../errors';
import { createDefaultBlobStore } from './default-blob-store';

describe('createDefaultBlobStore', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('uses IndexedDB when there is no OPFS', async () => {
    const store = await createDefaultBlobStore('photos', {
      indexedDB: new IDBFactory(),
      opfsRoot: false,
    });
    expect(store.kind).toBe('indexeddb');
    await store.put('x', new Blob(['bytes']));
    expect(await (await store.get('x'))?.text()).toBe('bytes');
  });

  it('uses IndexedDB when OPFS exists but refuses to work', async () => {
    const store = await createDefaultBlobStore('photos', {
      indexedDB: new IDBFactory(),
      opfsRoot: async () => {
        throw new DOMException('blocked in private mode', 'SecurityError');
      },
    });
    expect(store.kind).toBe('indexeddb');
  });

  it('picks IndexedDB in Node, where navigator.storage has no getDirectory', async () => {
    const store = await createDefaultBlobStore('photos', { indexedDB: new IDBFactory() });
    expect(store.kind).toBe('indexeddb');
  });

  it('uses the forced path without probing OPFS', async () => {
    const root = vi.fn(async () => {
      throw new Error('the probe must not run');
    });
    const store = await createDefaultBlobStore('photos', {
      indexedDB: new IDBFactory(),
      opfsRoot: root,
      path: 'indexeddb',
    });
    expect(store.kind).toBe('indexeddb');
    expect(root).not.toHaveBeenCalled();
  });

  it('fails with a typed error when there is no storage at all', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const missing = createDefaultBlobStore('photos', { opfsRoot: false });
    await expect(missing).rejects.toBeInstanceOf(MediaLibraryError);
    await expect(missing).rejects.toMatchObject({ code: 'storage_unavailable' });
  });
});
