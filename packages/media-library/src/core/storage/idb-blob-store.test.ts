// The IndexedDB fallback against fake-indexeddb; the real thing is tested in
// idb-blob-store.browser.test.ts.
// idb checks `instanceof IDBRequest` etc., so the fake's classes must be global too.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createIdbBlobStore } from './idb-blob-store';

describe('createIdbBlobStore', () => {
  it('stores, lists, replaces and deletes blobs, keeping their type', async () => {
    const store = createIdbBlobStore('blobs', { indexedDB: new IDBFactory() });
    expect(store.kind).toBe('indexeddb');
    await store.put('a', new Blob(['hello'], { type: 'text/plain' }));
    await store.put('b/with spaces', new Blob([new Uint8Array([1, 2, 3])]));
    const a = await store.get('a');
    expect(a).toBeInstanceOf(Blob);
    expect(await a?.text()).toBe('hello');
    expect(a?.type).toBe('text/plain');
    expect(await store.has('b/with spaces')).toBe(true);
    expect((await store.keys()).sort()).toEqual(['a', 'b/with spaces']);
    await store.put('a', new Blob(['bye']));
    expect(await (await store.get('a'))?.text()).toBe('bye');
    await store.delete('a');
    await store.delete('missing');
    expect(await store.get('a')).toBeUndefined();
    await store.clear();
    expect(await store.keys()).toEqual([]);
  });

  it('keeps data across store instances on the same database', async () => {
    const factory = new IDBFactory();
    await createIdbBlobStore('shared', { indexedDB: factory }).put('k', new Blob(['v']));
    const again = createIdbBlobStore('shared', { indexedDB: factory });
    expect(await (await again.get('k'))?.text()).toBe('v');
  });
});
