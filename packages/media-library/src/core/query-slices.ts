// A query over a large library run a few milliseconds at a time, so that a search typed over
// 100,000 assets never holds the main thread for a whole scan (or a sort in a new order).
import { comparatorFor, createQueryScan, pageOf, sortKeyOf } from './query';
import { cachedOrder, primeSortedAssets } from './query-index';
import { assetSearchText, searchTerms } from './search-text';
import {
  createSlicer,
  runSteps,
  type Slicer,
  type Steps,
  sortSteps,
  yieldToMain,
} from './time-slice';
import type { MediaAsset, MediaQuery, QueryResult } from './types';

/** How {@link queryAssetsInSlices} runs. */
export interface SlicedQueryOptions {
  /** Milliseconds of work before giving the main thread back. Default 4. */
  budgetMs?: number;
  /** Gives the main thread back; default `scheduler.yield()` where present, else a 0 ms timer. */
  yieldToMain?: () => Promise<void>;
  /** Stops the query between two slices; `done` then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** A query under way in slices: see {@link queryAssetsInSlices}. */
export interface SlicedQuery {
  /** The result, when the query finished within its first slice (inside the call). */
  readonly result: QueryResult | undefined;
  /** Settles with the result once every asset is checked. */
  readonly done: Promise<QueryResult>;
}

/**
 * Runs `query` as {@link queryAssets} does, with the same result, in slices of at most
 * `budgetMs` of work: the first within the call, the others after giving the main thread back
 * (so input and painting go on meanwhile). A query that finishes within its first slice, as
 * most do, has its `result` at once.
 *
 * @example
 * const sliced = queryAssetsInSlices(state.assets, { text: 'fox' }, { signal });
 * const { items, total } = sliced.result ?? (await sliced.done);
 */
export function queryAssetsInSlices(
  assets: Iterable<MediaAsset> | ReadonlyMap<string, MediaAsset>,
  query: MediaQuery = {},
  options: SlicedQueryOptions = {},
): SlicedQuery {
  const { signal, budgetMs = 4 } = options;
  const giveBack = options.yieldToMain ?? yieldToMain;
  // No cap on steps: the sort counts its steps for the clock, the scan reads the clock itself.
  const slicer = createSlicer({
    budgetMs,
    sliceSize: Number.POSITIVE_INFINITY,
    // Every pause, of the sort or of the scan, is where an aborted query stops.
    yieldToMain: async () => {
      await giveBack();
      signal?.throwIfAborted();
    },
  });
  function* steps(): Steps<QueryResult> {
    yield* sortForScan(assets, query, slicer);
    const scan = createQueryScan(assets, query);
    while (!scan.advance(slicer.due)) yield;
    return scan.result();
  }
  const run = runSteps(steps(), slicer);
  let result = run.now?.value;
  const done = run.done.then((value) => {
    result = value;
    return value;
  });
  return {
    get result() {
      return result;
    },
    done,
  };
}

/**
 * The steps that sort what a scan of `query` over `assets` would otherwise sort at once: a
 * library's map in the query's order, with the search texts for a search. None when nothing
 * needs sorting (a list, a small page, a host data filter).
 */
function* sortForScan(
  assets: Iterable<MediaAsset> | ReadonlyMap<string, MediaAsset>,
  query: MediaQuery,
  slicer: Slicer,
): Steps<void> {
  const maybeMap = assets as Partial<ReadonlyMap<string, MediaAsset>>;
  if (typeof maybeMap.get !== 'function' || typeof maybeMap.values !== 'function') return;
  if (pageOf(query).select || query.sourceModules?.length || query.meta) return;
  const search = searchTerms(query.text).length > 0;
  yield* sortOrderSteps(assets as ReadonlyMap<string, MediaAsset>, query.sort, search, slicer);
}

/**
 * The steps that sort `assets` in `sort`'s order (with their search texts, given `withTexts`)
 * and cache it as a query's own sort would, yielding whenever `slicer` says so; none when that
 * is cached already. The library's load warms its newest-first order with them too.
 */
export function* sortOrderSteps(
  assets: ReadonlyMap<string, MediaAsset>,
  sort: MediaQuery['sort'],
  withTexts: boolean,
  slicer: Slicer,
): Steps<void> {
  const sortKey = sortKeyOf(sort);
  const cached = cachedOrder(assets, sortKey);
  if (cached && (cached.texts || !withTexts)) return;
  const sorted =
    cached?.sorted ?? (yield* sortSteps([...assets.values()], comparatorFor(sort), slicer));
  let texts = cached?.texts;
  if (withTexts && !texts) {
    texts = new Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) {
      texts[i] = assetSearchText(sorted[i] as MediaAsset);
      if (slicer.tick()) yield;
    }
  }
  // A query made meanwhile may have cached the same order at once; either one serves.
  const now = cachedOrder(assets, sortKey);
  if (!now || (texts && !now.texts)) primeSortedAssets(assets, sortKey, sorted, texts);
}
