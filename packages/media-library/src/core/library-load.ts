// Opening a library: the newest page first (so a view can paint at once, whatever the size of
// the library), then the rest of the index in one read, merged without losing newer changes.
import { fromStoredAsset, type LibraryDb } from './db';
import type { LibraryContextWiring } from './library-context';
import type { Collection, MediaAsset } from './types';

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
  const page: MediaAsset[] = [];
  if (firstPageSize > 0) {
    let cursor = await tx.objectStore('assets').index('createdAt').openCursor(null, 'prev');
    while (cursor) {
      page.push(fromStoredAsset(cursor.value));
      if (page.length >= firstPageSize) break;
      cursor = await cursor.continue();
    }
  }
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

/**
 * Reads the whole index and replaces the first page with it, status 'ready'. Ids changed
 * since loading began keep the store's (newer) version; a `clear()` during the read makes it
 * read again.
 */
export async function loadRemaining(wiring: LibraryContextWiring, db: LibraryDb): Promise<void> {
  const { context } = wiring;
  for (;;) {
    const resetsBefore = wiring.resets;
    const records = await db.getAll('assets');
    if (context.closed) return;
    if (wiring.resets !== resetsBefore) continue;
    const touched = wiring.touchedWhileLoading ?? new Set<string>();
    const current = context.store.getState().assets;
    const assets = new Map<string, MediaAsset>();
    for (const record of records) {
      if (!touched.has(record.id)) assets.set(record.id, fromStoredAsset(record));
    }
    for (const id of touched) {
      const asset = current.get(id);
      if (asset) assets.set(id, asset);
    }
    wiring.touchedWhileLoading = undefined;
    context.commit({ replaceAssets: assets, status: 'ready' });
    return;
  }
}
