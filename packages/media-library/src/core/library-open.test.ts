// Opening a library in Node: persistence across instances, the first page before the rest, the
// schema upgrade path, the start-up sweep, cross-instance sync and close().
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DB_VERSION, libraryDbName } from './db';
import type { MediaLibraryInstance } from './library';
import { LOAD_CHUNK_SIZE } from './library-load';
import { createMemoryBlobStore } from './storage/memory-blob-store';
import { bytesOf, createHarness, pngFile } from './testing/library-harness';
import type { MediaAsset, MediaLibraryState } from './types';

const opened: MediaLibraryInstance[] = [];
function track(library: MediaLibraryInstance) {
  opened.push(library);
  return library;
}
afterEach(() => {
  for (const library of opened.splice(0)) library.close();
});

describe('open', () => {
  it('a new instance with the same name sees the same assets and bytes', async () => {
    const h = createHarness();
    const first = h.open();
    const results = await first.importFiles([pngFile(1), pngFile(2)]);
    const collection = await first.createCollection('Foxes');
    first.close();

    const second = track(h.open());
    await second.ready;
    expect(second.getState().status).toBe('ready');
    for (const result of results) {
      if (result.status !== 'imported') throw new Error('not imported');
      expect(second.get(result.asset.id)).toEqual(result.asset);
      expect(await bytesOf(await second.getBlob(result.asset.id))).toEqual(
        await bytesOf(await h.blobStore.get(result.asset.blobKey)),
      );
    }
    expect([...second.getState().collections.values()]).toEqual([collection]);
  });

  it('publishes the newest page first (partial), then everything (ready)', async () => {
    const h = createHarness();
    const seed = h.open();
    for (let i = 0; i < 10; i++) await seed.importFiles([pngFile(100 + i)]);
    const newest = seed.query({ limit: 3 }).items.map((asset) => asset.id);
    seed.close();

    const library = track(h.open({ firstPageSize: 3 }));
    const states: MediaLibraryState[] = [library.getState()];
    library.subscribe((state) => states.push(state));
    await library.ready;
    expect(states[0]?.status).toBe('loading');
    const partial = states.find((state) => state.status === 'partial');
    expect([...(partial?.assets.keys() ?? [])].sort()).toEqual([...newest].sort());
    expect(library.getState().status).toBe('ready');
    expect(library.getState().assets.size).toBe(10);
  });

  it('reads the same first page with a backwards cursor where getAllRecords is missing', async () => {
    const h = createHarness();
    const seed = h.open();
    for (let i = 0; i < 6; i++) await seed.importFiles([pngFile(200 + i)]);
    const newest = seed.query({ limit: 4 }).items.map((asset) => asset.id);
    seed.close();

    const prototype = IDBIndex.prototype as { getAllRecords?: unknown };
    const getAllRecords = Object.getOwnPropertyDescriptor(prototype, 'getAllRecords');
    delete prototype.getAllRecords;
    try {
      const library = track(h.open({ firstPageSize: 4 }));
      let partial: string[] = [];
      library.subscribe((state) => {
        if (state.status === 'partial') partial = [...state.assets.keys()];
      });
      await library.ready;
      expect(partial).toEqual(newest);
    } finally {
      if (getAllRecords) Object.defineProperty(prototype, 'getAllRecords', getAllRecords);
    }
  });

  /** A library of `count` copies of one imported asset, written straight into its database. */
  async function bulkLibrary(h: ReturnType<typeof createHarness>, count: number) {
    const seed = h.open();
    const [result] = await seed.importFiles([pngFile(300)]);
    await seed.ready;
    seed.close();
    const template = result?.status === 'imported' ? result.asset : ({} as MediaAsset);
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = h.indexedDB.open(libraryDbName('test'));
      request.onsuccess = () => resolve(request.result);
    });
    await new Promise((resolve) => {
      const tx = db.transaction('assets', 'readwrite');
      const store = tx.objectStore('assets');
      for (let i = 0; i < count; i++) {
        const id = `bulk-${String(i).padStart(6, '0')}`;
        store.put({ ...template, id, favorite: 0, sourceType: 'upload', createdAt: i });
      }
      tx.oncomplete = resolve;
    });
    db.close();
  }

  const statusReached = (library: MediaLibraryInstance, status: MediaLibraryState['status']) =>
    new Promise<MediaLibraryState>((resolve) => {
      const stop = library.subscribe((state) => {
        if (state.status === status) {
          stop();
          resolve(state);
        }
      });
    });

  it('loads a library larger than one read chunk completely', async () => {
    const h = createHarness();
    const count = LOAD_CHUNK_SIZE * 2 + 1;
    await bulkLibrary(h, count);
    const library = track(h.open());
    expect((await statusReached(library, 'ready')).assets.size).toBe(count + 1);
    expect(library.get(`bulk-${String(LOAD_CHUNK_SIZE).padStart(6, '0')}`)).toBeDefined();
  }, 30_000);

  it('loads a library of exactly two read chunks, the last read finding nothing', async () => {
    const h = createHarness();
    // With the imported asset, two full chunks: the read after the second returns no record.
    await bulkLibrary(h, LOAD_CHUNK_SIZE * 2 - 1);
    const library = track(h.open());
    expect((await statusReached(library, 'ready')).assets.size).toBe(LOAD_CHUNK_SIZE * 2);
  }, 30_000);

  it('rejects a pending ready with a closed error when closed while the index loads', async () => {
    const h = createHarness();
    await bulkLibrary(h, LOAD_CHUNK_SIZE * 2);
    const library = h.open();
    // Once the rest of the index has been asked for: its read completes, and goes unheard.
    void statusReached(library, 'partial').then(() => setTimeout(() => library.close(), 0));
    await expect(library.ready).rejects.toMatchObject({ code: 'closed' });
    expect(library.getState().status).toBe('partial');
  }, 30_000);

  it('keeps an edit made while the rest of the index was still loading', async () => {
    const h = createHarness();
    const seed = h.open();
    const [result] = await seed.importFiles([pngFile(3)]);
    seed.close();
    const id = result?.status === 'imported' ? result.asset.id : '';

    const library = track(h.open());
    await new Promise<void>((resolve) => {
      const stop = library.subscribe((state) => {
        if (state.status === 'partial') {
          stop();
          resolve();
        }
      });
    });
    await library.update(id, { title: 'edited early' });
    await library.ready;
    expect(library.get(id)?.title).toBe('edited early');
  });

  it('upgrades a version 1 database, adding the index and keeping the data', async () => {
    const h = createHarness();
    const v1Record = {
      id: 'legacy',
      kind: 'image',
      name: 'old.png',
      mimeType: 'image/png',
      size: 3,
      sha256: 'abc',
      blobKey: 'o/legacy',
      tags: ['old'],
      favorite: 1,
      collectionIds: [],
      source: { type: 'url', url: 'https://example.test/old.png' },
      usage: { downloads: 0, shares: 0, uses: 0 },
      createdAt: 1,
      updatedAt: 1,
    };
    await new Promise<void>((resolve, reject) => {
      const request = h.indexedDB.open(libraryDbName('test'), 1);
      request.onupgradeneeded = () => {
        const assets = request.result.createObjectStore('assets', { keyPath: 'id' });
        // The version 1 schema: every index but `sourceType`, which version 2 added.
        for (const index of ['createdAt', 'updatedAt', 'kind', 'favorite', 'sha256']) {
          assets.createIndex(index, index);
        }
        assets.createIndex('tags', 'tags', { multiEntry: true });
        assets.createIndex('collectionIds', 'collectionIds', { multiEntry: true });
        request.result.createObjectStore('collections', { keyPath: 'id' });
        assets.put(v1Record);
      };
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    await h.blobStore.put('o/legacy', new Blob(['old']));

    const library = track(h.open());
    await library.ready;
    expect(library.get('legacy')).toMatchObject({ favorite: true, tags: ['old'] });
    expect(library.query({ sourceTypes: ['url'] }).total).toBe(1);

    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = h.indexedDB.open(libraryDbName('test'));
      request.onsuccess = () => resolve(request.result);
    });
    expect(db.version).toBe(DB_VERSION);
    const store = db.transaction('assets').objectStore('assets');
    expect([...store.indexNames].sort()).toEqual([
      'collectionIds',
      'createdAt',
      'favorite',
      'kind',
      'sha256',
      'sourceModule',
      'sourceType',
      'tags',
      'trashedAt',
      'updatedAt',
    ]);
    const ids = await new Promise((resolve) => {
      const request = store.index('sourceType').getAllKeys('url');
      request.onsuccess = () => resolve(request.result);
    });
    expect(ids).toEqual(['legacy']);
    db.close();
  });
});

describe('start-up sweep', () => {
  it('repairs a simulated crash: orphan bytes go, a record without bytes goes', async () => {
    const h = createHarness();
    const seed = h.open();
    const results = await seed.importFiles([pngFile(10), pngFile(11), pngFile(12)]);
    seed.close();
    const [kept, lost, thumbless] = results.map((r) =>
      r.status === 'imported' ? r.asset : ({} as MediaAsset),
    );
    // A crash after writing bytes but before the record, and one between a delete's steps.
    await h.blobStore.put('o/crashed-import', new Blob(['orphan']));
    await h.blobStore.put('t/crashed-import', new Blob(['orphan thumb']));
    await h.blobStore.delete(lost?.blobKey ?? '');
    // A record claiming a thumbnail whose bytes are gone keeps its original.
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = h.indexedDB.open(libraryDbName('test'));
      request.onsuccess = () => resolve(request.result);
    });
    await new Promise((resolve) => {
      const tx = db.transaction('assets', 'readwrite');
      tx.objectStore('assets').put({
        ...thumbless,
        favorite: 0,
        sourceType: 'upload',
        thumbnailKey: 't/missing',
        thumbnailType: 'image/webp',
      });
      tx.oncomplete = resolve;
    });
    db.close();

    const library = track(h.open());
    await library.ready;
    expect(library.lastSweep).toEqual({
      orphanBlobsDeleted: 2,
      recordsRemoved: 1,
      thumbnailsDropped: 1,
      listed: true,
    });
    expect(library.get(lost?.id ?? '')).toBeUndefined();
    expect(library.get(kept?.id ?? '')).toBeDefined();
    expect(library.get(thumbless?.id ?? '')?.thumbnailKey).toBeUndefined();
    expect((await h.blobStore.keys()).sort()).toEqual([kept?.blobKey, thumbless?.blobKey].sort());
    expect(await library.sweep()).toEqual({
      orphanBlobsDeleted: 0,
      recordsRemoved: 0,
      thumbnailsDropped: 0,
      listed: true,
    });
  });

  it('does not take the bytes of an import another instance is writing', async () => {
    const inner = createMemoryBlobStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let writing!: () => void;
    const started = new Promise<void>((resolve) => {
      writing = resolve;
    });
    // The importing tab stalls between its bytes and its records.
    const slowStore = {
      ...inner,
      async put(key: string, data: Blob) {
        await inner.put(key, data);
        writing();
        await gate;
      },
    };
    const h = createHarness();
    const importer = track(h.open({ blobStore: slowStore }));
    await importer.ready;
    const importing = importer.importFiles([pngFile(20)]);
    await started;

    const sweeper = track(h.open({ blobStore: inner }));
    // Opening does not wait for the other instance's import: its start-up sweep is skipped.
    await sweeper.ready;
    expect(sweeper.lastSweep).toBeUndefined();
    // An explicit sweep waits for the import to commit, then finds nothing to take.
    const sweep = sweeper.sweep();
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    const [result] = await importing;
    expect(await sweep).toEqual({
      orphanBlobsDeleted: 0,
      recordsRemoved: 0,
      thumbnailsDropped: 0,
      listed: true,
    });
    expect(result?.status).toBe('imported');
    expect(await inner.keys()).toEqual([result?.status === 'imported' && result.asset.blobKey]);
  });
});

describe('cross-instance sync', () => {
  it('a change in one instance reaches the other, re-read from the database', async () => {
    const h = createHarness();
    const a = track(h.open({ broadcast: h.broadcast }));
    const b = track(h.open({ broadcast: h.broadcast }));
    await Promise.all([a.ready, b.ready]);

    const [result] = await a.importFiles([pngFile(30)]);
    const id = result?.status === 'imported' ? result.asset.id : '';
    await vi.waitFor(() => expect(b.get(id)).toEqual(a.get(id)));

    await a.update(id, { title: 'synced', favorite: true });
    await vi.waitFor(() => expect(b.get(id)?.title).toBe('synced'));

    const collection = await b.createCollection('Shared');
    await b.addToCollection(collection.id, id);
    await vi.waitFor(() => expect(a.get(id)?.collectionIds).toEqual([collection.id]));
    expect(a.getState().collections.get(collection.id)).toEqual(collection);

    await b.delete(id);
    await vi.waitFor(() => expect(a.get(id)).toBeUndefined());

    await a.importFiles([pngFile(31)]);
    await vi.waitFor(() => expect(b.getState().assets.size).toBe(1));
    await b.clear();
    await vi.waitFor(() => expect(a.getState().assets.size).toBe(0));
    expect(a.getState().collections.size).toBe(0);
  });

  it('ignores what a message claims and trusts only the database', async () => {
    const h = createHarness();
    const a = track(h.open({ broadcast: h.broadcast }));
    await a.ready;
    const forger = h.broadcast('medialoft:test');
    forger.postMessage({
      type: 'medialoft:change',
      from: 'x',
      assets: ['ghost'],
      deletedAssets: 5,
    });
    forger.postMessage({ type: 'other', assets: ['ghost'] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(a.get('ghost')).toBeUndefined();
    forger.close();
  });
});

describe('close', () => {
  it('rejects later operations with a closed error and revokes URLs', async () => {
    const h = createHarness();
    const library = h.open();
    await library.ready;
    const revokeAll = vi.spyOn(library.urls, 'revokeAll');
    library.close();
    expect(revokeAll).toHaveBeenCalled();
    await expect(library.importFiles([pngFile(40)])).rejects.toMatchObject({ code: 'closed' });
    await expect(library.update('x', { title: 't' })).rejects.toMatchObject({ code: 'closed' });
  });

  it('reports a database that cannot be opened as status error', async () => {
    const failing = {
      open() {
        throw new Error('blocked by policy');
      },
    } as unknown as IDBFactory;
    const h = createHarness();
    const library = track(h.open({ indexedDB: failing }));
    await expect(library.ready).rejects.toMatchObject({
      code: 'storage_unavailable',
      cause: { message: 'blocked by policy' },
    });
    expect(library.getState().status).toBe('error');
  });
});
