// Live lists the filters and side panels need (collections, tags, AI providers and models),
// read through the library's public subscribe/getState. Recomputed only when the index or
// the collections map is replaced.
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { Collection } from '../core/index';
import { useMediaLibrary } from '../react/index';

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
  const assets = useSyncExternalStore(subscribe, () => library.getState().assets);
  const collectionMap = useSyncExternalStore(subscribe, () => library.getState().collections);

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
    // `assets` is the dependency: listTags reads the same index.
    void assets;
    return {
      tags: library.listTags(),
      providers: [...providers].sort(),
      models: [...models].sort(),
    };
  }, [library, assets]);
  return { collections, ...derived };
}
