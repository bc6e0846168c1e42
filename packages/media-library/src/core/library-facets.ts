// The values a library's filters offer (AI providers and models, host modules), derived from the
// loaded index once per version of its map and cached, and followed through an edit's records,
// like the statistics.
import type { MediaAsset } from './types';
import { addCount, type Tally, versionCache } from './version-cache';

type AssetMap = ReadonlyMap<string, MediaAsset>;

/** The provenance values found among a library's assets, each list sorted. */
export interface AssetFacets {
  providers: string[];
  models: string[];
  sourceModules: string[];
}

interface FacetCounts {
  providers: Map<string, number>;
  models: Map<string, number>;
  modules: Map<string, number>;
}

function countFacets(counts: FacetCounts, asset: MediaAsset, by: 1 | -1): void {
  if (asset.sourceModule !== undefined) addCount(counts.modules, asset.sourceModule, by);
  if (asset.source.type !== 'ai') return;
  addCount(counts.providers, asset.source.provider, by);
  addCount(counts.models, asset.source.model, by);
}

const facets = versionCache<FacetCounts, AssetFacets>({
  create: () => ({ providers: new Map(), models: new Map(), modules: new Map() }),
  add: (counts, asset) => countFacets(counts, asset, 1),
  remove: (counts, asset) => countFacets(counts, asset, -1),
  value: (counts) => ({
    providers: [...counts.providers.keys()].sort(),
    models: [...counts.models.keys()].sort(),
    sourceModules: [...counts.modules.keys()].sort(),
  }),
});

/** The facets of `assets`, fed one by one with `add`, cached for `assets` when finished. */
export function facetsTally(assets: AssetMap): Tally<AssetFacets> {
  return facets.tally(assets);
}

/** The AI providers and models and the host modules of `assets`, as fresh sorted lists. */
export function computeFacets(assets: AssetMap): AssetFacets {
  const found = facets.get(assets);
  // Copies: a caller may sort or trim its lists without changing another's.
  return {
    providers: [...found.providers],
    models: [...found.models],
    sourceModules: [...found.sourceModules],
  };
}
