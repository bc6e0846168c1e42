// One asset record, live: re-renders only when that record is replaced (edited or deleted).
import { useCallback } from 'react';
import type { MediaAsset, MediaLibraryState } from '../core/types';
import { useLibraryState } from './use-library-state';

/**
 * Returns the asset with `id`, or `undefined` when there is none (not loaded yet, deleted,
 * or no id given). Changes to other assets never re-render the component.
 *
 * @example
 * const asset = useAsset(id);
 * return asset ? <h2>{asset.title ?? asset.name}</h2> : null;
 */
export function useAsset(id: string | undefined): MediaAsset | undefined {
  const selector = useCallback(
    (state: MediaLibraryState) => (id === undefined ? undefined : state.assets.get(id)),
    [id],
  );
  return useLibraryState(selector, Object.is, 'useAsset');
}
