// The Trash and every way of deleting for good: `delete` sets `trashedAt` and keeps everything
// else (bytes, tags, collections, provenance), `restore` clears it; emptying, `deleteForever`
// and `clear` free the bytes. What stays in the Trash longer than the retention is emptied at
// open and every hour, by one tab at a time. Loaded on first use.
import { eachRequest, fromStoredAsset, inWriteTransaction, type StoredAsset } from './db';
import { AssetNotFoundError, MediaLibraryError } from './errors';
import type { LibraryContext } from './library-context';
import { editAssets } from './library-operations';
import { idList } from './library-records';
import type { ImportItemResult, MediaAsset } from './types';
import { freeBytes, markingWrites } from './write-marks';

/** Default number of days an asset stays in the Trash. */
export const DEFAULT_TRASH_RETENTION_DAYS = 30;

/** How often an open library looks for assets past the retention. */
export const TRASH_CHECK_INTERVAL_MS = 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The retention of `ctx`'s library in days, checked (a bad value is the host's bug). */
export function trashRetentionDays(ctx: LibraryContext): number {
  const days = ctx.options.trashRetentionDays ?? DEFAULT_TRASH_RETENTION_DAYS;
  if (typeof days !== 'number' || !Number.isFinite(days) || days < 0) {
    throw new MediaLibraryError(
      'invalid_input',
      `trashRetentionDays must be a number of days, 0 or more (got ${String(days)}).`,
    );
  }
  return days;
}

/**
 * Moves the assets of `ids` to the Trash in one transaction. Unknown ids and assets already
 * there are skipped; with a retention of 0 days they are deleted for good instead.
 */
export async function trashAssets(ctx: LibraryContext, ids: string | string[]): Promise<void> {
  if (trashRetentionDays(ctx) === 0) {
    await deleteForever(ctx, ids);
    return;
  }
  const list = idList(ids);
  if (list.length === 0) return;
  const now = ctx.now();
  // `updatedAt` stays: moving to the Trash does not edit the asset, and a restore should put
  // it back where it sorted before.
  await editAssets(ctx, existing(list), (asset) =>
    asset.trashedAt === undefined ? { ...asset, trashedAt: now } : undefined,
  );
}

/**
 * Brings the assets of `ids` back from the Trash in one transaction. An unknown id fails the
 * call with `AssetNotFoundError` and restores nothing; assets not in the Trash stay as they are.
 */
export async function restoreAssets(ctx: LibraryContext, ids: string | string[]): Promise<void> {
  const list = idList(ids);
  if (list.length === 0) return;
  await editAssets(
    ctx,
    async (tx) => {
      const store = tx.objectStore('assets');
      const records = await Promise.all(list.map((id) => store.get(id)));
      return records.map((record, index) => {
        if (!record) throw new TrashRestoreError(list[index] as string);
        return record;
      });
    },
    (asset) => {
      if (asset.trashedAt === undefined) return undefined;
      const { trashedAt: _trashedAt, ...rest } = asset;
      return rest;
    },
  );
}

/**
 * An id given to `restore` that is not in the library: never was, or was deleted for good
 * (the Trash emptied, here or in another tab).
 */
export class TrashRestoreError extends AssetNotFoundError {
  constructor(assetId: string) {
    super(assetId);
    this.name = 'TrashRestoreError';
    this.message =
      `No asset with id "${assetId}" to restore: it was deleted for good (the Trash was ` +
      'emptied, perhaps in another tab) or never was in this library. Refresh the Trash.';
  }
}

/** Deletes everything in the Trash for good; resolves with how many assets that was. */
export function emptyTrash(ctx: LibraryContext): Promise<number> {
  return deleteTrashedBefore(ctx, Number.POSITIVE_INFINITY);
}

/**
 * Deletes for good what has been in the Trash longer than the retention, if no other tab is
 * doing so right now (they would only repeat the same deletions). Resolves with how many.
 */
export async function emptyExpiredTrash(ctx: LibraryContext): Promise<number> {
  const days = trashRetentionDays(ctx);
  // An empty Trash (the usual case) costs one count and reads no clock: every reading of the
  // library's clock takes a stamp that an import running meanwhile would otherwise have had.
  if ((await (await ctx.db()).countFromIndex('assets', 'trashedAt')) === 0) return 0;
  const run = () => deleteTrashedBefore(ctx, ctx.now() - days * DAY_MS);
  const locks = webLocks();
  if (!locks) return run();
  const count = await locks.request(
    `medialoft:${ctx.name}:trash`,
    { ifAvailable: true },
    async (lock: unknown) => (lock ? run() : 0),
  );
  return count;
}

/**
 * Deletes for good every trashed asset with `trashedAt` before `cutoff`, found through the
 * `trashedAt` index (records out of the Trash are not in it, so this reads only the Trash).
 */
async function deleteTrashedBefore(ctx: LibraryContext, cutoff: number): Promise<number> {
  ctx.assertOpen();
  const db = await ctx.db();
  const range = Number.isFinite(cutoff) ? IDBKeyRange.upperBound(cutoff, true) : undefined;
  const ids = await db.getAllKeysFromIndex('assets', 'trashedAt', range);
  // Only what is still in the Trash: an asset restored in another tab meanwhile stays.
  return deleteForever(ctx, ids, true);
}

/**
 * Deletes the records of `ids` in one transaction (with `onlyTrashed`, those still in the
 * Trash), then their bytes and thumbnails. If the page dies in between, only unreferenced
 * bytes remain, which the next start-up sweep removes; never a record without bytes. Unknown
 * ids are skipped. Resolves with how many assets were deleted.
 */
export async function deleteForever(
  ctx: LibraryContext,
  ids: string | string[],
  onlyTrashed = false,
): Promise<number> {
  ctx.assertOpen();
  const list = idList(ids);
  if (list.length === 0) return 0;
  const db = await ctx.db();
  // Marked from before the records go until their bytes have: see write-marks.ts.
  return markingWrites(ctx, async (mark) => {
    const deleted = await inWriteTransaction(db, ['assets'], async (tx) => {
      const store = tx.objectStore('assets');
      const records = (await Promise.all(list.map((id) => store.get(id)))).filter(
        (record): record is StoredAsset =>
          record !== undefined && (!onlyTrashed || record.trashedAt !== undefined),
      );
      await eachRequest(records, (record) => store.delete(record.id));
      return records.map(fromStoredAsset);
    });
    if (deleted.length === 0) return 0;
    const removed = deleted.map((asset) => asset.id);
    ctx.commit({ remove: removed }, { deletedAssets: removed });
    const blobs = await ctx.blobs();
    const keys = deleted.flatMap((asset) =>
      asset.thumbnailKey ? [asset.blobKey, asset.thumbnailKey] : [asset.blobKey],
    );
    // A failed delete leaves an orphan blob, which the next start-up sweep takes; the asset is gone.
    await freeBytes(blobs, keys, mark);
    return deleted.length;
  });
}

/**
 * Restores the trashed assets an import found its bytes in, so a file brought in again
 * reappears (with its tags, collections and provenance) instead of being a duplicate of
 * something the person cannot see. Their results say `restored: true`.
 */
export async function restoreTrashedDuplicates(
  ctx: LibraryContext,
  results: ImportItemResult[],
): Promise<ImportItemResult[]> {
  const trashed = new Set<string>();
  for (const result of results) {
    if (result.status === 'duplicate' && isTrashed(ctx, result.asset)) trashed.add(result.asset.id);
  }
  if (trashed.size === 0) return results;
  try {
    await restoreAssets(ctx, [...trashed]);
  } catch (error) {
    // Deleted for good meanwhile (another tab emptied the Trash): the import still stands,
    // it just has nothing to bring back.
    if (!(error instanceof AssetNotFoundError)) throw error;
    return results;
  }
  const assets = ctx.store.getState().assets;
  return results.map((result) => {
    if (result.status !== 'duplicate' || !trashed.has(result.asset.id)) return result;
    return { ...result, asset: assets.get(result.asset.id) ?? result.asset, restored: true };
  });
}

function isTrashed(ctx: LibraryContext, asset: MediaAsset): boolean {
  return asset.trashedAt !== undefined || ctx.store.getState().trash.has(asset.id);
}

/**
 * Empties what is past the retention now, then every hour while the library is open; resolves
 * after the first check with the stop. The timer never keeps a Node process alive.
 */
export async function watchTrashExpiry(ctx: LibraryContext): Promise<() => void> {
  const check = async () => {
    if (ctx.closed) return;
    await emptyExpiredTrash(ctx).catch(() => {
      // Closed meanwhile, storage gone, a bad retention (a delete reports that): the next
      // check, or the next open, tries again.
    });
  };
  await check();
  const handle = setInterval(check, TRASH_CHECK_INTERVAL_MS);
  (handle as { unref?: () => void }).unref?.();
  return () => clearInterval(handle);
}

/** Selects the records of `ids` that exist; unknown ids are skipped. */
function existing(ids: string[]) {
  return async (tx: Parameters<Parameters<typeof editAssets>[1]>[0]): Promise<StoredAsset[]> => {
    const store = tx.objectStore('assets');
    const records = await Promise.all(ids.map((id) => store.get(id)));
    return records.filter((record): record is StoredAsset => record !== undefined);
  };
}

interface WebLocksLike {
  request<T>(
    name: string,
    options: { ifAvailable: boolean },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T>;
}

function webLocks(): WebLocksLike | undefined {
  const locks = (globalThis as { navigator?: { locks?: unknown } }).navigator?.locks;
  return locks && typeof (locks as WebLocksLike).request === 'function'
    ? (locks as WebLocksLike)
    : undefined;
}

/**
 * Deletes every record and collection, then every blob. Exclusive, so no import in another
 * tab is between its bytes and its records while the bytes go.
 */
export async function clearLibrary(ctx: LibraryContext): Promise<void> {
  ctx.assertOpen();
  const [db, blobs] = await Promise.all([ctx.db(), ctx.blobs()]);
  await ctx.locks.exclusive(() =>
    markingWrites(ctx, async () => {
      await inWriteTransaction(db, ['assets', 'collections'], async (tx) => {
        await Promise.all([
          tx.objectStore('assets').clear(),
          tx.objectStore('collections').clear(),
        ]);
      });
      ctx.commit({ reset: true }, { cleared: true });
      await blobs.clear();
    }),
  );
}
