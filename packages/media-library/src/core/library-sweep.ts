// The consistency sweep run at start-up: repairs what a crash between the bytes write and the
// records write (or between a delete's two steps) can leave behind.
//
// It holds the library's lock exclusively (see library-locks.ts), so no import in any tab is
// between writing bytes and committing records while it decides what is an orphan. At
// start-up it only runs when the lock is free, so opening never waits for another tab.
import {
  eachRequest,
  fromStoredAsset,
  inWriteTransaction,
  type StoredAsset,
  toStoredAsset,
} from './db';
import type { LibraryContext } from './library-context';
import { createSlicer, type SliceOptions, type Slicer } from './time-slice';
import type { MediaAsset } from './types';

/** What a sweep repaired. */
export interface SweepReport {
  /** Blobs that no record referenced (bytes of an import that never committed its records). */
  orphanBlobsDeleted: number;
  /** Records whose original bytes were missing; they were removed. */
  recordsRemoved: number;
  /** Records whose thumbnail was missing; they keep the original and lose the thumbnail. */
  thumbnailsDropped: number;
}

/**
 * Records older than `before` whose original is missing lost their bytes to the browser, not to
 * a crash: they are kept (stored with `unreadable`, so they show as such) for an archive
 * import to restore, and `onKept` hears their ids.
 */
export interface SweepKeep {
  before: number;
  onKept(ids: string[]): void;
}

/**
 * Deletes unreferenced blobs, removes records whose original is missing and drops missing
 * thumbnails from records. Safe to run while other tabs import, delete or edit.
 */
export async function sweepLibrary(
  ctx: LibraryContext,
  keep?: SweepKeep,
  mode?: undefined,
  slices?: SweepSlices,
): Promise<SweepReport>;
/**
 * With `ifIdle`, resolves `undefined` at once when another instance holds the lock (an import
 * is writing): the start-up sweep then waits for the next start rather than delaying `ready`.
 */
export async function sweepLibrary(
  ctx: LibraryContext,
  keep: SweepKeep | undefined,
  mode: { ifIdle: true },
  slices?: SweepSlices,
): Promise<SweepReport | undefined>;
export async function sweepLibrary(
  ctx: LibraryContext,
  keep?: SweepKeep,
  mode?: { ifIdle: true },
  slices?: SweepSlices,
): Promise<SweepReport | undefined> {
  ctx.assertOpen();
  const [db, blobs] = await Promise.all([ctx.db(), ctx.blobs()]);
  const lock = mode?.ifIdle ? ctx.locks.tryExclusive : ctx.locks.exclusive;
  return lock(async () => {
    // Keys first, records second: a record read later than the keys had its bytes written
    // before them (imports are locked out), so a key missing from the list is truly missing.
    // Each loop pauses now and then: at 100,000 assets these are 200,000 keys, and a page
    // opening its library must stay responsive meanwhile.
    const slicer = createSlicer(slices);
    const keys = new Set<string>();
    for (const key of await blobs.keys()) {
      keys.add(key);
      if (slicer.tick()) await slicer.pause();
    }
    const referenced = await referencedKeys(ctx, db, slicer, slices?.idsPerRead);

    const brokenIds: string[] = [];
    const thumblessIds: string[] = [];
    const evictedIds: string[] = [];
    const used = new Set<string>();
    for (const [id, { blobKey, thumbnailKey, createdAt }] of referenced) {
      if (slicer.tick()) await slicer.pause();
      if (!keys.has(blobKey)) {
        if (keep && createdAt < keep.before) evictedIds.push(id);
        else brokenIds.push(id);
        continue;
      }
      used.add(blobKey);
      if (thumbnailKey === undefined) continue;
      if (keys.has(thumbnailKey)) used.add(thumbnailKey);
      else thumblessIds.push(id);
    }
    const orphans: string[] = [];
    for (const key of keys) {
      if (!used.has(key)) orphans.push(key);
      if (slicer.tick()) await slicer.pause();
    }

    const repaired =
      brokenIds.length + thumblessIds.length + evictedIds.length > 0
        ? await repairRecords(db, brokenIds, thumblessIds, evictedIds)
        : { removed: [], dropped: [], flagged: [], evicted: [] };
    if (keep && evictedIds.length > 0) keep.onKept(repaired.evicted);
    const changed = [...repaired.dropped, ...repaired.flagged];
    if (repaired.removed.length + changed.length > 0) {
      ctx.commit(
        { remove: repaired.removed, upsert: changed },
        { deletedAssets: repaired.removed, assets: changed.map((asset) => asset.id) },
      );
      ctx.invalidateUrls(changed.map((asset) => asset.id));
    }
    const deletions = await Promise.allSettled(orphans.map((key) => blobs.delete(key)));
    return {
      orphanBlobsDeleted: deletions.filter((result) => result.status === 'fulfilled').length,
      recordsRemoved: repaired.removed.length,
      thumbnailsDropped: repaired.dropped.length,
    };
  });
}

/** Ids read per request by the sweep. */
export const KEY_CHUNK_SIZE = 10_000;

/** How the sweep cuts its work: slices of time, and ids read per request. */
export type SweepSlices = SliceOptions & { idsPerRead?: number };

type KeyPair = { blobKey: string; thumbnailKey: string | undefined; createdAt: number };

/**
 * The blob keys of every record in the database. Blob keys never change after import, so
 * records already in the store are taken from there and only ids the store lacks (imported
 * by another tab a moment ago) are read: far cheaper than reading 100,000 records again.
 */
async function referencedKeys(
  ctx: LibraryContext,
  db: Awaited<ReturnType<LibraryContext['db']>>,
  slicer: Slicer,
  idsPerRead = KEY_CHUNK_SIZE,
): Promise<Map<string, KeyPair>> {
  const result = new Map<string, KeyPair>();
  const unknown: string[] = [];
  // Ids in chunks too: 100,000 of them in one request are one long task to deserialise. Imports
  // are locked out meanwhile; a record deleted between two chunks has bytes no longer needed.
  let after: string | undefined;
  for (;;) {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const ids = await db.getAllKeys('assets', range, idsPerRead);
    for (const id of ids) {
      if (slicer.tick()) await slicer.pause();
      // Read again after every pause: an asset may have been edited meanwhile, never its keys.
      const { assets: loaded, trash } = ctx.store.getState();
      const asset = loaded.get(id) ?? trash.get(id);
      if (asset) {
        const { blobKey, thumbnailKey, createdAt } = asset;
        result.set(id, { blobKey, thumbnailKey, createdAt });
      } else unknown.push(id);
    }
    if (ids.length < idsPerRead) break;
    after = ids[ids.length - 1];
  }
  if (unknown.length > 0) {
    const tx = db.transaction('assets', 'readonly');
    const records = await Promise.all(unknown.map((id) => tx.store.get(id)));
    for (const record of records) {
      if (record) {
        const { blobKey, thumbnailKey, createdAt } = record;
        result.set(record.id, { blobKey, thumbnailKey, createdAt });
      }
    }
  }
  return result;
}

function repairRecords(
  db: Awaited<ReturnType<LibraryContext['db']>>,
  brokenIds: string[],
  thumblessIds: string[],
  evictedIds: string[],
): Promise<{ removed: string[]; dropped: MediaAsset[]; flagged: MediaAsset[]; evicted: string[] }> {
  return inWriteTransaction(db, ['assets'], async (tx) => {
    const store = tx.objectStore('assets');
    // Re-read inside the transaction: another tab may have deleted or edited them meanwhile.
    const [broken, thumbless, evicted] = await Promise.all([
      Promise.all(brokenIds.map((id) => store.get(id))),
      Promise.all(thumblessIds.map((id) => store.get(id))),
      Promise.all(evictedIds.map((id) => store.get(id))),
    ]);
    const removed = broken
      .filter((record): record is StoredAsset => record !== undefined)
      .map((record) => record.id);
    const dropped = thumbless
      .filter((record): record is StoredAsset => record !== undefined)
      .map((record) => {
        const { thumbnailKey: _key, thumbnailType: _type, ...rest } = fromStoredAsset(record);
        return rest as MediaAsset;
      });
    const kept = evicted.filter((record): record is StoredAsset => record !== undefined);
    // Flagged so a view shows "can't be shown" rather than a broken image.
    const flagged = kept
      .map(fromStoredAsset)
      .filter((asset) => !asset.unreadable)
      .map((asset) => ({ ...asset, unreadable: true }));
    await eachRequest(removed, (id) => store.delete(id));
    await eachRequest([...dropped, ...flagged], (asset) => store.put(toStoredAsset(asset)));
    return { removed, dropped, flagged, evicted: kept.map((record) => record.id) };
  });
}
