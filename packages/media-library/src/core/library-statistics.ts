// Figures about a library computed from the loaded index (counts, cost, bytes, tags).
// Computed once per asset map and cached, since views ask often; the browser's storage estimate
// is in storage-estimate.ts.
import type {
  AssetKind,
  AssetSourceType,
  LibraryStatistics,
  MediaAsset,
  MediaLibraryState,
} from './types';

type AssetMap = ReadonlyMap<string, MediaAsset>;

// Keyed by the asset map, which the store replaces on every asset change and keeps otherwise;
// statistics also remember the Trash map they counted, since emptying it leaves the other.
const statisticsCache = new WeakMap<AssetMap, { trash: AssetMap; statistics: LibraryStatistics }>();
const tagsCache = new WeakMap<AssetMap, Array<{ tag: string; count: number }>>();
const collectionCountsCache = new WeakMap<AssetMap, ReadonlyMap<string, number>>();

/** Figures gathered one asset at a time, so a long library can be counted in slices. */
export interface Tally<T> {
  add(asset: MediaAsset): void;
  /** The figures, remembered for this version of the library's maps. */
  finish(): T;
}

/**
 * Counts of `state`'s assets, fed one by one with `add` (the Trash's assets are counted at
 * `finish`, it is small), cached for `state`'s maps when finished.
 */
export function statisticsTally(
  state: Pick<MediaLibraryState, 'assets' | 'trash'>,
): Tally<LibraryStatistics> {
  const byKind: Record<AssetKind, number> = {
    image: 0,
    video: 0,
    audio: 0,
    text: 0,
    document: 0,
    other: 0,
  };
  const bySource: Record<AssetSourceType, number> = { upload: 0, url: 0, ai: 0, edit: 0 };
  let favorites = 0;
  let totalAiCostUsd = 0;
  let bytesUsed = 0;
  return {
    add(asset) {
      byKind[asset.kind] = (byKind[asset.kind] ?? 0) + 1;
      bySource[asset.source.type] = (bySource[asset.source.type] ?? 0) + 1;
      if (asset.favorite) favorites++;
      if (asset.source.type === 'ai') totalAiCostUsd += asset.source.costUsd ?? 0;
      bytesUsed += asset.size;
    },
    finish() {
      let trashBytes = 0;
      for (const asset of state.trash.values()) trashBytes += asset.size;
      const statistics: LibraryStatistics = {
        total: state.assets.size,
        byKind,
        bySource,
        favorites,
        // Sums of cents in floating point drift; round to a hundredth of a cent.
        totalAiCostUsd: Math.round(totalAiCostUsd * 10_000) / 10_000,
        bytesUsed: bytesUsed + trashBytes,
        trash: { count: state.trash.size, bytes: trashBytes },
      };
      statisticsCache.set(state.assets, { trash: state.trash, statistics });
      return statistics;
    },
  };
}

/**
 * Counts by kind and source, favorites, total AI cost and bytes of the loaded assets; the
 * Trash's count and bytes apart, its bytes also in `bytesUsed` (they are still stored).
 */
export function computeStatistics(state: MediaLibraryState): LibraryStatistics {
  const cached = statisticsCache.get(state.assets);
  if (cached && cached.trash === state.trash) return cached.statistics;
  const tally = statisticsTally(state);
  for (const asset of state.assets.values()) tally.add(asset);
  return tally.finish();
}

/** Bytes of the originals of the loaded assets, the Trash's included. */
export function libraryBytes(state: MediaLibraryState): number {
  return computeStatistics(state).bytesUsed;
}

/** Tags in use among `assets` with their counts, fed one by one, cached for `assets`. */
export function tagsTally(assets: AssetMap): Tally<Array<{ tag: string; count: number }>> {
  const counts = new Map<string, number>();
  return {
    add(asset) {
      for (const tag of asset.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    },
    finish() {
      const tags = [...counts]
        .map(([tag, count]) => ({ tag, count }))
        .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
      tagsCache.set(assets, tags);
      return tags;
    },
  };
}

/** Every tag in use with its count, most used first, then by name. */
export function computeTags(state: MediaLibraryState): Array<{ tag: string; count: number }> {
  let tags = tagsCache.get(state.assets);
  if (!tags) {
    const tally = tagsTally(state.assets);
    for (const asset of state.assets.values()) tally.add(asset);
    tags = tally.finish();
  }
  return tags.map((entry) => ({ ...entry }));
}

/** How many of `assets` each collection holds, fed one by one, cached for `assets`. */
export function collectionCountsTally(assets: AssetMap): Tally<ReadonlyMap<string, number>> {
  const counts = new Map<string, number>();
  return {
    add(asset) {
      for (const id of asset.collectionIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    },
    finish() {
      collectionCountsCache.set(assets, counts);
      return counts;
    },
  };
}

/** How many assets each collection holds, by collection id (absent: none). */
export function computeCollectionCounts(assets: AssetMap): ReadonlyMap<string, number> {
  const cached = collectionCountsCache.get(assets);
  if (cached) return cached;
  const tally = collectionCountsTally(assets);
  for (const asset of assets.values()) tally.add(asset);
  return tally.finish();
}
