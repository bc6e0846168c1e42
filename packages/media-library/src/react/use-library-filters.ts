// The library screen's search, filters, sort and grid/list view as one headless hook: the state,
// the library's facets to choose from, the active filters as removable chips in words, and the
// query to hand to useAssets. Sort and view are remembered per library.
import { type ChangeEvent, useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { AssetKind, AssetSourceType, MediaQuery } from '../core/index';
import {
  activeFilterCount,
  activeFilters,
  currentSort,
  type DateWindow,
  dateOptions,
  emptyFilters,
  type FilterOption,
  filtersToQuery,
  kindOptions,
  type LibraryFilters,
  type SortOption,
  sortOptions,
  sourceOptions,
  withoutFilters,
} from './library-filters';
import { type LibraryFacets, useLibraryFacets } from './use-library-facets';
import { useSavedLibraryView } from './use-saved-library-view';

/** Grid of tiles or list of rows. */
export type LibraryLayout = 'grid' | 'list';

/** Options of {@link useLibraryFilters}. */
export interface UseLibraryFiltersOptions {
  /** Starting filters, e.g. from a deep link. */
  initialFilters?: Partial<LibraryFilters>;
  /** Starting view. Default 'grid'. */
  initialLayout?: LibraryLayout;
  /**
   * Remember the sort and the view in this browser, per library, and bring them back on the
   * next visit (after hydration, so a server render agrees). Default true.
   */
  persist?: boolean;
}

/** An active filter as a chip: its words and a way to take it off. */
export interface FilterChip {
  key: string;
  /** "Images", "Tag: fox", "Last 7 days". */
  label: string;
  remove(): void;
  /** Props for the chip's remove button: a name that says what it removes, and the click. */
  getRemoveProps(): { type: 'button'; 'aria-label': string; onClick(): void };
}

/** The fixed choices of the filters and the sort menu, in the order presets show them. */
export interface LibraryFilterOptions {
  kinds: ReadonlyArray<FilterOption<AssetKind>>;
  sources: ReadonlyArray<FilterOption<AssetSourceType>>;
  dates: ReadonlyArray<FilterOption<DateWindow>>;
  sorts: readonly SortOption[];
}

const filterOptions: LibraryFilterOptions = {
  kinds: kindOptions,
  sources: sourceOptions,
  dates: dateOptions,
  sorts: sortOptions,
};

/** What {@link useLibraryFilters} returns. */
export interface UseLibraryFiltersResult {
  filters: LibraryFilters;
  /** Replaces the filters, or maps the current ones to new ones. */
  setFilters(next: LibraryFilters | ((current: LibraryFilters) => LibraryFilters)): void;
  /** Changes some fields, e.g. `update({ tags: ['fox'] })`. */
  update(patch: Partial<LibraryFilters>): void;
  layout: LibraryLayout;
  setLayout(layout: LibraryLayout): void;
  /** The choices every preset offers, with their words. */
  options: LibraryFilterOptions;
  /** The sort in use, with its words. */
  sort: SortOption;
  setSort(sort: Pick<SortOption, 'field' | 'direction'>): void;
  /** What the library has to filter by. */
  facets: LibraryFacets;
  /**
   * The filters as a query for `useAssets`; stable while they do not change. It follows a
   * change of the filters in a render after the one that shows it (React's `useDeferredValue`),
   * which React may interrupt, so typing stays quick however large the library.
   */
  query: MediaQuery;
  /** How many filters are on (not counting the search text or the sort). */
  activeCount: number;
  /** Whether the query's search or filters narrow the view ("3 assets match"). */
  filtered: boolean;
  /** One chip per filter that is on, in the order the filters are shown. */
  chips: FilterChip[];
  /** Takes every filter off, keeping the search text and the sort. */
  clearFilters(): void;
  /** Takes every filter and the search text off, keeping the sort. */
  clearAll(): void;
  /**
   * Props for a search input: labelled, controlled, typed `search`. Over a large library, pass
   * them through `useSearchText` in a component of its own, so a key renders the box alone.
   */
  getSearchProps(): {
    type: 'search';
    'aria-label': string;
    value: string;
    onChange(event: ChangeEvent<HTMLInputElement>): void;
  };
}

/**
 * Search, filters, sort and view of a library screen, with no markup. Hand `query` to
 * `useAssets`; render `facets` as the choices and `chips` as what is on.
 *
 * @example
 * const view = useLibraryFilters();
 * const { items } = useAssets(view.query);
 * <input {...view.getSearchProps()} />
 * {view.chips.map((chip) => (
 *   <button key={chip.key} {...chip.getRemoveProps()}>{chip.label} ×</button>
 * ))}
 * {view.activeCount > 0 && <button onClick={view.clearFilters}>Clear filters</button>}
 */
export function useLibraryFilters(options: UseLibraryFiltersOptions = {}): UseLibraryFiltersResult {
  const { initialFilters, initialLayout = 'grid', persist = true } = options;
  const [filters, setFilters] = useState<LibraryFilters>(() => ({
    ...emptyFilters,
    ...initialFilters,
  }));
  const [layout, setLayout] = useState<LibraryLayout>(initialLayout);
  useSavedLibraryView(
    { sort: filters.sort, direction: filters.direction, layout },
    (saved) => {
      setFilters((current) => ({ ...current, sort: saved.sort, direction: saved.direction }));
      setLayout(saved.layout);
    },
    persist,
  );
  const facets = useLibraryFacets();
  const update = useCallback(
    (patch: Partial<LibraryFilters>) => setFilters((current) => ({ ...current, ...patch })),
    [],
  );
  // The search box shows each key at once; the query (and the grid over it) follows in a
  // render React may interrupt, so typing over 100,000 assets never waits for a whole render.
  const deferred = useDeferredValue(filters);
  // A date window counts from the minute it was chosen, so the query stays stable meanwhile.
  const now = useMemo(
    () => (deferred.date === 'any' ? 0 : Math.floor(Date.now() / 60_000) * 60_000),
    [deferred.date],
  );
  const query = useMemo(() => filtersToQuery(deferred, now), [deferred, now]);
  const activeCount = activeFilterCount(filters);
  const chips = useMemo(
    () =>
      activeFilters(filters, facets.collections).map(({ key, label, without }) => {
        const remove = () => setFilters(without);
        return {
          key,
          label,
          remove,
          getRemoveProps: () => ({
            type: 'button' as const,
            'aria-label': `Remove filter ${label}`,
            onClick: remove,
          }),
        };
      }),
    [filters, facets.collections],
  );

  return {
    filters,
    setFilters,
    update,
    layout,
    setLayout,
    options: filterOptions,
    sort: currentSort(filters),
    setSort: ({ field, direction }) => update({ sort: field, direction }),
    facets,
    query,
    activeCount,
    // Of the query's filters, so words such as "3 assets match" agree with the results shown.
    filtered: activeFilterCount(deferred) > 0 || deferred.text.trim() !== '',
    chips,
    clearFilters: () => setFilters(withoutFilters),
    clearAll: () => setFilters((current) => ({ ...withoutFilters(current), text: '' })),
    getSearchProps: () => ({
      type: 'search',
      'aria-label': 'Search',
      value: filters.text,
      onChange: (event) => update({ text: event.currentTarget.value }),
    }),
  };
}
