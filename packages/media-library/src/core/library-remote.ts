// Applies changes announced by other tabs: the named records are re-read from IndexedDB (the
// message is only a hint) and put into this tab's store, one change at a time, in order.
import { fromStoredAsset } from './db';
import type { LibraryContext } from './library-context';
import type { LibraryChange } from './sync';
import type { Collection, MediaAsset } from './types';

/**
 * Returns the handler for incoming changes. Changes are queued so two messages about the same
 * record cannot apply out of order; a failed re-read is skipped, the next change heals it.
 */
export function createRemoteChangeHandler(ctx: LibraryContext): (change: LibraryChange) => void {
  let queue: Promise<void> = Promise.resolve();
  return (change) => {
    queue = queue
      .then(() => applyRemoteChange(ctx, change))
      .catch(() => {
        // Closed meanwhile, or the database went away; nothing to repair in this tab.
      });
  };
}

async function applyRemoteChange(ctx: LibraryContext, change: LibraryChange): Promise<void> {
  if (ctx.closed) return;
  if (change.cleared) ctx.commit({ reset: true });
  const assetIds = [...new Set([...(change.assets ?? []), ...(change.deletedAssets ?? [])])];
  const collectionIds = [
    ...new Set([...(change.collections ?? []), ...(change.deletedCollections ?? [])]),
  ];
  if (assetIds.length === 0 && collectionIds.length === 0) return;

  const db = await ctx.db();
  const tx = db.transaction(['assets', 'collections'], 'readonly');
  const assets = tx.objectStore('assets');
  const collections = tx.objectStore('collections');
  const [assetRecords, collectionRecords] = await Promise.all([
    Promise.all(assetIds.map((id) => assets.get(id))),
    Promise.all(collectionIds.map((id) => collections.get(id))),
  ]);
  if (ctx.closed) return;

  // What the database holds now wins, whatever the message said happened.
  const upsert: MediaAsset[] = [];
  const remove: string[] = [];
  assetRecords.forEach((record, index) => {
    if (record) upsert.push(fromStoredAsset(record));
    else remove.push(assetIds[index] as string);
  });
  const upsertCollections: Collection[] = [];
  const removeCollections: string[] = [];
  collectionRecords.forEach((record, index) => {
    if (record) upsertCollections.push(record);
    else removeCollections.push(collectionIds[index] as string);
  });
  // An asset whose file was replaced there must not keep showing the old bytes here.
  const known = ctx.store.getState().assets;
  // (A replace always writes the original under a new key, thumbnail or not.)
  const newBytes = upsert.filter((asset) => {
    const before = known.get(asset.id);
    return before && before.blobKey !== asset.blobKey;
  });
  // No broadcast: the tab that made the change already told everyone.
  ctx.commit({ upsert, remove, upsertCollections, removeCollections });
  ctx.invalidateUrls(newBytes.map((asset) => asset.id));
}
