// The IndexedDB fallback and the automatic choice between it and OPFS, in real Chromium.
import { afterEach, describe, expect, it } from 'vitest';
import { createDefaultBlobStore, idbBlobDatabaseName } from './default-blob-store';
import { createIdbBlobStore } from './idb-blob-store';

const databases: string[] = [];
afterEach(async () => {
  for (const name of databases.splice(0)) {
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
  }
});

describe('createIdbBlobStore in Chromium', () => {
  it('stores real Blobs byte for byte, with their type', async () => {
    const name = `test-${crypto.randomUUID()}`;
    databases.push(name);
    const store = createIdbBlobStore(name);
    const bytes = crypto.getRandomValues(new Uint8Array(60_000));
    await store.put('img', new Blob([bytes], { type: 'image/png' }));
    const back = await store.get('img');
    expect(back?.type).toBe('image/png');
    const copy = new Uint8Array(await back!.arrayBuffer());
    expect(copy.every((byte, i) => byte === bytes[i])).toBe(true);
    expect(await store.keys()).toEqual(['img']);
    await store.delete('img');
    expect(await store.has('img')).toBe(false);
  });
});

describe('createDefaultBlobStore in Chromium', () => {
  it('picks OPFS where it works', async () => {
    const library = `lib-${crypto.randomUUID()}`;
    const store = await createDefaultBlobStore(library);
    expect(store.kind).toBe('opfs');
    await store.put('k', new Blob(['v']));
    expect(await store.keys()).toEqual(['k']); // the probe file is gone
    await (await navigator.storage.getDirectory()).removeEntry(`medialoft-${library}`, {
      recursive: true,
    });
  });

  it('falls back to IndexedDB when OPFS is absent or fails', async () => {
    const library = `lib-${crypto.randomUUID()}`;
    databases.push(idbBlobDatabaseName(library));
    const absent = await createDefaultBlobStore(library, { opfsRoot: false });
    expect(absent.kind).toBe('indexeddb');
    await absent.put('k', new Blob(['v']));
    expect(await (await absent.get('k'))?.text()).toBe('v');

    // A root whose directory refuses writables, as in some private modes.
    const broken = await createDefaultBlobStore(library, {
      opfsRoot: async () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    expect(broken.kind).toBe('indexeddb');
    expect(await broken.keys()).toEqual(['k']);
  });
});
