// Edits of existing assets (fields, favorite, tags, usage); deletion is the Trash's
// (library-trash.ts). Each operation is a read-modify-write in one IndexedDB transaction, then
// one store replacement, then a message.

import type { IDBPTransaction } from 'idb';
import {
  eachRequest,
  fromStoredAsset,
  inWriteTransaction,
  type LibraryDbSchema,
  type StoredAsset,
  toStoredAsset,
} from './db';
import { AssetNotFoundError, MediaLibraryError } from './errors';
import type { LibraryContext } from './library-context';
import { idList, normalizeTags } from './library-records';
import type { AssetMeta, AssetPatch, MediaAsset, UsageKind } from './types';

type AssetsTransaction = IDBPTransaction<
  LibraryDbSchema,
  Array<'assets' | 'collections'>,
  'readwrite'
>;

/** Returns the edited asset, or undefined when the edit changes nothing. */
export type AssetEdit = (asset: MediaAsset) => MediaAsset | undefined;

/**
 * Reads the records `select` picks inside one readwrite transaction, applies `edit` to each
 * and writes back the changed ones, then updates the store and tells the other tabs.
 * Reading inside the transaction (not from the store) keeps edits made in another tab.
 */
export async function editAssets(
  ctx: LibraryContext,
  select: (tx: AssetsTransaction) => Promise<StoredAsset[]>,
  edit: AssetEdit,
  extra?: { before?: (tx: AssetsTransaction) => Promise<void> },
): Promise<MediaAsset[]> {
  ctx.assertOpen();
  const db = await ctx.db();
  const changed = await inWriteTransaction(db, ['assets', 'collections'], async (tx) => {
    await extra?.before?.(tx);
    const records = await select(tx);
    const edited: MediaAsset[] = [];
    for (const record of records) {
      const next = edit(fromStoredAsset(record));
      if (next) edited.push(next);
    }
    const store = tx.objectStore('assets');
    await eachRequest(edited, (asset) => store.put(toStoredAsset(asset)));
    return edited;
  });
  if (changed.length > 0) {
    ctx.commit({ upsert: changed }, { assets: changed.map((asset) => asset.id) });
  }
  return changed;
}

/** Selects the records of `ids`, failing with `AssetNotFoundError` (and changing nothing). */
export function byIds(ids: string[]) {
  return async (tx: AssetsTransaction): Promise<StoredAsset[]> => {
    const store = tx.objectStore('assets');
    const records = await Promise.all(ids.map((id) => store.get(id)));
    return records.map((record, index) => {
      if (!record) throw new AssetNotFoundError(ids[index] as string);
      return record;
    });
  };
}

const TEXT_FIELDS = ['title', 'description', 'alt'] as const;

/** Sets title, description, alt text and favorite; an empty or undefined text clears it. */
export async function updateAssets(
  ctx: LibraryContext,
  ids: string | string[],
  patch: AssetPatch,
): Promise<void> {
  for (const field of TEXT_FIELDS) {
    const value = patch[field];
    if (value !== undefined && typeof value !== 'string') {
      throw new MediaLibraryError('invalid_input', `"${field}" must be a string.`);
    }
  }
  if (patch.favorite !== undefined && typeof patch.favorite !== 'boolean') {
    throw new MediaLibraryError('invalid_input', '"favorite" must be true or false.');
  }
  // Checked before the transaction, so a bad value changes nothing on any asset.
  const { sourceModule, meta } = await checkedHostData(patch);
  const hasMeta = meta !== undefined && Object.keys(meta).length > 0;
  const now = ctx.now();
  await editAssets(ctx, byIds(idList(ids)), (asset) => {
    const next: MediaAsset = { ...asset };
    let changed = false;
    for (const field of TEXT_FIELDS) {
      if (!(field in patch)) continue;
      const value = patch[field];
      if (value === undefined || value === '') {
        if (next[field] !== undefined) {
          delete next[field];
          changed = true;
        }
      } else if (value !== next[field]) {
        next[field] = value;
        changed = true;
      }
    }
    if (patch.favorite !== undefined && patch.favorite !== asset.favorite) {
      next.favorite = patch.favorite;
      changed = true;
    }
    if ('sourceModule' in patch && sourceModule !== asset.sourceModule) {
      if (sourceModule === undefined) delete next.sourceModule;
      else next.sourceModule = sourceModule;
      changed = true;
    }
    if ('meta' in patch && !sameMeta(hasMeta ? meta : undefined, asset.meta)) {
      // Each asset of a bulk edit gets its own copy, so editing one never shows on another.
      if (hasMeta) next.meta = structuredClone(meta);
      else delete next.meta;
      changed = true;
    }
    if (!changed) return undefined;
    next.updatedAt = now;
    return next;
  });
}

/**
 * The stored form of a patch's host data. The checks load with the first edit that sets host
 * data, so apps that never do so do not download them.
 */
async function checkedHostData(
  patch: AssetPatch,
): Promise<{ sourceModule?: string | undefined; meta?: AssetMeta | undefined }> {
  const setsModule = patch.sourceModule !== undefined && patch.sourceModule !== '';
  if (!setsModule && patch.meta === undefined) return {};
  const { normalizeMeta, normalizeSourceModule } = await import('./host-data');
  return {
    sourceModule: setsModule ? normalizeSourceModule(patch.sourceModule) : undefined,
    meta: patch.meta === undefined ? undefined : normalizeMeta(patch.meta),
  };
}

/** Whether two checked meta records hold the same data (both were built key by key). */
function sameMeta(a: AssetMeta | undefined, b: AssetMeta | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Adds tags (trimmed, unique, case kept) to every asset of `ids`. */
export async function addTags(
  ctx: LibraryContext,
  ids: string | string[],
  tags: string[],
): Promise<void> {
  const added = normalizeTags(tags);
  if (added.length === 0) return;
  const now = ctx.now();
  await editAssets(ctx, byIds(idList(ids)), (asset) => {
    const merged = normalizeTags([...asset.tags, ...added]);
    if (merged.length === asset.tags.length) return undefined;
    return { ...asset, tags: merged, updatedAt: now };
  });
}

/** Removes tags (matched after trimming, case-sensitive) from every asset of `ids`. */
export async function removeTags(
  ctx: LibraryContext,
  ids: string | string[],
  tags: string[],
): Promise<void> {
  const removed = new Set(normalizeTags(tags));
  if (removed.size === 0) return;
  const now = ctx.now();
  await editAssets(ctx, byIds(idList(ids)), (asset) => {
    const kept = asset.tags.filter((tag) => !removed.has(tag));
    if (kept.length === asset.tags.length) return undefined;
    return { ...asset, tags: kept, updatedAt: now };
  });
}

/** Renames `from` to `to` on every asset that has it; an asset with both keeps one `to`. */
export async function renameTag(ctx: LibraryContext, from: string, to: string): Promise<void> {
  const [target] = normalizeTags([to]);
  if (!target) throw new MediaLibraryError('invalid_input', 'The new tag name is empty.');
  if (from === target) return;
  const now = ctx.now();
  await editAssets(
    ctx,
    (tx) => tx.objectStore('assets').index('tags').getAll(from),
    (asset) => {
      const tags = normalizeTags(asset.tags.map((tag) => (tag === from ? target : tag)));
      return { ...asset, tags, updatedAt: now };
    },
  );
}

/** Counts a download, share or use and stamps `lastAccessedAt`; `updatedAt` stays. */
export async function trackUsage(ctx: LibraryContext, id: string, kind: UsageKind): Promise<void> {
  const counter = ({ download: 'downloads', share: 'shares', use: 'uses' } as const)[kind];
  if (!counter) {
    throw new MediaLibraryError(
      'invalid_input',
      `Unknown usage "${kind}": use download, share or use.`,
    );
  }
  const now = ctx.now();
  await editAssets(ctx, byIds([id]), (asset) => ({
    ...asset,
    usage: { ...asset.usage, [counter]: asset.usage[counter] + 1, lastAccessedAt: now },
  }));
}
