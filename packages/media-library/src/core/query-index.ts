// What the query engine keeps per version of the loaded assets: every asset sorted per sort, so
// a query keeping every match (a grid over the whole result) filters in order and sorts nothing,
// and beside that order each asset's search text, so a search over 100,000 assets reads an
// array rather than looking each text up. The store replaces its map on every change, so a new
// version is sorted on first use and the old one's lists go with it.
import { assetSearchText } from './search-text';
import type { MediaAsset } from './types';

type Assets = ReadonlyMap<string, MediaAsset>;
type Entry = { sorted: MediaAsset[]; texts?: string[] };

const caches = new WeakMap<Assets, Map<string, Entry>>();

function cacheOf(assets: Assets): Map<string, Entry> {
  let cache = caches.get(assets);
  if (!cache) {
    cache = new Map();
    caches.set(assets, cache);
  }
  return cache;
}

// Per order, and per size: a map changed in place (not the store's) is sorted again.
const keyOf = (assets: Assets, sortKey: string) => `${assets.size}\n${sortKey}`;

function entryOf(
  assets: Assets,
  sortKey: string,
  compare: (a: MediaAsset, b: MediaAsset) => number,
): Entry {
  const cache = cacheOf(assets);
  const key = keyOf(assets, sortKey);
  let entry = cache.get(key);
  if (!entry) {
    entry = { sorted: [...assets.values()].sort(compare) };
    cache.set(key, entry);
  }
  return entry;
}

/**
 * Every asset in `compare`'s order, sorted once per version of the map and `sortKey` (and its
 * size: a map changed in place, not the store's, is sorted again).
 */
export function sortedAssets(
  assets: Assets,
  sortKey: string,
  compare: (a: MediaAsset, b: MediaAsset) => number,
): MediaAsset[] {
  return entryOf(assets, sortKey, compare).sorted;
}

/** The search text of each asset of `sortedAssets(assets, sortKey, compare)`, index by index. */
export function sortedSearchTexts(
  assets: Assets,
  sortKey: string,
  compare: (a: MediaAsset, b: MediaAsset) => number,
): string[] {
  const entry = entryOf(assets, sortKey, compare);
  entry.texts ??= entry.sorted.map(assetSearchText);
  return entry.texts;
}

/** The order `sortKey` names and its search texts, if cached for this version of `assets`. */
export function cachedOrder(
  assets: Assets,
  sortKey: string,
): { sorted: MediaAsset[]; texts?: string[] } | undefined {
  return caches.get(assets)?.get(keyOf(assets, sortKey));
}

/**
 * Stores `sorted` (every asset of `assets` in the order `sortKey` names) and their search
 * texts as if `sortedAssets` had sorted it, so the first query after a library opens finds
 * them ready.
 */
export function primeSortedAssets(
  assets: Assets,
  sortKey: string,
  sorted: MediaAsset[],
  texts: string[] | undefined,
): void {
  cacheOf(assets).set(keyOf(assets, sortKey), { sorted, texts });
}
