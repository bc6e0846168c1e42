// The start-up sweep over a larger library: it pauses many times (a page stays responsive
// while it checks 100,000 records against 200,000 keys) and still repairs what it finds.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openLibraryDb, type StoredAsset, toStoredAsset } from './db';
import { createLibraryContext } from './library-context';
import { loadRemaining } from './library-load';
import { createLibraryLocks } from './library-locks';
import { idsOfKey, sweepLibrary } from './library-sweep';
import { createMemoryBlobStore } from './storage/memory-blob-store';
import { createLibraryStore } from './store';
import { createHarness } from './testing/library-harness';
import { sampleAsset } from './testing/sample-asset';

const COUNT = 2_000;
const closing: Array<{ close(): void }> = [];
afterEach(() => {
  for (const db of closing.splice(0)) db.close();
  vi.restoreAllMocks();
});

/** A loaded library of `count` records with their bytes, but for the keys in `lost`. */
async function loadedLibrary(count: number, lost: string[] = []) {
  const h = createHarness();
  const db = await openLibraryDb('test', h.indexedDB);
  closing.push(db);
  const blobs = createMemoryBlobStore();
  const tx = db.transaction('assets', 'readwrite');
  for (let i = 0; i < count; i++) {
    const id = `a${String(i).padStart(5, '0')}`;
    const asset = sampleAsset(id, { thumbnailKey: `t/${id}`, thumbnailType: 'image/webp' });
    tx.store.put(toStoredAsset(asset) as StoredAsset);
    for (const key of [`o/${id}`, `t/${id}`]) {
      if (!lost.includes(key)) await blobs.put(key, new Blob([key]));
    }
  }
  await tx.done;
  const wiring = createLibraryContext({
    name: 'test',
    options: {},
    store: createLibraryStore(),
    locks: createLibraryLocks('test'),
    db: Promise.resolve(db),
    blobs: Promise.resolve(blobs),
    loaded: Promise.resolve(),
  });
  await loadRemaining(wiring, db);
  expect(wiring.context.store.getState().status).toBe('ready');
  // The database's stores, as fake-indexeddb/auto installs them globally.
  const idsRead = vi.spyOn(IDBObjectStore.prototype, 'getAllKeys');
  return { db, blobs, ctx: wiring.context, idsRead };
}

describe('sweepLibrary in slices', () => {
  it.each([
    ['loaded', 'ready'],
    ['not yet loaded', 'partial'],
  ] as const)(
    'pauses every few hundred steps and repairs what it finds, %s',
    async (_, status) => {
      // a01500 lost its original, a01900 its thumbnail: both far past the first read of ids.
      const { blobs, ctx, idsRead } = await loadedLibrary(COUNT, ['o/a01500', 't/a01900']);
      ctx.commit({ status });
      for (const orphan of ['o/crashed', 't/crashed', 'o/other']) {
        await blobs.put(orphan, new Blob(['x']));
      }
      let pauses = 0;
      const report = await sweepLibrary(ctx, undefined, undefined, {
        idsPerRead: 300,
        sliceSize: 500,
        yieldToMain: async () => {
          pauses++;
        },
      });
      // The three orphans, and the thumbnail of the record removed for its missing original.
      expect(report).toEqual({
        orphanBlobsDeleted: 4,
        recordsRemoved: 1,
        thumbnailsDropped: 1,
        listed: true,
      });
      // 4,000 keys and 2,000 records at most 500 steps apart (and the ids, when they are read).
      expect(pauses).toBeGreaterThanOrEqual(12);
      const state = ctx.store.getState();
      expect(state.assets.has('a01500')).toBe(false);
      expect(state.assets.get('a01900')?.thumbnailKey).toBeUndefined();
      expect(state.assets.get('a00021')?.thumbnailKey).toBe('t/a00021');
      expect(await blobs.has('o/crashed')).toBe(false);
      expect(await blobs.has('t/a01500')).toBe(false);
      expect((await blobs.keys()).length).toBe(2 * COUNT - 3);
      // Ids are read from the database only before the whole index is loaded.
      expect(idsRead.mock.calls.length > 0).toBe(status === 'partial');
    },
    30_000,
  );
});

describe('sweepLibrary over a loaded library', () => {
  it('checks the loaded records without reading ids from the database', async () => {
    const { ctx, idsRead } = await loadedLibrary(50, ['t/a00007']);
    const report = await sweepLibrary(ctx);
    expect(report).toEqual({
      orphanBlobsDeleted: 0,
      recordsRemoved: 0,
      thumbnailsDropped: 1,
      listed: true,
    });
    expect(ctx.store.getState().assets.get('a00007')?.thumbnailKey).toBeUndefined();
    expect(idsRead).not.toHaveBeenCalled();
  });

  it('keeps the bytes of a record another tab committed after this one loaded', async () => {
    const { db, blobs, ctx, idsRead } = await loadedLibrary(50);
    const late = sampleAsset('late', { thumbnailKey: 't/late', thumbnailType: 'image/webp' });
    await blobs.put('o/late', new Blob(['o']));
    await blobs.put('t/late', new Blob(['t']));
    await db.put('assets', toStoredAsset(late) as StoredAsset);
    await blobs.put('o/crashed', new Blob(['x']));
    const report = await sweepLibrary(ctx);
    expect(report).toEqual({
      orphanBlobsDeleted: 1,
      recordsRemoved: 0,
      thumbnailsDropped: 0,
      listed: true,
    });
    expect(await blobs.has('o/late')).toBe(true);
    expect(await blobs.has('t/late')).toBe(true);
    expect(await blobs.has('o/crashed')).toBe(false);
    expect(idsRead).not.toHaveBeenCalled();
  });

  it('keeps a record whose bytes another tab replaced after this one loaded', async () => {
    const { db, blobs, ctx } = await loadedLibrary(50);
    const before = ctx.store.getState().assets.get('a00010');
    if (!before) throw new Error('a00010 not loaded');
    // Another tab's replace: new bytes under new keys, the record moved to them, the old freed.
    await blobs.put('o/a00010-new', new Blob(['o2']));
    await blobs.put('t/a00010-new', new Blob(['t2']));
    const replaced = { ...before, blobKey: 'o/a00010-new', thumbnailKey: 't/a00010-new' };
    await db.put('assets', toStoredAsset(replaced) as StoredAsset);
    await blobs.delete('o/a00010');
    await blobs.delete('t/a00010');
    const report = await sweepLibrary(ctx);
    expect(report).toEqual({
      orphanBlobsDeleted: 0,
      recordsRemoved: 0,
      thumbnailsDropped: 0,
      listed: true,
    });
    expect((await db.get('assets', 'a00010'))?.blobKey).toBe('o/a00010-new');
    expect(await blobs.has('o/a00010-new')).toBe(true);
    expect(await blobs.has('t/a00010-new')).toBe(true);
  });

  it('keeps the bytes of a record whose keys do not hold its id', async () => {
    const { db, blobs, ctx } = await loadedLibrary(20);
    const odd = sampleAsset('odd', { blobKey: 'kept-original', thumbnailKey: 'kept-thumbnail' });
    await blobs.put('kept-original', new Blob(['o']));
    await blobs.put('kept-thumbnail', new Blob(['t']));
    await db.put('assets', toStoredAsset(odd) as StoredAsset);
    ctx.commit({ upsert: [odd] });
    await blobs.put('stray', new Blob(['x']));
    const report = await sweepLibrary(ctx);
    expect(report).toEqual({
      orphanBlobsDeleted: 1,
      recordsRemoved: 0,
      thumbnailsDropped: 0,
      listed: true,
    });
    expect(await blobs.has('kept-original')).toBe(true);
    expect(await blobs.has('kept-thumbnail')).toBe(true);
    expect(await blobs.has('stray')).toBe(false);
  });
});

describe('idsOfKey', () => {
  it('reads the id of an original, a thumbnail and a replaced file, dashes and all', () => {
    expect(idsOfKey('o/abc')).toEqual(['abc']);
    expect(idsOfKey('t/ab-cd-ef')).toEqual(['ab-cd-ef', 'ab', 'ab-cd']);
    expect(idsOfKey('x/abc')).toEqual([]);
    expect(idsOfKey('o/-a')).toEqual(['-a']);
  });
});
