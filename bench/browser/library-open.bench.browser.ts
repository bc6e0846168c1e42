// How long opening a library takes until its first page is shown (status 'partial'), at
// 1,000 / 10,000 / 100,000 records, against a bare `getAll` of the same store in the same run.
// The first page must not grow with the library: 100k at most 2× 1k.
import { expect, it } from 'vitest';
import {
  libraryDbName,
  openLibraryDb,
  type StoredAsset,
} from '../../packages/media-library/src/core/db';
import { createMediaLibrary } from '../../packages/media-library/src/core/library';
import type { BlobStore, MediaLibraryState } from '../../packages/media-library/src/core/types';
import { benchRecord, recordBlobKeys, writeRecords } from '../lib/records';
import { type BenchRow, compare, percentile } from '../lib/report';
import { writeResults } from '../lib/write-browser';

const SIZES = [1_000, 10_000, 100_000];
// Many runs and a median: on a busy machine a stray GC or a neighbour's burst can land in any
// single 5 ms timing.
const RUNS = 11;
const WARMUP = 1;

const PREFIX = 'bench';

/** A record of this bench: a tenth are videos, a fifth in a collection, WebP thumbnails. */
const record = (index: number): StoredAsset =>
  benchRecord(index, {
    prefix: PREFIX,
    thumbnailType: 'image/webp',
    videoEvery: 10,
    collectionEvery: 5,
  });

/** Writes `count` records into the library's database; returns their blob keys. */
async function seed(name: string, count: number): Promise<string[]> {
  await writeRecords(name, count, record);
  return recordBlobKeys(count, PREFIX);
}

/** A blob store that claims every seeded key, so the start-up sweep removes nothing. */
function claimingBlobStore(keys: string[]): BlobStore {
  return {
    kind: 'bench',
    put: async () => {},
    get: async () => undefined,
    has: async () => true,
    delete: async () => {},
    keys: async () => keys,
    clear: async () => {},
  };
}

/** ms from `createMediaLibrary` to the first page (status past 'loading'), and to 'ready'. */
async function openOnce(name: string, blobStore: BlobStore) {
  const started = performance.now();
  const library = createMediaLibrary({ name, blobStore, broadcast: false });
  const firstPage = await new Promise<number>((resolve, reject) => {
    const check = (state: MediaLibraryState) => {
      if (state.status === 'error') reject(state.error);
      else if (state.status !== 'loading') resolve(performance.now() - started);
    };
    const stop = library.subscribe((state) => {
      check(state);
      if (state.status !== 'loading') stop();
    });
    check(library.getState());
  });
  const pageSize = library.getState().assets.size;
  await library.ready;
  const ready = performance.now() - started;
  const total = library.getState().assets.size;
  library.close();
  return { firstPage, ready, pageSize, total };
}

/** ms to open the database and `getAll` its assets store: what a naive open costs. */
async function bareGetAll(name: string): Promise<number> {
  const started = performance.now();
  const db = await openLibraryDb(name, indexedDB);
  const all = await db.getAll('assets');
  const elapsed = performance.now() - started;
  db.close();
  if (all.length === 0) throw new Error('empty store');
  return elapsed;
}

const gc = (globalThis as { gc?: () => void }).gc;
const usedHeap = () =>
  (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;

/** MB of JS heap that what `load` returns holds, between two full collections. */
async function heldMb<T>(load: () => Promise<T>): Promise<{ mb: number; held: T }> {
  if (!gc) throw new Error('the bench browser runs with --js-flags=--expose-gc');
  gc();
  await settle(200);
  const before = usedHeap();
  const held = await load();
  await settle(200);
  gc();
  return { mb: (usedHeap() - before) / 2 ** 20, held };
}

/** The heap an open, fully loaded library holds, against the bare `getAll` array. */
async function heapRow(name: string, blobStore: BlobStore, size: number): Promise<BenchRow> {
  const bare = await heldMb(async () => {
    const db = await openLibraryDb(name, indexedDB);
    const all = await db.getAll('assets');
    db.close();
    return all;
  });
  expect(bare.held.length).toBe(size);
  bare.held.length = 0;
  const opened = await heldMb(async () => {
    const library = createMediaLibrary({ name, blobStore, broadcast: false });
    await library.ready;
    return library;
  });
  expect(opened.held.getState().assets.size).toBe(size);
  opened.held.close();
  const row = compare(
    `heap held by an open library of ${size.toLocaleString('en')} records`,
    opened.mb,
    'MB',
    { name: 'the bare getAll array of the same records', value: bare.mb },
  );
  row.note = 'with its search and sort indexes; ratio = bare ÷ library';
  return row;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function deleteDatabase(name: string): Promise<void> {
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(libraryDbName(name));
    request.onsuccess = request.onerror = request.onblocked = resolve;
  });
}

it('open to first page vs bare getAll, 1k / 10k / 100k records', async () => {
  const rows: BenchRow[] = [];
  const firstPageMs = new Map<number, number>();
  for (const size of SIZES) {
    const name = `bench-open-${size}-${crypto.randomUUID()}`;
    try {
      const keys = await seed(name, size);
      // Let the database settle after a bulk write, as a library would be between visits.
      await settle(2_000);
      const blobStore = claimingBlobStore(keys);
      const firstPage: number[] = [];
      const ready: number[] = [];
      const getAll: number[] = [];
      // Interleaved, so drift (caches, GC) hits both alike; the first round only warms up.
      for (let run = 0; run < WARMUP + RUNS; run++) {
        const opened = await openOnce(name, blobStore);
        expect(opened.pageSize).toBe(100);
        expect(opened.total).toBe(size);
        // Each step leaves up to 100,000 objects of garbage; an idle pause lets V8 collect it
        // so a collection does not land inside the next timing (a fresh page has none).
        await settle(1_000);
        const bare = await bareGetAll(name);
        await settle(1_000);
        if (run < WARMUP) continue;
        firstPage.push(opened.firstPage);
        ready.push(opened.ready);
        getAll.push(bare);
      }
      const median = percentile(firstPage, 50);
      firstPageMs.set(size, median);
      const row = compare(
        `open ${size.toLocaleString('en')} records → first page (100)`,
        median,
        'ms',
        { name: `bare getAll of ${size.toLocaleString('en')}`, value: percentile(getAll, 50) },
      );
      row.note =
        `fully loaded + swept: ${percentile(ready, 50).toFixed(0)} ms; first page min/max ` +
        `${Math.min(...firstPage).toFixed(1)}/${Math.max(...firstPage).toFixed(1)} ms`;
      rows.push(row);
      if (size === 100_000) rows.push(await heapRow(name, blobStore, size));
    } finally {
      await deleteDatabase(name);
    }
  }
  const small = firstPageMs.get(1_000) as number;
  const large = firstPageMs.get(100_000) as number;
  rows.push(
    compare(
      'first page at 100,000 vs at 1,000',
      large,
      'ms',
      { name: 'first page at 1,000', value: small },
      { text: '100k ≤ 2× 1k (ratio ≥ 0.5×)', minRatio: 0.5 },
    ),
  );
  for (const row of rows) console.log(row);
  await writeResults('library-open', rows);
});
