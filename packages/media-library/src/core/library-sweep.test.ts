// The start-up sweep over a larger library: it pauses many times (a page stays responsive
// while it checks 100,000 records against 200,000 keys) and still repairs what it finds.
import { afterEach, describe, expect, it } from 'vitest';
import { openLibraryDb, type StoredAsset, toStoredAsset } from './db';
import { createLibraryContext } from './library-context';
import { loadRemaining } from './library-load';
import { createLibraryLocks } from './library-locks';
import { sweepLibrary } from './library-sweep';
import { createMemoryBlobStore } from './storage/memory-blob-store';
import { createLibraryStore } from './store';
import { createHarness } from './testing/library-harness';
import { sampleAsset } from './testing/sample-asset';

const COUNT = 2_000;
const closing: Array<{ close(): void }> = [];
afterEach(() => {
  for (const db of closing.splice(0)) db.close();
});

describe('sweepLibrary in slices', () => {
  it('pauses every few hundred steps and repairs a missing original, thumbnail and orphans', async () => {
    const h = createHarness();
    const db = await openLibraryDb('test', h.indexedDB);
    closing.push(db);
    const blobs = createMemoryBlobStore();
    const tx = db.transaction('assets', 'readwrite');
    for (let i = 0; i < COUNT; i++) {
      const id = `a${String(i).padStart(5, '0')}`;
      const asset = sampleAsset(id, { thumbnailKey: `t/${id}`, thumbnailType: 'image/webp' });
      tx.store.put(toStoredAsset(asset) as StoredAsset);
      // a01500 lost its original, a01900 its thumbnail: both far past the first read of ids.
      if (i !== 1_500) await blobs.put(`o/${id}`, new Blob(['o']));
      if (i !== 1_900) await blobs.put(`t/${id}`, new Blob(['t']));
    }
    await tx.done;
    for (const orphan of ['o/crashed', 't/crashed', 'o/other']) {
      await blobs.put(orphan, new Blob(['x']));
    }
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

    let pauses = 0;
    const report = await sweepLibrary(wiring.context, undefined, undefined, {
      idsPerRead: 300,
      sliceSize: 500,
      yieldToMain: async () => {
        pauses++;
      },
    });
    // The three orphans, and the thumbnail of the record removed for its missing original.
    expect(report).toEqual({ orphanBlobsDeleted: 4, recordsRemoved: 1, thumbnailsDropped: 1 });
    // 4,000 keys, 2,000 ids, 2,000 records checked and 4,000 keys looked over, 500 at a time.
    expect(pauses).toBeGreaterThanOrEqual(20);
    const state = wiring.context.store.getState();
    expect(state.assets.has('a01500')).toBe(false);
    expect(state.assets.get('a01900')?.thumbnailKey).toBeUndefined();
    expect(state.assets.get('a00021')?.thumbnailKey).toBe('t/a00021');
    expect(await blobs.has('o/crashed')).toBe(false);
    expect(await blobs.has('t/a01500')).toBe(false);
    expect((await blobs.keys()).length).toBe(2 * COUNT - 3);
  }, 30_000);
});
