// The consistency sweep run at start-up: repairs what a crash between the bytes write and the
// records write (or between a delete's two steps) can leave behind.
//
// It holds the library's lock exclusively (see library-locks.ts), so no import in any tab is
// between writing bytes and committing records while it decides what is an orphan. At
// start-up it only runs when the lock is free, so opening never waits for another tab, and only
// when write-marks.ts says something can be out of step (`sweepAtStart`).
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
import { currentMarks, markSwept, sweepDue } from './write-marks';

/** What a sweep repaired. */
export interface SweepReport {
  /** Blobs that no record referenced (bytes of an import that never committed its records). */
  orphanBlobsDeleted: number;
  /** Records whose original bytes were missing; they were removed. */
  recordsRemoved: number;
  /** Records whose thumbnail was missing; they keep the original and lose the thumbnail. */
  thumbnailsDropped: number;
  /**
   * Whether every blob was listed and checked. The start-up sweep lists them only when a write
   * was cut short, the browser removed bytes or records, or the last full sweep is a week old
   * (see write-marks.ts); otherwise it reports `false` and zeros.
   */
  listed: boolean;
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
    // Keys first: a record read from the database later had its bytes written before them
    // (imports are locked out), so a key missing from the list is truly missing. A loaded record
    // may have changed since it loaded; repairs re-read each record and check its keys again.
    // Each loop pauses now and then: at 100,000 assets these are 200,000 keys, and a page
    // opening its library must stay responsive meanwhile.
    const slicer = createSlicer(slices);
    // Marks set before this point stand for writes that have ended (or died): once this sweep
    // has repaired what they left, they go.
    const marks = currentMarks(ctx);
    const listed = await blobs.keys();
    // A loaded library already holds every record's keys; the ids are read from the database
    // only before the whole index is loaded.
    const referenced = loadedKeys(ctx) ?? [
      await referencedKeys(ctx, db, slicer, slices?.idsPerRead),
    ];
    // A Set of the listed keys (200,000 strings at 100,000 assets) is built only when a repair
    // or an orphan needs it: most sweeps find every key in place and never look one up.
    let keySet: Set<string> | undefined;
    const keys = async () => {
      if (keySet) return keySet;
      const set = new Set<string>();
      for (const key of listed) {
        set.add(key);
        if (slicer.tick()) await slicer.pause();
      }
      keySet = set;
      return set;
    };
    const { brokenIds, thumblessIds, evictedIds, candidates } = await matchKeys(
      referenced,
      listed,
      keys,
      keep,
      slicer,
    );
    // Bytes of no record this tab knows may be another tab's (an import since this one loaded,
    // or new bytes of a replace): only those no stored record references are orphans.
    const inUse =
      candidates.length > 0 ? await storedReferences(db, await keys(), candidates) : new Set();
    const orphans = candidates.filter((key) => !inUse.has(key));

    const repaired =
      brokenIds.length + thumblessIds.length + evictedIds.length > 0
        ? await repairRecords(db, await keys(), brokenIds, thumblessIds, evictedIds)
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
    const deleted = deletions.filter((result) => result.status === 'fulfilled').length;
    // A delete that failed keeps the marks, so the next start tries again.
    if (deleted === orphans.length) markSwept(ctx, marks);
    return {
      orphanBlobsDeleted: deleted,
      recordsRemoved: repaired.removed.length,
      thumbnailsDropped: repaired.dropped.length,
      listed: true,
    };
  });
}

/**
 * The sweep at start-up: a full one (see {@link sweepLibrary}, `ifIdle`) when write-marks.ts
 * says one is due, when the storage check found an incident (`incident`), or when bytes were
 * ever found removed (`keep.before`, whose records without bytes only a listing finds). Else
 * nothing can be out of step, and it reports so without listing a blob.
 */
export async function sweepAtStart(
  ctx: LibraryContext,
  keep: SweepKeep | undefined,
  incident: boolean,
): Promise<SweepReport | undefined> {
  if (!incident && (keep?.before ?? 0) === 0 && !sweepDue(ctx)) {
    return { orphanBlobsDeleted: 0, recordsRemoved: 0, thumbnailsDropped: 0, listed: false };
  }
  return sweepLibrary(ctx, keep, { ifIdle: true });
}

/** Ids read per request by the sweep. */
export const KEY_CHUNK_SIZE = 10_000;

/** How the sweep cuts its work: slices of time, and ids read per request. */
export type SweepSlices = SliceOptions & { idsPerRead?: number };

type KeyPair = { blobKey: string; thumbnailKey?: string | undefined; createdAt: number };

/**
 * The keys of every loaded record (assets and Trash), once the whole index is loaded; else
 * undefined. The store's assets are read as they are: reading the ids from the database
 * instead hands the page 100,000 new strings from the browser, each with a handle the garbage
 * collector must finalise (the first full collection after a library of 100,000 opened spent
 * 59 of its 122 ms on them, `pnpm bench scale` with `--js-flags=--trace-gc-nvp`).
 */
function loadedKeys(ctx: LibraryContext): ReadonlyMap<string, KeyPair>[] | undefined {
  const { status, assets, trash } = ctx.store.getState();
  return status === 'ready' ? [assets, trash] : undefined;
}

/** What the sweep found: records to repair, and bytes no record references. */
interface SweepFindings {
  brokenIds: string[];
  thumblessIds: string[];
  evictedIds: string[];
  /** Keys no record here references: orphans, unless a stored record does. */
  candidates: string[];
}

/**
 * Matches the records' keys against the blob store's `listed` keys, pausing now and then. Each
 * key is found through the id it holds (`idsOfKey`) and compared with its record's keys by
 * value: a record's own key strings never go into a Set or Map, where the engine would keep an
 * interned copy of each for as long as the record lives (200,000 at 100,000 assets, which every
 * full collection then walks).
 *
 * A first pass only counts the records whose keys it finds: when every record's original and
 * thumbnail are there (the usual sweep), nothing else is built. Otherwise a second pass
 * notes which records it found, to name the broken ones.
 */
async function matchKeys(
  referenced: readonly ReadonlyMap<string, KeyPair>[],
  listed: readonly string[],
  keys: () => Promise<ReadonlySet<string>>,
  keep: SweepKeep | undefined,
  slicer: Slicer,
): Promise<SweepFindings> {
  const found = { originals: 0, thumbnails: 0 };
  const candidates = await eachRecordOfKey(referenced, listed, slicer, (_id, thumbnail) => {
    if (thumbnail) found.thumbnails++;
    else found.originals++;
  });
  let records = 0;
  let withThumbnail = 0;
  for (const map of referenced) {
    records += map.size;
    for (const { thumbnailKey } of map.values()) {
      if (thumbnailKey !== undefined) withThumbnail++;
      if (slicer.tick()) await slicer.pause();
    }
  }
  if (found.originals === records && found.thumbnails === withThumbnail) {
    return { brokenIds: [], thumblessIds: [], evictedIds: [], candidates };
  }

  const originals = new Set<string>();
  const thumbnails = new Set<string>();
  await eachRecordOfKey(referenced, listed, slicer, (id, thumbnail) => {
    (thumbnail ? thumbnails : originals).add(id);
  });
  const brokenIds: string[] = [];
  const thumblessIds: string[] = [];
  const evictedIds: string[] = [];
  // Keys found by value, for a record whose key does not hold its id (none the library writes).
  const byValue = new Set<string>();
  const listedSet = await keys();
  const present = (matched: Set<string>, id: string, key: string) => {
    if (matched.has(id)) return true;
    if (!listedSet.has(key)) return false;
    byValue.add(key);
    return true;
  };
  for (const map of referenced) {
    for (const [id, { blobKey, thumbnailKey, createdAt }] of map) {
      if (slicer.tick()) await slicer.pause();
      if (present(originals, id, blobKey)) {
        if (thumbnailKey !== undefined && !present(thumbnails, id, thumbnailKey)) {
          thumblessIds.push(id);
        }
        continue;
      }
      if (keep && createdAt < keep.before) evictedIds.push(id);
      else brokenIds.push(id);
      // The thumbnail of a record whose original is gone goes too.
      if (thumbnails.has(id) && thumbnailKey !== undefined) candidates.push(thumbnailKey);
    }
  }
  const orphanable = byValue.size > 0 ? candidates.filter((key) => !byValue.has(key)) : candidates;
  return { brokenIds, thumblessIds, evictedIds, candidates: orphanable };
}

/**
 * Calls `onFound` with the id of each listed key's record (and whether the key is its
 * thumbnail); returns the keys of no loaded record.
 */
async function eachRecordOfKey(
  referenced: readonly ReadonlyMap<string, KeyPair>[],
  listed: readonly string[],
  slicer: Slicer,
  onFound: (id: string, thumbnail: boolean) => void,
): Promise<string[]> {
  let key = '';
  let thumbnail = false;
  // Whether `id`'s record has `key` as its original (or thumbnail).
  const holdsKey = (id: string) => {
    for (const records of referenced) {
      const record = records.get(id);
      if (record) return (thumbnail ? record.thumbnailKey : record.blobKey) === key;
    }
    return false;
  };
  const unmatched: string[] = [];
  for (key of listed) {
    if (slicer.tick()) await slicer.pause();
    thumbnail = key.startsWith('t/');
    const id = findIdOfKey(key, holdsKey);
    if (id === undefined) unmatched.push(key);
    else onFound(id, thumbnail);
  }
  return unmatched;
}

/**
 * The first id `key` can belong to that `test` accepts. Keys are `o/<id>` (original) or
 * `t/<id>` (thumbnail), with `-<suffix>` after the id once a file was replaced; ids may hold
 * `-` themselves, so every cut at a `-` is a possible id. Keys of any other form are no record's.
 */
function findIdOfKey(key: string, test: (id: string) => boolean): string | undefined {
  if (!key.startsWith('o/') && !key.startsWith('t/')) return undefined;
  const rest = key.slice(2);
  if (test(rest)) return rest;
  for (let dash = rest.indexOf('-'); dash > 0; dash = rest.indexOf('-', dash + 1)) {
    const id = rest.slice(0, dash);
    if (test(id)) return id;
  }
  return undefined;
}

/** Every id a blob key can belong to (see `findIdOfKey`), in the order they are tried. */
export function idsOfKey(key: string): string[] {
  const ids: string[] = [];
  findIdOfKey(key, (id) => {
    ids.push(id);
    return false;
  });
  return ids;
}

/**
 * Which of `candidates` a record in the database references now. A record whose original is
 * gone keeps nothing: its thumbnail goes with it, as the record is removed or marked unreadable.
 */
async function storedReferences(
  db: Awaited<ReturnType<LibraryContext['db']>>,
  keys: ReadonlySet<string>,
  candidates: string[],
): Promise<Set<string>> {
  const ids = new Set(candidates.flatMap(idsOfKey));
  const tx = db.transaction('assets', 'readonly');
  const records = await Promise.all([...ids].map((id) => tx.store.get(id)));
  const referenced = new Set<string>();
  for (const record of records) {
    if (!record || !keys.has(record.blobKey)) continue;
    referenced.add(record.blobKey);
    if (record.thumbnailKey !== undefined) referenced.add(record.thumbnailKey);
  }
  return referenced;
}

/**
 * The blob keys of every record in the database, for a library not yet fully loaded. Records
 * already in the store are taken from there and only ids the store lacks are read: far cheaper
 * than reading 100,000 records again. A store's record may be older than the database's (a
 * replace in another tab): orphans are checked against the database before they go.
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
  keys: ReadonlySet<string>,
  brokenIds: string[],
  thumblessIds: string[],
  evictedIds: string[],
): Promise<{ removed: string[]; dropped: MediaAsset[]; flagged: MediaAsset[]; evicted: string[] }> {
  return inWriteTransaction(db, ['assets'], async (tx) => {
    const store = tx.objectStore('assets');
    // Re-read inside the transaction: another tab may have deleted, edited or replaced them
    // meanwhile. A replaced record has new keys, whose bytes may well be there.
    const [broken, thumbless, evicted] = await Promise.all([
      Promise.all(brokenIds.map((id) => store.get(id))),
      Promise.all(thumblessIds.map((id) => store.get(id))),
      Promise.all(evictedIds.map((id) => store.get(id))),
    ]);
    const missing = (record: StoredAsset | undefined): record is StoredAsset =>
      record !== undefined && !keys.has(record.blobKey);
    const removed = broken.filter(missing).map((record) => record.id);
    const dropped = thumbless
      .filter(
        (record): record is StoredAsset =>
          record?.thumbnailKey !== undefined && !keys.has(record.thumbnailKey),
      )
      .map((record) => {
        const { thumbnailKey: _key, thumbnailType: _type, ...rest } = fromStoredAsset(record);
        return rest as MediaAsset;
      });
    const kept = evicted.filter(missing);
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
