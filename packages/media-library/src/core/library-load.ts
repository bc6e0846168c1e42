// Opening a library: the newest page first (so a view can paint at once, whatever the size of
// the library), then the rest of the index in chunks, merged without losing newer changes.
import { type IDBPTransaction, unwrap, wrap } from 'idb';
import {
  createAssetReader,
  fromStoredAsset,
  type LibraryDb,
  type LibraryDbSchema,
  type StoredAsset,
} from './db';
import type { LibraryContextWiring } from './library-context';
import type { LoadHolds } from './load-holds';
import { createSlicer, type SliceOptions } from './time-slice';
import type { Collection, MediaAsset, MediaLibraryState } from './types';

/** Default number of newest assets read before the state turns 'partial'. */
export const DEFAULT_FIRST_PAGE_SIZE = 100;

/**
 * Reads the newest `firstPageSize` assets and every collection, and publishes them with
 * status 'partial'. Walks the `createdAt` index backwards, so the cost depends on the page
 * size, not on the number of records.
 */
export async function loadFirstPage(
  wiring: LibraryContextWiring,
  db: LibraryDb,
  firstPageSize: number,
): Promise<void> {
  const tx = db.transaction(['assets', 'collections'], 'readonly');
  const collectionsRead = tx.objectStore('collections').getAll();
  const page = firstPageSize > 0 ? await newestAssets(tx, firstPageSize) : [];
  const collections: Collection[] = await collectionsRead;
  await tx.done;
  const { context } = wiring;
  if (context.closed) return;
  // Changes that arrived meanwhile (a local edit, another tab) are already in the store and
  // newer than this read.
  const current = context.store.getState();
  const touched = wiring.touchedWhileLoading;
  context.commit({
    upsert: page.filter((asset) => !touched?.has(asset.id)),
    upsertCollections: collections.filter((c) => !current.collections.has(c.id)),
    status: 'partial',
  });
}

type ReadTransaction = IDBPTransaction<
  LibraryDbSchema,
  Array<'assets' | 'collections'>,
  'readonly'
>;

/** `IDBIndex.getAllRecords` (IndexedDB 3.0, Chromium 141+), not yet in TypeScript's DOM types. */
type IndexWithRecords = IDBIndex & {
  getAllRecords?(options: {
    count?: number;
    direction?: IDBCursorDirection;
  }): IDBRequest<Array<{ value: StoredAsset }>>;
};

/**
 * The `count` newest assets. One `getAllRecords` request where the browser has it (a single
 * round trip), else a backwards cursor (one round trip per record, still independent of size).
 */
async function newestAssets(tx: ReadTransaction, count: number): Promise<MediaAsset[]> {
  const index = tx.objectStore('assets').index('createdAt');
  const raw = unwrap(index) as IndexWithRecords;
  if (typeof raw.getAllRecords === 'function') {
    const records = await wrap(raw.getAllRecords({ direction: 'prev', count }));
    return records.map((record) => fromStoredAsset(record.value));
  }
  const page: MediaAsset[] = [];
  let cursor = await index.openCursor(null, 'prev');
  while (cursor) {
    page.push(fromStoredAsset(cursor.value));
    if (page.length >= count) break;
    cursor = await cursor.continue();
  }
  return page;
}

/**
 * Records read per request while loading the rest. Each chunk's records are made into objects
 * in one main-thread task (the structured clone, before any of the library's code runs), so a
 * chunk is kept small enough for that task to stay short on a slower or busier machine, with
 * room for a garbage collection that may land in it: a profile of the 100,000-asset bench put
 * the clone of 1,000 records at 55 ms of a 66 ms task, and with the page's main thread slowed
 * 3× (`MEDIALOFT_BENCH_CPU_SLOWDOWN=3`) the reply to 500 records took 65 ms. Smaller chunks
 * did not make the whole read slower (`pnpm bench library-open`): the next chunk is read while
 * this one is taken in.
 */
export const LOAD_CHUNK_SIZE = 250;

/**
 * Reads the whole index in key-ordered chunks and replaces the first page with it, status
 * 'ready'. Ids changed since loading began (here or by another tab, whose changes arrive as
 * re-reads) keep the store's newer version; a `clear()` during the read makes it start over.
 * The next chunk is requested before the current one is taken in, in slices (`slices`), so
 * the database reads while the page works. Before publishing, what views derive from the index
 * is computed in slices too (library-warm.ts), so the render that follows finds it cached
 * rather than computing it in one long task.
 */
export async function loadRemaining(
  wiring: LibraryContextWiring,
  db: LibraryDb,
  slices?: SliceOptions,
  holds?: LoadHolds,
): Promise<void> {
  const { context } = wiring;
  // Loaded while the first chunk is read: a page that never opens a library never needs it.
  const warming = import('./library-warm');
  warming.catch(() => undefined);
  const readChunk = (after: string | undefined) => {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const request = db.getAll('assets', range, LOAD_CHUNK_SIZE);
    // A read left behind (the library closed or cleared meanwhile) may fail unheard.
    request.catch(() => undefined);
    return request;
  };
  restart: for (;;) {
    const resetsBefore = wiring.resets;
    let assets = new Map<string, MediaAsset>();
    let trash = new Map<string, MediaAsset>();
    const read = createAssetReader();
    const slicer = createSlicer(slices);
    // While a screen mounts, it holds the reading (load-holds.ts): before each chunk, not only
    // the first, since a screen may mount after the reading began.
    await holds?.whenFree();
    let next = readChunk(undefined);
    for (;;) {
      const chunk = await next;
      if (context.closed) return;
      if (wiring.resets !== resetsBefore) continue restart;
      const more = chunk.length === LOAD_CHUNK_SIZE;
      if (more) {
        await holds?.whenFree();
        next = readChunk((chunk[chunk.length - 1] as StoredAsset).id);
      }
      for (const record of chunk) {
        const asset = read(record);
        (asset.trashedAt === undefined ? assets : trash).set(asset.id, asset);
        if (slicer.tick()) await slicer.pause();
      }
      // A close or clear during these slices is seen at the next chunk, or after warming.
      if (!more) break;
    }
    const { warmLibraryIndex } = await warming;
    for (let round = 0; ; round++) {
      const current = context.store.getState();
      mergeTouched(wiring, current, assets, trash);
      // Changes committed while warming (this tab's or another's) make a new version of the
      // maps; after a few rounds of that it is published as it is, to be derived on first use.
      if (round === MAX_WARM_ROUNDS) break;
      await warmLibraryIndex(assets, trash, slices);
      if (context.closed) return;
      if (wiring.resets !== resetsBefore) continue restart;
      const latest = context.store.getState();
      if (latest.assets === current.assets && latest.trash === current.trash) break;
      assets = new Map(assets);
      trash = new Map(trash);
    }
    wiring.touchedWhileLoading = undefined;
    context.commit({ replaceAssets: assets, replaceTrash: trash, status: 'ready' });
    return;
  }
}

const MAX_WARM_ROUNDS = 3;

/** Takes the store's version of every id changed since loading began into the read maps. */
function mergeTouched(
  wiring: LibraryContextWiring,
  current: MediaLibraryState,
  assets: Map<string, MediaAsset>,
  trash: Map<string, MediaAsset>,
): void {
  for (const id of wiring.touchedWhileLoading ?? []) {
    const asset = current.assets.get(id) ?? current.trash.get(id);
    assets.delete(id);
    trash.delete(id);
    if (asset) (asset.trashedAt === undefined ? assets : trash).set(id, asset);
  }
}
