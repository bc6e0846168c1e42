// How each version of a library's asset map came from the one before. The store copies the map
// for every change and notes here which records the copy lost and which it gained, so a figure
// derived from the previous version (tag counts, statistics, the children of each asset) can
// follow a one-asset edit by looking at that asset instead of passing over 100,000.
import type { MediaAsset } from './types';

type AssetMap = ReadonlyMap<string, MediaAsset>;

/** What one version of a map lost and gained against the version it was copied from. */
export interface MapStep {
  /** Records gone from the map, or replaced by a newer record of the same id. */
  readonly removed: readonly MediaAsset[];
  /** Records new in the map, replacements included. */
  readonly added: readonly MediaAsset[];
}

interface Link extends MapStep {
  // Weak: a chain of strong links would keep every version of a 100,000-entry map alive.
  readonly parent: WeakRef<AssetMap>;
}

const links = new WeakMap<AssetMap, Link>();

/** Steps followed back at most; further back, a pass over the map is about as quick. */
const MAX_STEPS = 32;

/**
 * Notes that `next` is a copy of `parent` in which only the entries of `ids` may differ. `next`
 * must not change afterwards, nor `parent` have changed since it was copied.
 */
export function noteStep(next: AssetMap, parent: AssetMap, ids: Iterable<string>): void {
  const removed: MediaAsset[] = [];
  const added: MediaAsset[] = [];
  for (const id of new Set(ids)) {
    const before = parent.get(id);
    const after = next.get(id);
    if (before === after) continue;
    if (before) removed.push(before);
    if (after) added.push(after);
  }
  links.set(next, { parent: new WeakRef(parent), removed, added });
}

/** An ancestor version of a map for which `find` had something, and the steps from it. */
export interface Followed<V> {
  ancestor: AssetMap;
  found: V;
  /** The steps from `ancestor` to the map asked about, oldest first. */
  steps: MapStep[];
}

/**
 * Walks back from `map` through the versions it was copied from, nearest first, until `find`
 * returns something for one; undefined when the chain ends (or grows too long) first.
 */
export function followFrom<V>(
  map: AssetMap,
  find: (ancestor: AssetMap) => V | undefined,
): Followed<V> | undefined {
  const steps: MapStep[] = [];
  let current = map;
  for (let walked = 0; walked < MAX_STEPS; walked++) {
    const link = links.get(current);
    const parent = link?.parent.deref();
    if (!link || !parent) return undefined;
    steps.push(link);
    const found = find(parent);
    if (found !== undefined) return { ancestor: parent, found, steps: steps.reverse() };
    current = parent;
  }
  return undefined;
}
