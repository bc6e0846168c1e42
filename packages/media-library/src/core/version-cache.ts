// A figure derived from a library's asset map, kept per version of the map. A version the store
// made from one already counted is counted by following the records that changed (see
// asset-map-lineage.ts); any other map is counted in one pass, or fed asset by asset so a load
// can count 100,000 assets in slices.
import { followFrom } from './asset-map-lineage';
import type { MediaAsset } from './types';

type AssetMap = ReadonlyMap<string, MediaAsset>;

/** Figures gathered one asset at a time, so a long library can be counted in slices. */
export interface Tally<T> {
  add(asset: MediaAsset): void;
  /** The figures, remembered for this version of the library's map. */
  finish(): T;
}

/** How a figure follows a map: a working state fed the records the map gains and loses. */
export interface Follower<S, T> {
  /** The state of a map with no records. */
  create(): S;
  add(state: S, asset: MediaAsset): void;
  /** Undoes `add` of this very record. */
  remove(state: S, asset: MediaAsset): void;
  /**
   * What readers get. It must share nothing the state goes on to change, or be the state
   * itself: then a newer version that takes the state over makes the older one forget it.
   */
  value(state: S): T;
}

/** The figure of each version of a map, counted once per version. */
export interface VersionCache<T> {
  /** The figure of `assets`: remembered, followed from an older version, or counted. */
  get(assets: AssetMap): T;
  /** A tally that remembers its figure for `assets` when finished. */
  tally(assets: AssetMap): Tally<T>;
}

interface Entry<S, T> {
  /** The working state, until a newer version takes it over. */
  state: S | undefined;
  value: T;
  // A map changed in place (a caller's own, never the store's) is counted again when its size
  // changed.
  size: number;
}

/** A cache of `follower`'s figure per version of an asset map. */
export function versionCache<S, T>(follower: Follower<S, T>): VersionCache<T> {
  const entries = new WeakMap<AssetMap, Entry<S, T>>();
  const remember = (assets: AssetMap, state: S): T => {
    const value = follower.value(state);
    entries.set(assets, { state, value, size: assets.size });
    return value;
  };
  const withState = (map: AssetMap) => {
    const entry = entries.get(map);
    return entry?.state !== undefined && entry.size === map.size ? entry : undefined;
  };
  return {
    get(assets) {
      const cached = entries.get(assets);
      if (cached && cached.size === assets.size) return cached.value;
      const followed = followFrom(assets, withState);
      if (followed) {
        const { ancestor, found, steps } = followed;
        const state = found.state as S;
        // The state moves on to this version; the older one keeps a value sharing nothing.
        if ((found.value as unknown) === state) entries.delete(ancestor);
        else found.state = undefined;
        for (const step of steps) {
          for (const asset of step.removed) follower.remove(state, asset);
          for (const asset of step.added) follower.add(state, asset);
        }
        return remember(assets, state);
      }
      const state = follower.create();
      for (const asset of assets.values()) follower.add(state, asset);
      return remember(assets, state);
    },
    tally(assets) {
      const state = follower.create();
      return {
        add: (asset) => follower.add(state, asset),
        finish: () => remember(assets, state),
      };
    },
  };
}

/** Adds `by` to the count of `key` in `counts`, dropping a key whose count falls to zero. */
export function addCount<K>(counts: Map<K, number>, key: K, by: 1 | -1): void {
  const count = (counts.get(key) ?? 0) + by;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
}
