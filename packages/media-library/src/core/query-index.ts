// What the query engine keeps per version of the loaded assets: every asset sorted per sort, so
// a query keeping every match (a grid over the whole result) filters in order and sorts nothing.
// The store replaces its map on every change, so a new version is sorted on first use and the
// old one's lists go with it.
import type { MediaAsset } from './types';

type Assets = ReadonlyMap<string, MediaAsset>;

const caches = new WeakMap<Assets, Map<string, MediaAsset[]>>();

/**
 * Every asset in `compare`'s order, sorted once per version of the map and `sortKey` (and its
 * size: a map changed in place, not the store's, is sorted again).
 */
export function sortedAssets(
  assets: Assets,
  sortKey: string,
  compare: (a: MediaAsset, b: MediaAsset) => number,
): MediaAsset[] {
  let cache = caches.get(assets);
  if (!cache) {
    cache = new Map();
    caches.set(assets, cache);
  }
  const key = `${assets.size}\n${sortKey}`;
  let sorted = cache.get(key);
  if (!sorted) {
    sorted = [...assets.values()].sort(compare);
    cache.set(key, sorted);
  }
  return sorted;
}

/**
 * Stores `sorted` (every asset of `assets` in the order `sortKey` names) as if `sortedAssets`
 * had sorted it, so the first query after a library opens finds the order ready.
 */
export function primeSortedAssets(assets: Assets, sortKey: string, sorted: MediaAsset[]): void {
  let cache = caches.get(assets);
  if (!cache) {
    cache = new Map();
    caches.set(assets, cache);
  }
  cache.set(`${assets.size}\n${sortKey}`, sorted);
}
