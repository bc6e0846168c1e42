// Collections: named groups of assets. An asset lists the collections it is in, so adding,
// removing and deleting a collection edit asset records in the same transaction.
import { eachRequest, fromStoredAsset, inWriteTransaction, toStoredAsset } from './db';
import { CollectionNotFoundError, MediaLibraryError } from './errors';
import type { LibraryContext } from './library-context';
import { byIds, editAssets } from './library-operations';
import { idList } from './library-records';
import type { Collection } from './types';

function collectionName(name: string): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (!trimmed) throw new MediaLibraryError('invalid_input', 'A collection needs a name.');
  return trimmed;
}

/** Creates an empty collection. Names need not be unique; ids are. */
export async function createCollection(ctx: LibraryContext, name: string): Promise<Collection> {
  ctx.assertOpen();
  const now = ctx.now();
  const collection: Collection = {
    id: ctx.createId(),
    name: collectionName(name),
    createdAt: now,
    updatedAt: now,
  };
  const db = await ctx.db();
  await inWriteTransaction(db, ['collections'], async (tx) => {
    await tx.objectStore('collections').add(collection);
  });
  ctx.commit({ upsertCollections: [collection] }, { collections: [collection.id] });
  return collection;
}

/** Renames a collection; fails with `CollectionNotFoundError` for an unknown id. */
export async function renameCollection(
  ctx: LibraryContext,
  id: string,
  name: string,
): Promise<void> {
  ctx.assertOpen();
  const newName = collectionName(name);
  const now = ctx.now();
  const db = await ctx.db();
  const renamed = await inWriteTransaction(db, ['collections'], async (tx) => {
    const store = tx.objectStore('collections');
    const collection = await store.get(id);
    if (!collection) throw new CollectionNotFoundError(id);
    if (collection.name === newName) return undefined;
    const next: Collection = { ...collection, name: newName, updatedAt: now };
    await store.put(next);
    return next;
  });
  if (renamed) ctx.commit({ upsertCollections: [renamed] }, { collections: [id] });
}

/**
 * Deletes a collection and takes its id off every asset in it; the assets stay. Deleting an
 * unknown id still cleans stray references and is not an error.
 */
export async function deleteCollection(ctx: LibraryContext, id: string): Promise<void> {
  ctx.assertOpen();
  const db = await ctx.db();
  const changed = await inWriteTransaction(db, ['assets', 'collections'], async (tx) => {
    const collections = tx.objectStore('collections');
    const existed = (await collections.getKey(id)) !== undefined;
    if (existed) await collections.delete(id);
    const store = tx.objectStore('assets');
    const assets = (await store.index('collectionIds').getAll(id)).map((record) => ({
      ...fromStoredAsset(record),
      collectionIds: record.collectionIds.filter((other) => other !== id),
    }));
    await eachRequest(assets, (asset) => store.put(toStoredAsset(asset)));
    return { existed, assets };
  });
  if (!changed.existed && changed.assets.length === 0) return;
  ctx.commit(
    { removeCollections: [id], upsert: changed.assets },
    { deletedCollections: [id], assets: changed.assets.map((asset) => asset.id) },
  );
}

/** Adds assets to a collection; fails with `CollectionNotFoundError` for an unknown id. */
export async function addToCollection(
  ctx: LibraryContext,
  collectionId: string,
  ids: string | string[],
): Promise<void> {
  const now = ctx.now();
  await editAssets(
    ctx,
    byIds(idList(ids)),
    (asset) =>
      asset.collectionIds.includes(collectionId)
        ? undefined
        : { ...asset, collectionIds: [...asset.collectionIds, collectionId], updatedAt: now },
    {
      before: async (tx) => {
        if ((await tx.objectStore('collections').getKey(collectionId)) === undefined) {
          throw new CollectionNotFoundError(collectionId);
        }
      },
    },
  );
}

/** Takes assets out of a collection; assets not in it are left as they are. */
export async function removeFromCollection(
  ctx: LibraryContext,
  collectionId: string,
  ids: string | string[],
): Promise<void> {
  const now = ctx.now();
  await editAssets(ctx, byIds(idList(ids)), (asset) =>
    asset.collectionIds.includes(collectionId)
      ? {
          ...asset,
          collectionIds: asset.collectionIds.filter((other) => other !== collectionId),
          updatedAt: now,
        }
      : undefined,
  );
}
