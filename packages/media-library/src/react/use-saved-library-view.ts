// The sort order and layout a person last chose in a library, kept in localStorage under the
// library's name so each library remembers its own. Read after hydration, never during render,
// so a server render and the first client render agree.
import { useEffect, useRef } from 'react';
import type { SortField } from '../core/index';
import { useMediaLibrary } from './use-media-library';

/** What {@link useSavedLibraryView} keeps: the sort order and the grid or list layout. */
export interface LibraryView {
  sort: SortField;
  direction: 'asc' | 'desc';
  layout: 'grid' | 'list';
}

const sortFields: readonly string[] = [
  'createdAt',
  'updatedAt',
  'name',
  'size',
  'cost',
] satisfies SortField[];

/** The localStorage key of a library's saved view. */
export function libraryViewKey(libraryName: string): string {
  return `medialoft:${libraryName}:view`;
}

/**
 * Saves `view` for the current library whenever it changes, and once mounted hands the view
 * saved by an earlier visit to `restore`; with `enabled` false it neither reads nor saves. Storage that is missing, full or blocked (private
 * modes) only means the view is not remembered; a saved value that does not parse is ignored.
 *
 * @example
 * useSavedLibraryView({ sort, direction, layout }, (saved) => {
 *   setSort(saved.sort, saved.direction);
 *   setLayout(saved.layout);
 * });
 */
export function useSavedLibraryView(
  view: LibraryView,
  restore: (saved: LibraryView) => void,
  enabled = true,
) {
  const key = libraryViewKey(useMediaLibrary().name);
  const restoredFor = useRef<string | undefined>(undefined);
  const latestRestore = useRef(restore);
  latestRestore.current = restore;
  const { sort, direction, layout } = view;

  useEffect(() => {
    if (!enabled) return;
    // The first run for a library reads (its own view is not a choice yet); later runs save.
    if (restoredFor.current !== key) {
      restoredFor.current = key;
      const saved = readView(key);
      if (saved) latestRestore.current(saved);
      return;
    }
    try {
      localStorage.setItem(key, JSON.stringify({ sort, direction, layout }));
    } catch {
      // Not remembered this time; the library works the same.
    }
  }, [enabled, key, sort, direction, layout]);
}

function readView(key: string): LibraryView | undefined {
  let raw: string | null;
  try {
    raw = localStorage.getItem(key);
  } catch {
    return undefined;
  }
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<Record<keyof LibraryView, unknown>>;
    const { sort, direction, layout } = value;
    if (typeof sort !== 'string' || !sortFields.includes(sort)) return undefined;
    if (direction !== 'asc' && direction !== 'desc') return undefined;
    if (layout !== 'grid' && layout !== 'list') return undefined;
    return { sort: sort as SortField, direction, layout };
  } catch {
    return undefined;
  }
}
