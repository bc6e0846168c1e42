// Lineage lookups over the loaded index. Records hold only a link to their parent; the children
// of every asset are found in one pass over the assets, made when a version of the index is
// first asked (the details of one asset shown) and kept for that version, so paging through
// the details of a 100,000-asset library passes over it once, not once per asset; an edit's
// version follows from the one before through the records that changed.
import type { MediaAsset } from '../types';
import { versionCache } from '../version-cache';

/** What {@link versionsOf} finds for one asset. */
export interface AssetVersions {
  /** The asset this one was made from, when it is still in the library. */
  parent: MediaAsset | undefined;
  /** Assets made directly from this one, newest first. */
  children: MediaAsset[];
  /**
   * Every other asset of the same family (the first ancestor still in the library and all
   * assets made from it, at any depth), this one excluded, newest first.
   */
  versions: MediaAsset[];
}

/** Ancestors followed at most: lineage deeper than this is cut (and a cycle cannot loop). */
const MAX_DEPTH = 64;

/**
 * The parent, children and other versions of asset `id` in `assets` (the library's loaded
 * index, `library.getState().assets`). Empty when the asset is unknown.
 *
 * @example
 * const { parent, versions } = versionsOf(library.getState().assets, asset.id);
 */
export function versionsOf(assets: ReadonlyMap<string, MediaAsset>, id: string): AssetVersions {
  const asset = assets.get(id);
  if (!asset) return { parent: undefined, children: [], versions: [] };
  const byParent = childrenIndex(assets);
  const parentId = parentIdOf(asset);
  const parent = parentId === undefined ? undefined : assets.get(parentId);
  let root = asset;
  const seen = new Set<string>([asset.id]);
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const up = parentIdOf(root);
    const next = up === undefined ? undefined : assets.get(up);
    if (!next || seen.has(next.id)) break;
    seen.add(next.id);
    root = next;
  }
  const family: MediaAsset[] = [];
  const visited = new Set<string>([root.id]);
  const queue = [root];
  while (queue.length > 0) {
    const current = queue.shift() as MediaAsset;
    if (current.id !== id) family.push(current);
    for (const child of byParent.get(current.id) ?? []) {
      if (visited.has(child.id)) continue;
      visited.add(child.id);
      queue.push(child);
    }
  }
  return {
    parent,
    children: newestFirst([...(byParent.get(id) ?? [])]),
    versions: newestFirst(family),
  };
}

type ChildrenIndex = Map<string, MediaAsset[]>;

// Per version of the store's map. The index itself moves on to the next version an edit makes,
// updated through the records that changed, so opening details after an edit looks at those.
const childrenIndexes = versionCache<ChildrenIndex, ChildrenIndex>({
  create: () => new Map(),
  add(byParent, asset) {
    const parentId = parentIdOf(asset);
    if (parentId === undefined) return;
    const siblings = byParent.get(parentId);
    if (siblings) siblings.push(asset);
    else byParent.set(parentId, [asset]);
  },
  remove(byParent, asset) {
    const parentId = parentIdOf(asset);
    const siblings = parentId === undefined ? undefined : byParent.get(parentId);
    const at = siblings ? siblings.indexOf(asset) : -1;
    if (!siblings || at < 0) return;
    siblings.splice(at, 1);
    if (siblings.length === 0) byParent.delete(parentId as string);
  },
  value: (byParent) => byParent,
});

/** Every asset's children, by parent id, for this version of the index. */
function childrenIndex(assets: ReadonlyMap<string, MediaAsset>): ChildrenIndex {
  return childrenIndexes.get(assets);
}

/** The id of the asset `asset` was made from, if any. */
export function parentIdOf(asset: MediaAsset): string | undefined {
  const source = asset.source;
  // Only edits and AI edits name a parent; the type decides before any other field is read
  // (an `in` test on records read from IndexedDB is slow, and this runs once per asset).
  if (source.type !== 'edit' && source.type !== 'ai') return undefined;
  return typeof source.parentId === 'string' ? source.parentId : undefined;
}

function newestFirst(list: MediaAsset[]): MediaAsset[] {
  return list.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
}
