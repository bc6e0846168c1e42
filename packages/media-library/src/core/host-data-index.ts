// An index of host data per version of a library's map: the assets of each host module
// (`sourceModule`) and of each `meta` key and value, newest first. A query filtering on them
// checks only those assets instead of every asset of the library.
import type { MediaAsset, MediaQuery } from './types';

type Assets = ReadonlyMap<string, MediaAsset>;

interface HostDataIndex {
  modules: Map<string, MediaAsset[]>;
  meta: Map<string, Map<unknown, MediaAsset[]>>;
}

const indexes = new WeakMap<Assets, { size: number; index: HostDataIndex }>();

// Values a Map key finds exactly as `===` does (NaN never equals itself; objects only by
// reference, which no query written as data has).
const indexable = (value: unknown) =>
  (typeof value !== 'object' || value === null) &&
  typeof value !== 'function' &&
  !Number.isNaN(value);

function add<K>(lists: Map<K, MediaAsset[]>, key: K, asset: MediaAsset): void {
  const list = lists.get(key);
  if (list) list.push(asset);
  else lists.set(key, [asset]);
}

/** Builds the index of `assets` from `ordered` (every asset, in the order lists should keep). */
function indexOf(assets: Assets, ordered: () => readonly MediaAsset[]): HostDataIndex {
  const cached = indexes.get(assets);
  if (cached && cached.size === assets.size) return cached.index;
  const index: HostDataIndex = { modules: new Map(), meta: new Map() };
  for (const asset of ordered()) {
    if (asset.sourceModule !== undefined) add(index.modules, asset.sourceModule, asset);
    const meta = asset.meta;
    if (meta === undefined) continue;
    for (const key of Object.getOwnPropertyNames(meta)) {
      const value = meta[key];
      if (!indexable(value)) continue;
      let values = index.meta.get(key);
      if (!values) {
        values = new Map();
        index.meta.set(key, values);
      }
      add(values, value, asset);
    }
  }
  indexes.set(assets, { size: assets.size, index });
  return index;
}

/**
 * The fewest assets that can match `query`'s `sourceModules` and `meta` filters, in `ordered`'s
 * order (one list) or not (`inOrder` false: several modules' lists one after the other); or
 * undefined when the query has neither filter in an indexable form. Every match of the query
 * is among them; the query's own filters still decide.
 */
export function hostDataCandidates(
  assets: Assets,
  query: MediaQuery,
  ordered: () => readonly MediaAsset[],
): { candidates: readonly MediaAsset[]; inOrder: boolean } | undefined {
  const modules = query.sourceModules?.length ? query.sourceModules : undefined;
  const wanted = query.meta
    ? Object.entries(query.meta).filter(([, value]) => indexable(value))
    : [];
  if (!modules && wanted.length === 0) return undefined;
  const index = indexOf(assets, ordered);
  let best: { candidates: readonly MediaAsset[]; inOrder: boolean } | undefined;
  if (modules) {
    // Stored trimmed and lower-cased, as the query's filter compares them.
    const names = [...new Set(modules.map((module) => module.trim().toLowerCase()))];
    const lists = names.map((name) => index.modules.get(name) ?? []);
    best =
      lists.length === 1
        ? { candidates: lists[0] as MediaAsset[], inOrder: true }
        : { candidates: lists.flat(), inOrder: false };
  }
  for (const [key, value] of wanted) {
    const list = index.meta.get(key)?.get(value) ?? [];
    if (!best || list.length < best.candidates.length) best = { candidates: list, inOrder: true };
  }
  return best;
}
