// A live query over the library: one page of matching assets that re-renders only when that
// page (or the total, or the load status) actually changes.
import { startTransition, useCallback, useRef, useState } from 'react';
import { queryAssets } from '../core/query';
import type { MediaAsset, MediaLibraryState, MediaQuery, QueryResult } from '../core/types';
import { useLibraryState } from './use-library-state';

/** What {@link useAssets} returns: the page, the total before paging, and the load status. */
export interface UseAssetsResult extends QueryResult {
  /**
   * The library's status: results may be incomplete while 'loading' or 'partial'. A server
   * render, and the browser's hydrating render after it, always see 'loading' and no items.
   */
  status: MediaLibraryState['status'];
  /**
   * True while the query's results are being computed in slices (a search over a large
   * library): `items` and `total` are meanwhile those of the query before, or empty at first.
   */
  pending: boolean;
}

function sameItems(a: readonly MediaAsset[], b: readonly MediaAsset[]): boolean {
  if (a.length !== b.length) return false;
  // Records are replaced on change, so identity means "same id and unchanged".
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameResult(a: UseAssetsResult, b: UseAssetsResult): boolean {
  return (
    a.status === b.status &&
    a.pending === b.pending &&
    a.total === b.total &&
    sameItems(a.items, b.items)
  );
}

type Assets = MediaLibraryState['assets'];

// Queries in slices load with the first useAssets, apart from the entry. Until they are there
// (long before anyone types a search), a query runs at once, as `queryAssets` does.
let slices: typeof import('../core/query-slices') | undefined;
let loadingSlices: Promise<void> | undefined;

/** Loads the sliced queries `useAssets` runs once they are there. Internal (and for tests). */
export function loadSlicedQueries(): Promise<void> {
  loadingSlices ??= import('../core/query-slices').then(
    (module) => {
      slices = module;
    },
    () => undefined,
  );
  return loadingSlices;
}

/**
 * Runs `query` over the library's loaded index and keeps it up to date.
 *
 * The query is compared by value (serialised), so an inline object literal is fine. The
 * component re-renders only when the page's records, the total, the status or `pending`
 * change: an edit to an asset outside the page does not re-render it.
 *
 * A query runs a few milliseconds at a time ({@link queryAssetsInSlices}). Most finish within
 * the render; one that does not (a search over 100,000 assets, or a sort in a new order) goes
 * on after it without holding the main thread, and `pending` is true until its results show.
 *
 * @example
 * const { items, total, status, pending } = useAssets({ text, kinds: ['image'], limit: 60 });
 */
export function useAssets(query?: MediaQuery): UseAssetsResult {
  const key = JSON.stringify(query ?? {});
  // The query object for this key; a new object with the same content keeps the old one.
  const stable = useRef({ key, query });
  if (stable.current.key !== key) stable.current = { key, query };
  // The last finished result, and for which index and query: other state changes (a
  // collection renamed, the revision bumped by sync) reuse it.
  const memo = useRef<{ assets: Assets; key: string; result: QueryResult } | null>(null);
  // The query under way in slices, if any; a newer index or query stops it.
  const running = useRef<{ assets: Assets; key: string; stop: AbortController } | null>(null);
  // Bumped when a sliced query finishes, so the selector reads its result.
  const [finished, setFinished] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `finished` is the trigger: a new selector makes useLibraryState select again and find the finished result.
  const selector = useCallback(
    (state: MediaLibraryState): UseAssetsResult => {
      // `trashed: true` lists the Trash, which has a map of its own.
      const assets = stable.current.query?.trashed ? state.trash : state.assets;
      const current = (entry: { assets: Assets; key: string } | null) =>
        entry?.assets === assets && entry.key === key;
      if (!current(memo.current) && !current(running.current)) {
        running.current?.stop.abort();
        running.current = null;
        const query = stable.current.query;
        const stop = new AbortController();
        const sliced = slices?.queryAssetsInSlices(assets, query, { signal: stop.signal });
        if (!sliced) {
          void loadSlicedQueries();
          memo.current = { assets, key, result: queryAssets(assets, query) };
        } else if (sliced.result) {
          memo.current = { assets, key, result: sliced.result };
        } else {
          const started = { assets, key, stop };
          running.current = started;
          sliced.done.then(
            (result) => {
              if (running.current !== started) return; // a newer query took its place
              running.current = null;
              memo.current = { assets, key, result };
              startTransition(() => setFinished((count) => count + 1));
            },
            () => undefined, // stopped for a newer query
          );
        }
      }
      // Until this query's results are in, the last ones stay (none at first).
      const shown = memo.current;
      return {
        items: shown?.result.items ?? [],
        total: shown?.result.total ?? 0,
        status: state.status,
        pending: !current(shown),
      };
    },
    [key, finished],
  );
  return useLibraryState(selector, sameResult, 'useAssets');
}
