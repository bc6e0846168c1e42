// Live lists the filters and side panels need (collections, tags, AI providers and models),
// read through the library's public subscribe/getState. Recomputed only when the index or
// the collections map is replaced.
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { Collection, MediaAsset } from '../core/index';
import { useMediaLibrary } from '../react/index';

const emptyAssets: ReadonlyMap<string, MediaAsset> = new Map();
const emptyCollections: ReadonlyMap<string, Collection> = new Map();
const noAssets = () => emptyAssets;
const noCollections = () => emptyCollections;

/** What {@link useLibraryFacets} returns. */
export interface LibraryFacets {
  /** Collections by name. */
  collections: Collection[];
  /** Tags in use with their counts, most used first. */
  tags: Array<{ tag: string; count: number }>;
  /** AI providers and models that produced assets in this library, sorted. */
  providers: string[];
  models: string[];
}

/** Collections, tags and AI provenance values of the library, kept up to date. */
export function useLibraryFacets(): LibraryFacets {
  const library = useMediaLibrary();
  const subscribe = useCallback((onChange: () => void) => library.subscribe(onChange), [library]);
  // The server renders (and the browser hydrates) the library before it loaded: nothing yet.
  const assets = useSyncExternalStore(subscribe, () => library.getState().assets, noAssets);
  const collectionMap = useSyncExternalStore(
    subscribe,
    () => library.getState().collections,
    noCollections,
  );

  const collections = useMemo(
    () => [...collectionMap.values()].sort((a, b) => a.name.localeCompare(b.name)),
    [collectionMap],
  );
  const derived = useMemo(() => {
    const providers = new Set<string>();
    const models = new Set<string>();
    for (const asset of assets.values()) {
      if (asset.source.type !== 'ai') continue;
      providers.add(asset.source.provider);
      models.add(asset.source.model);
    }
    return {
      // listTags reads the library's latest index, which `assets` is except while hydrating,
      // when it is the server's empty one: no assets, no tags.
      tags: assets.size === 0 ? [] : library.listTags(),
      providers: [...providers].sort(),
      models: [...models].sort(),
    };
  }, [library, assets]);
  return { collections, ...derived };
}
