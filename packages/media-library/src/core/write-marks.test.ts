// The start-up sweep lists every blob only when something can be out of step: a write cut
// short (its mark left behind), a week since the last full sweep, or no storage for marks.
import { afterEach, describe, expect, it } from 'vitest';
import type { MediaLibraryInstance } from './library';
import { createMemoryBlobStore } from './storage/memory-blob-store';
import { createHarness, pngFile } from './testing/library-harness';
import { memoryStorage } from './testing/memory-storage';
import type { BlobStore, MediaLibraryOptions } from './types';
import { FULL_SWEEP_EVERY_MS } from './write-marks';

const opened: MediaLibraryInstance[] = [];
afterEach(() => {
  for (const library of opened.splice(0)) library.close();
});

/** A blob store that counts its listings and fails the puts and deletes it is told to. */
function watchedStore() {
  const inner = createMemoryBlobStore();
  const watch = { listings: 0, failPut: false, failDelete: false };
  const store: BlobStore = {
    ...inner,
    async keys() {
      watch.listings++;
      return inner.keys();
    },
    async put(key, data) {
      await inner.put(key, data);
      // A full disk ends the whole batch, which then throws.
      if (watch.failPut) throw new DOMException('full', 'QuotaExceededError');
    },
    async delete(key) {
      if (watch.failDelete) throw new Error('the file is busy');
      await inner.delete(key);
    },
  };
  return { inner, store, watch };
}

/** One origin: a database, a blob store and a marker storage that outlive each "page". */
function origin(options: Partial<MediaLibraryOptions> = {}) {
  const storage = memoryStorage();
  const { inner, store, watch } = watchedStore();
  const h = createHarness({ storageMarker: storage, blobStore: store, ...options });
  return {
    h,
    storage,
    inner,
    watch,
    async open(): Promise<MediaLibraryInstance> {
      const library = h.open();
      opened.push(library);
      await library.ready;
      return library;
    },
    marks: () => JSON.parse(storage.getItem('medialoft:test:writing') ?? '{}') as object,
  };
}

describe('the start-up sweep and write marks', () => {
  it('lists the bytes at a first start, then not again after writes that ended', async () => {
    const o = origin();
    const first = await o.open();
    expect(first.lastSweep?.listed).toBe(true);
    const results = await first.importFiles([pngFile(1), pngFile(2)]);
    await first.delete(results[0]?.status === 'imported' ? results[0].asset.id : '');
    await first.emptyTrash();
    expect(o.marks()).toEqual({});
    first.close();

    const listings = o.watch.listings;
    const second = await o.open();
    expect(second.lastSweep).toEqual({
      orphanBlobsDeleted: 0,
      recordsRemoved: 0,
      thumbnailsDropped: 0,
      listed: false,
    });
    expect(o.watch.listings).toBe(listings);
    expect(second.getState().assets.size).toBe(1);
  });

  it('an import cut short leaves its mark: the next start lists the bytes and clears it', async () => {
    const o = origin();
    (await o.open()).close();
    o.watch.failPut = true;
    const library = await o.open();
    await expect(library.importFiles([pngFile(3)])).rejects.toThrow();
    o.watch.failPut = false;
    expect(Object.keys(o.marks())).toHaveLength(1);
    // What a page dying there leaves: bytes no record names.
    await o.inner.put('o/cut-short', new Blob(['orphan']));
    library.close();

    const next = await o.open();
    expect(next.lastSweep).toMatchObject({ orphanBlobsDeleted: 1, listed: true });
    expect(await o.inner.keys()).toEqual([]);
    expect(o.marks()).toEqual({});
    next.close();
    expect((await o.open()).lastSweep?.listed).toBe(false);
  });

  it('a byte delete that fails keeps the mark, so the next start frees them', async () => {
    const o = origin({ trashRetentionDays: 0 });
    const library = await o.open();
    const [result] = await library.importFiles([pngFile(4)]);
    o.watch.failDelete = true;
    await library.delete(result?.status === 'imported' ? result.asset.id : '');
    o.watch.failDelete = false;
    expect(Object.keys(o.marks())).toHaveLength(1);
    expect((await o.inner.keys()).length).toBeGreaterThan(0);
    library.close();

    const next = await o.open();
    expect(next.lastSweep).toMatchObject({ listed: true, recordsRemoved: 0 });
    expect(next.lastSweep?.orphanBlobsDeleted).toBeGreaterThan(0);
    expect(await o.inner.keys()).toEqual([]);
  });

  it('without a mark, bytes left by hand wait for sweep() or the weekly full sweep', async () => {
    const o = origin();
    (await o.open()).close();
    await o.inner.put('o/left-by-hand', new Blob(['orphan']));
    const library = await o.open();
    expect(library.lastSweep?.listed).toBe(false);
    expect(await o.inner.keys()).toEqual(['o/left-by-hand']);
    expect(await library.sweep()).toMatchObject({ orphanBlobsDeleted: 1, listed: true });
    library.close();

    await o.inner.put('o/left-again', new Blob(['orphan']));
    o.h.clock.time += FULL_SWEEP_EVERY_MS;
    const weekLater = await o.open();
    expect(weekLater.lastSweep).toMatchObject({ orphanBlobsDeleted: 1, listed: true });
  });

  it('unreadable marks and no marker storage both mean a full sweep at every start', async () => {
    const o = origin();
    (await o.open()).close();
    o.storage.setItem('medialoft:test:writing', '{not json');
    expect((await o.open()).lastSweep?.listed).toBe(true);
    expect(o.storage.getItem('medialoft:test:writing')).toBeNull();

    const bare = origin({ storageMarker: false });
    (await bare.open()).close();
    expect((await bare.open()).lastSweep?.listed).toBe(true);
  });
});
