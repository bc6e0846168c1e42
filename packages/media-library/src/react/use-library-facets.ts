// Live lists the filters and side panels offer (collections, tags, AI providers and models,
// host modules), read through the library's public subscribe/getState. Recomputed only when
// the index or the collections map is replaced.
import { useMemo } from 'react';
import type { Collection, MediaLibraryState } from '../core/index';
import { computeFacets } from '../core/library-facets';
import { useLibraryState } from './use-library-state';
import { useMediaLibrary } from './use-media-library';

type FacetSources = Pick<MediaLibraryState, 'assets' | 'collections'>;
const sources = ({ assets, collections }: MediaLibraryState): FacetSources => ({
  assets,
  collections,
});
const sameSources = (a: FacetSources, b: FacetSources) =>
  a.assets === b.assets && a.collections === b.collections;

/** What {@link useLibraryFacets} returns. */
export interface LibraryFacets {
  /** Collections by name. */
  collections: Collection[];
  /** Tags in use with their counts, most used first. */
  tags: Array<{ tag: string; count: number }>;
  /** AI providers and models that produced assets in this library, sorted. */
  providers: string[];
  models: string[];
  /**
   * The host modules that made assets of this library (`MediaAsset.sourceModule`), sorted;
   * empty when no asset names one, so a preset shows that filter only where it means something.
   */
  sourceModules: string[];
}

/**
 * Collections, tags, AI provenance values and host modules of the library, kept up to date.
 * Before the library has loaded (and on the server) every list is empty.
 *
 * @example
 * const { tags, sourceModules } = useLibraryFacets();
 * <select multiple aria-label="Made by">
 *   {sourceModules.map((module) => <option key={module}>{module}</option>)}
 * </select>
 */
export function useLibraryFacets(): LibraryFacets {
  const library = useMediaLibrary();
  // The server renders (and the browser hydrates) the library before it loaded: nothing yet.
  const { assets, collections: collectionMap } = useLibraryState(
    sources,
    sameSources,
    'useLibraryFacets',
  );

  const collections = useMemo(
    () => [...collectionMap.values()].sort((a, b) => a.name.localeCompare(b.name)),
    [collectionMap],
  );
  const derived = useMemo(
    () => ({
      // listTags reads the library's latest index, which `assets` is except while hydrating,
      // when it is the server's empty one: no assets, no tags.
      tags: assets.size === 0 ? [] : library.listTags(),
      // Cached per map, and warmed while the library opens: no pass over 100,000 assets here.
      ...computeFacets(assets),
    }),
    [library, assets],
  );
  return { collections, ...derived };
}
