// Indexes of the loaded assets by host module and by a `meta` key's value, so a module's own
// view (or one story's scenes) is found without scanning the whole library on every query.
// Kept per version of the assets map: the store replaces its map on every change, so a new
// version is indexed on its first filtered query and the old one's index goes with it.
import type { MediaAsset, MediaQuery } from './types';

interface AssetIndexes {
  /** The map's size when indexed: a map changed in place (not the store's) is indexed again. */
  size: number;
  byModule?: Map<string, MediaAsset[]>;
  /** meta key -> value key (see `valueKey`) -> assets. */
  byMeta: Map<string, Map<string, MediaAsset[]>>;
  /** Every asset in a sort's order, by sort key ("createdAt:desc"). */
  sorted: Map<string, MediaAsset[]>;
}

const indexes = new WeakMap<ReadonlyMap<string, MediaAsset>, AssetIndexes>();

function indexesOf(assets: ReadonlyMap<string, MediaAsset>): AssetIndexes {
  let found = indexes.get(assets);
  if (!found || found.size !== assets.size) {
    found = { size: assets.size, byMeta: new Map(), sorted: new Map() };
    indexes.set(assets, found);
  }
  return found;
}

/** Filter values compare with `===`, so a number and the string of it are different keys. */
function valueKey(value: unknown): string {
  return `${typeof value}:${String(value)}`;
}

function push(index: Map<string, MediaAsset[]>, key: string, asset: MediaAsset): void {
  const list = index.get(key);
  if (list) list.push(asset);
  else index.set(key, [asset]);
}

function moduleIndex(assets: ReadonlyMap<string, MediaAsset>): Map<string, MediaAsset[]> {
  const found = indexesOf(assets);
  if (!found.byModule) {
    const byModule = new Map<string, MediaAsset[]>();
    for (const asset of assets.values()) {
      if (asset.sourceModule !== undefined) push(byModule, asset.sourceModule, asset);
    }
    found.byModule = byModule;
  }
  return found.byModule;
}

function metaIndex(
  assets: ReadonlyMap<string, MediaAsset>,
  key: string,
): Map<string, MediaAsset[]> {
  const found = indexesOf(assets);
  let byValue = found.byMeta.get(key);
  if (!byValue) {
    byValue = new Map();
    for (const asset of assets.values()) {
      const meta = asset.meta;
      // Own keys only, as the filter compares; objects and arrays never equal a filter value.
      if (meta === undefined || !Object.hasOwn(meta, key)) continue;
      const value = meta[key];
      if (value === null || typeof value !== 'object') push(byValue, valueKey(value), asset);
    }
    found.byMeta.set(key, byValue);
  }
  return byValue;
}

const none: readonly MediaAsset[] = [];

/**
 * The assets a query can match at most, when its host-data filters narrow it (the smallest of
 * the `sourceModules` and each `meta` key's set), or `undefined` to scan everything. Every
 * filter is still applied to the candidates; this only skips assets that cannot match.
 */
export function candidatesFor(
  assets: ReadonlyMap<string, MediaAsset>,
  query: MediaQuery,
): readonly MediaAsset[] | undefined {
  let best: readonly MediaAsset[] | undefined;
  const consider = (list: readonly MediaAsset[]) => {
    if (best === undefined || list.length < best.length) best = list;
  };
  if (query.sourceModules !== undefined && query.sourceModules.length > 0) {
    const byModule = moduleIndex(assets);
    // Stored trimmed and lower-cased; each asset has one module, so the lists are disjoint.
    const wanted = new Set(query.sourceModules.map((module) => module.trim().toLowerCase()));
    const lists = [...wanted].map((module) => byModule.get(module) ?? none);
    consider(lists.length === 1 ? (lists[0] as readonly MediaAsset[]) : lists.flat());
  }
  if (query.meta) {
    for (const [key, value] of Object.entries(query.meta)) {
      consider(metaIndex(assets, key).get(valueKey(value)) ?? none);
    }
  }
  return best;
}

/**
 * Every asset in the order `compare` gives, sorted once per version of the map and sort: a
 * query that keeps all its matches (no small page) filters this list and needs no sort of its
 * own, so typing over 100,000 assets costs one pass per keystroke, not a pass and a sort.
 */
export function sortedAssets(
  assets: ReadonlyMap<string, MediaAsset>,
  sortKey: string,
  compare: (a: MediaAsset, b: MediaAsset) => number,
): readonly MediaAsset[] {
  const found = indexesOf(assets);
  let list = found.sorted.get(sortKey);
  if (!list) {
    list = [...assets.values()].sort(compare);
    found.sorted.set(sortKey, list);
  }
  return list;
}
