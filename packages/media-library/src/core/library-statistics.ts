// Figures about a library computed from the loaded index (counts, cost, bytes, tags). Computed
// once per version of the asset map and cached, since views ask often; a version made by an
// edit is counted from the previous one through the records that changed (version-cache.ts).
// The browser's storage estimate is in storage-estimate.ts.
import type {
  AssetKind,
  AssetSourceType,
  LibraryStatistics,
  MediaAsset,
  MediaLibraryState,
} from './types';

import { addCount, type Tally, versionCache } from './version-cache';

type AssetMap = ReadonlyMap<string, MediaAsset>;

/** The library's figures that depend on its assets alone. */
interface AssetFigures {
  byKind: Record<AssetKind, number>;
  bySource: Record<AssetSourceType, number>;
  favorites: number;
  // In millionths of a dollar: whole numbers add and subtract without drift.
  aiCostMicros: number;
  bytes: number;
}

const kinds = (): Record<AssetKind, number> => ({
  image: 0,
  video: 0,
  audio: 0,
  text: 0,
  document: 0,
  other: 0,
});
const sources = (): Record<AssetSourceType, number> => ({ upload: 0, url: 0, ai: 0, edit: 0 });

function costMicros(asset: MediaAsset): number {
  const cost = asset.source.type === 'ai' ? asset.source.costUsd : undefined;
  return typeof cost === 'number' && Number.isFinite(cost) ? Math.round(cost * 1_000_000) : 0;
}

function countAsset(figures: AssetFigures, asset: MediaAsset, by: 1 | -1): void {
  figures.byKind[asset.kind] = (figures.byKind[asset.kind] ?? 0) + by;
  figures.bySource[asset.source.type] = (figures.bySource[asset.source.type] ?? 0) + by;
  if (asset.favorite) figures.favorites += by;
  figures.aiCostMicros += by * costMicros(asset);
  figures.bytes += by * asset.size;
}

const assetFigures = versionCache<AssetFigures, AssetFigures>({
  create: () => ({ byKind: kinds(), bySource: sources(), favorites: 0, aiCostMicros: 0, bytes: 0 }),
  add: (figures, asset) => countAsset(figures, asset, 1),
  remove: (figures, asset) => countAsset(figures, asset, -1),
  value: (figures) => ({
    ...figures,
    byKind: { ...figures.byKind },
    bySource: { ...figures.bySource },
  }),
});

// Keyed by the asset map, which the store replaces on every asset change and keeps otherwise;
// statistics also remember the Trash map they counted, since emptying it leaves the other.
const statisticsCache = new WeakMap<AssetMap, { trash: AssetMap; statistics: LibraryStatistics }>();

function statisticsOf(
  state: Pick<MediaLibraryState, 'assets' | 'trash'>,
  figures: AssetFigures,
): LibraryStatistics {
  // The Trash is small: counted whenever it or the assets change.
  let trashBytes = 0;
  for (const asset of state.trash.values()) trashBytes += asset.size;
  const statistics: LibraryStatistics = {
    total: state.assets.size,
    // The figures' own copies, made for this version of the assets.
    byKind: figures.byKind,
    bySource: figures.bySource,
    favorites: figures.favorites,
    // To a hundredth of a cent.
    totalAiCostUsd: Math.round(figures.aiCostMicros / 100) / 10_000,
    bytesUsed: figures.bytes + trashBytes,
    trash: { count: state.trash.size, bytes: trashBytes },
  };
  statisticsCache.set(state.assets, { trash: state.trash, statistics });
  return statistics;
}

/**
 * Counts of `state`'s assets, fed one by one with `add` (the Trash's assets are counted at
 * `finish`, it is small), cached for `state`'s maps when finished.
 */
export function statisticsTally(
  state: Pick<MediaLibraryState, 'assets' | 'trash'>,
): Tally<LibraryStatistics> {
  const tally = assetFigures.tally(state.assets);
  return { add: tally.add, finish: () => statisticsOf(state, tally.finish()) };
}

/**
 * Counts by kind and source, favorites, total AI cost and bytes of the loaded assets; the
 * Trash's count and bytes apart, its bytes also in `bytesUsed` (they are still stored).
 */
export function computeStatistics(state: MediaLibraryState): LibraryStatistics {
  const cached = statisticsCache.get(state.assets);
  if (cached && cached.trash === state.trash) return cached.statistics;
  return statisticsOf(state, assetFigures.get(state.assets));
}

/** Bytes of the originals of the loaded assets, the Trash's included. */
export function libraryBytes(state: MediaLibraryState): number {
  return computeStatistics(state).bytesUsed;
}

type TagCounts = Array<{ tag: string; count: number }>;

const tagCounts = versionCache<Map<string, number>, TagCounts>({
  create: () => new Map(),
  add: (counts, asset) => {
    for (const tag of asset.tags) addCount(counts, tag, 1);
  },
  remove: (counts, asset) => {
    for (const tag of asset.tags) addCount(counts, tag, -1);
  },
  value: (counts) =>
    [...counts]
      .map(([tag, count]) => ({ tag, count }))
      .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)),
});

/** Tags in use among `assets` with their counts, fed one by one, cached for `assets`. */
export function tagsTally(assets: AssetMap): Tally<TagCounts> {
  return tagCounts.tally(assets);
}

/** Every tag in use with its count, most used first, then by name. */
export function computeTags(state: MediaLibraryState): TagCounts {
  return tagCounts.get(state.assets).map((entry) => ({ ...entry }));
}

const collectionCounts = versionCache<Map<string, number>, ReadonlyMap<string, number>>({
  create: () => new Map(),
  add: (counts, asset) => {
    for (const id of asset.collectionIds) addCount(counts, id, 1);
  },
  remove: (counts, asset) => {
    for (const id of asset.collectionIds) addCount(counts, id, -1);
  },
  // A copy: there are few collections, and the working counts go on to the next version.
  value: (counts) => new Map(counts),
});

/** How many of `assets` each collection holds, fed one by one, cached for `assets`. */
export function collectionCountsTally(assets: AssetMap): Tally<ReadonlyMap<string, number>> {
  return collectionCounts.tally(assets);
}

/** How many assets each collection holds, by collection id (absent: none). */
export function computeCollectionCounts(assets: AssetMap): ReadonlyMap<string, number> {
  return collectionCounts.get(assets);
}
