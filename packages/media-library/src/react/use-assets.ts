// A live query over the library: one page of matching assets that re-renders only when that
// page (or the total, or the load status) actually changes.
import { useCallback, useRef } from 'react';
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
}

function sameItems(a: readonly MediaAsset[], b: readonly MediaAsset[]): boolean {
  if (a.length !== b.length) return false;
  // Records are replaced on change, so identity means "same id and unchanged".
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameResult(a: UseAssetsResult, b: UseAssetsResult): boolean {
  return a.status === b.status && a.total === b.total && sameItems(a.items, b.items);
}

/**
 * Runs `query` over the library's loaded index and keeps it up to date.
 *
 * The query is compared by value (serialised), so an inline object literal is fine. The
 * component re-renders only when the page's records, the total or the status change: an edit
 * to an asset outside the page does not re-render it.
 *
 * @example
 * const { items, total, status } = useAssets({ text, kinds: ['image'], limit: 60 });
 */
export function useAssets(query?: MediaQuery): UseAssetsResult {
  const key = JSON.stringify(query ?? {});
  // The query object for this key; a new object with the same content keeps the old one.
  const stable = useRef({ key, query });
  if (stable.current.key !== key) stable.current = { key, query };
  // Running the query only when the index or the query changed: other state changes (a
  // collection renamed, the revision bumped by sync) reuse the last result.
  const memo = useRef<{ assets: MediaLibraryState['assets']; key: string; result: QueryResult }>(
    null,
  );

  const selector = useCallback(
    (state: MediaLibraryState): UseAssetsResult => {
      let result = memo.current?.result;
      // `trashed: true` lists the Trash, which has a map of its own.
      const assets = stable.current.query?.trashed ? state.trash : state.assets;
      if (!result || memo.current?.assets !== assets || memo.current.key !== key) {
        result = queryAssets(assets, stable.current.query);
        memo.current = { assets, key, result };
      }
      return { items: result.items, total: result.total, status: state.status };
    },
    [key],
  );
  return useLibraryState(selector, sameResult, 'useAssets');
}
