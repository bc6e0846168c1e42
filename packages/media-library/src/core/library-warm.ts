// What views derive from a freshly loaded index (the newest-first order, search texts, counts,
// tags, facets, collection sizes), computed in short slices before the index is published, so
// the render that shows 100,000 assets finds it all cached instead of computing it at once.
import { facetsTally } from './library-facets';
import { collectionCountsTally, statisticsTally, tagsTally } from './library-statistics';
import { sortOrderSteps } from './query-slices';
import { assetSearchText } from './search-text';
import { createSlicer, runSteps, type SliceOptions } from './time-slice';
import type { MediaAsset } from './types';

type AssetMap = ReadonlyMap<string, MediaAsset>;

/**
 * Fills the caches kept per version of `assets` (and the search text kept per record) in
 * slices of at most `options.budgetMs`. The caches hold exactly what the same calls made cold
 * would compute; `assets` and `trash` must not change afterwards (the store never changes a
 * map it published: every change is a new map).
 */
export async function warmLibraryIndex(
  assets: AssetMap,
  trash: AssetMap,
  options?: SliceOptions,
): Promise<void> {
  const slicer = createSlicer(options);
  const tallies = [
    statisticsTally({ assets, trash }),
    tagsTally(assets),
    facetsTally(assets),
    collectionCountsTally(assets),
  ];
  for (const asset of assets.values()) {
    assetSearchText(asset);
    for (const tally of tallies) tally.add(asset);
    if (slicer.tick()) await slicer.pause();
  }
  // The Trash is searched too, when a view lists it.
  for (const asset of trash.values()) {
    assetSearchText(asset);
    if (slicer.tick()) await slicer.pause();
  }
  for (const tally of tallies) tally.finish();
  // Views open newest first: the order every query without a page of its own scans in, with
  // their search texts, so a search reads an array (see query-index.ts).
  await runSteps(sortOrderSteps(assets, undefined, true, slicer), slicer).done;
}
