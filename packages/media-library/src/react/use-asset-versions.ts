// The lineage of one asset, live: its parent, what was made from it, and its other versions.
import { useCallback } from 'react';
import { type AssetVersions, versionsOf } from '../core/edit/versions';
import type { MediaAsset, MediaLibraryState } from '../core/types';
import { useLibraryState } from './use-library-state';

const NONE: AssetVersions = Object.freeze({
  parent: undefined,
  children: [],
  versions: [],
}) as AssetVersions;

/**
 * Returns the parent (the asset `id` was made from, by an AI edit or a crop, rotation or
 * flip), the children (made from it) and every other version of the same family, newest
 * first. Re-renders only when one of those records changes, is added or goes; each library
 * change costs one pass over the loaded index.
 *
 * @example
 * const { parent, versions } = useAssetVersions(asset.id);
 * return parent ? <button onClick={() => select(parent.id)}>Derived from {parent.name}</button> : null;
 */
export function useAssetVersions(id: string | undefined): AssetVersions {
  const selector = useCallback(
    (state: MediaLibraryState) => (id === undefined ? NONE : versionsOf(state.assets, id)),
    [id],
  );
  return useLibraryState(selector, sameVersions, 'useAssetVersions');
}

function sameVersions(a: AssetVersions, b: AssetVersions): boolean {
  return (
    a.parent === b.parent && sameList(a.children, b.children) && sameList(a.versions, b.versions)
  );
}

function sameList(a: readonly MediaAsset[], b: readonly MediaAsset[]): boolean {
  return a.length === b.length && a.every((asset, index) => asset === b[index]);
}
