// Loading the rest of the index: what views derive from it is ready when it is published, and
// a change committed while that is being computed is published with it, not lost.
import { afterEach, describe, expect, it } from 'vitest';
import { openLibraryDb, type StoredAsset, toStoredAsset } from './db';
import { createLibraryContext } from './library-context';
import { loadFirstPage, loadRemaining } from './library-load';
import { createLibraryLocks } from './library-locks';
import { queryAssets } from './query';
import { createMemoryBlobStore } from './storage/memory-blob-store';
import { createLibraryStore } from './store';
import { createHarness } from './testing/library-harness';
import { sampleAsset } from './testing/sample-asset';
import type { MediaAsset } from './types';

const COUNT = 3_000;

async function seeded() {
  const h = createHarness();
  const db = await openLibraryDb('test', h.indexedDB);
  const tx = db.transaction('assets', 'readwrite');
  for (let i = 0; i < COUNT; i++) {
    const asset = sampleAsset(`a${String((i * 7919) % COUNT).padStart(5, '0')}`, {
      createdAt: (i * 104_729) % 1_000,
      tags: [`t${i % 5}`],
    });
    tx.store.put(toStoredAsset(asset) as StoredAsset);
  }
  await tx.done;
  return db;
}

const opened: Array<{ close(): void }> = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function wiringFor(db: Awaited<ReturnType<typeof seeded>>) {
  opened.push(db);
  return createLibraryContext({
    name: 'test',
    options: {},
    store: createLibraryStore(),
    locks: createLibraryLocks('test'),
    db: Promise.resolve(db),
    blobs: Promise.resolve(createMemoryBlobStore()),
    loaded: Promise.resolve(),
  });
}

describe('loadRemaining', () => {
  it('publishes the index with its newest-first order already sorted', async () => {
    const db = await seeded();
    const wiring = wiringFor(db);
    let pauses = 0;
    await loadFirstPage(wiring, db, 10);
    await loadRemaining(wiring, db, {
      sliceSize: 500,
      yieldToMain: async () => {
        pauses++;
      },
    });
    const state = wiring.context.store.getState();
    expect(state.status).toBe('ready');
    expect(state.assets.size).toBe(COUNT);
    expect(pauses).toBeGreaterThanOrEqual(COUNT / 500);
    const list = [...state.assets.values()];
    // Any iteration of the published map now would mean the order was not cached.
    Object.defineProperty(state.assets, 'values', {
      value: () => {
        throw new Error('sorted at first query');
      },
    });
    expect(queryAssets(state.assets, {}).items).toEqual(queryAssets(list, {}).items);
  });

  it('keeps a change committed while the derived data was being computed', async () => {
    const db = await seeded();
    const wiring = wiringFor(db);
    await loadFirstPage(wiring, db, 10);
    const edited: MediaAsset = { ...sampleAsset('a00042'), title: 'edited meanwhile' };
    const added = sampleAsset('new-one', { createdAt: 5_000 });
    let pauses = 0;
    await loadRemaining(wiring, db, {
      sliceSize: 500,
      yieldToMain: async () => {
        // Half-way through the first round of warming, this tab edits one asset and adds one.
        if (++pauses === 4) wiring.context.commit({ upsert: [edited, added], remove: ['a00007'] });
      },
    });
    const state = wiring.context.store.getState();
    expect(state.status).toBe('ready');
    expect(state.assets.get('a00042')?.title).toBe('edited meanwhile');
    expect(state.assets.has('a00007')).toBe(false);
    expect(state.assets.size).toBe(COUNT);
    expect(wiring.touchedWhileLoading).toBeUndefined();
    // The order published is the order of the maps published, with the new asset first.
    const newest = queryAssets(state.assets, { limit: 1_000_000_000 });
    expect(newest.items[0]?.id).toBe('new-one');
    expect(queryAssets(state.assets, {}).items).toEqual(
      queryAssets([...state.assets.values()], {}).items,
    );
  });
});
