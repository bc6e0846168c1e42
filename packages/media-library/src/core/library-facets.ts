// The values a library's filters offer (AI providers and models, host modules), derived from the
// loaded index once per version of its map and cached, like the statistics.
import type { Tally } from './library-statistics';
import type { MediaAsset } from './types';

type AssetMap = ReadonlyMap<string, MediaAsset>;

/** The provenance values found among a library's assets, each list sorted. */
export interface AssetFacets {
  providers: string[];
  models: string[];
  sourceModules: string[];
}

const cache = new WeakMap<AssetMap, AssetFacets>();

/** The facets of `assets`, fed one by one with `add`, cached for `assets` when finished. */
export function facetsTally(assets: AssetMap): Tally<AssetFacets> {
  const providers = new Set<string>();
  const models = new Set<string>();
  const modules = new Set<string>();
  return {
    add(asset) {
      if (asset.sourceModule !== undefined) modules.add(asset.sourceModule);
      if (asset.source.type !== 'ai') return;
      providers.add(asset.source.provider);
      models.add(asset.source.model);
    },
    finish() {
      const facets = {
        providers: [...providers].sort(),
        models: [...models].sort(),
        sourceModules: [...modules].sort(),
      };
      cache.set(assets, facets);
      return facets;
    },
  };
}

/** The AI providers and models and the host modules of `assets`, as fresh sorted lists. */
export function computeFacets(assets: AssetMap): AssetFacets {
  let facets = cache.get(assets);
  if (!facets) {
    const tally = facetsTally(assets);
    for (const asset of assets.values()) tally.add(asset);
    facets = tally.finish();
  }
  // Copies: a caller may sort or trim its lists without changing another's.
  return {
    providers: [...facets.providers],
    models: [...facets.models],
    sourceModules: [...facets.sourceModules],
  };
}
