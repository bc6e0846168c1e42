// The library screen's filter state as plain data, how it becomes a core `MediaQuery`, and the
// words every preset shows for it (options, sort orders, chips). No React: a preset, a test or
// a server can build and read it directly.
import type { AssetKind, AssetSourceType, Collection, MediaQuery, SortField } from '../core/index';

/** A date window relative to now, as the filters offer it. */
export type DateWindow = 'any' | 'day' | 'week' | 'month' | 'year';

/** Everything the search box, the filters and the sort menu control. */
export interface LibraryFilters {
  text: string;
  kinds: AssetKind[];
  sources: AssetSourceType[];
  providers: string[];
  models: string[];
  tags: string[];
  /** The host modules that made the assets (`MediaAsset.sourceModule`). */
  sourceModules?: string[];
  favorite: boolean;
  collectionId?: string;
  date: DateWindow;
  sort: SortField;
  direction: 'asc' | 'desc';
}

/** No filter, newest first. */
export const emptyFilters: LibraryFilters = {
  text: '',
  kinds: [],
  sources: [],
  providers: [],
  models: [],
  tags: [],
  sourceModules: [],
  favorite: false,
  date: 'any',
  sort: 'createdAt',
  direction: 'desc',
};

/** A choice with the words a preset shows for it. */
export interface FilterOption<T extends string> {
  value: T;
  label: string;
}

/** The kinds a person can filter by, in the order presets show them. */
export const kindOptions: ReadonlyArray<FilterOption<AssetKind>> = [
  { value: 'image', label: 'Images' },
  { value: 'video', label: 'Video' },
  { value: 'audio', label: 'Audio' },
  { value: 'text', label: 'Text' },
  { value: 'document', label: 'Documents' },
];

/** Where assets came from. */
export const sourceOptions: ReadonlyArray<FilterOption<AssetSourceType>> = [
  { value: 'upload', label: 'Uploaded' },
  { value: 'url', label: 'From URL' },
  { value: 'ai', label: 'AI generated' },
];

/** The date windows, "Any time" first. */
export const dateOptions: ReadonlyArray<FilterOption<DateWindow>> = [
  { value: 'any', label: 'Any time' },
  { value: 'day', label: 'Last 24 hours' },
  { value: 'week', label: 'Last 7 days' },
  { value: 'month', label: 'Last 30 days' },
  { value: 'year', label: 'Last year' },
];

/** A sort order with its words. */
export interface SortOption {
  field: SortField;
  direction: 'asc' | 'desc';
  label: string;
}

/** The sort orders a sort menu offers, the default first. */
export const sortOptions: readonly SortOption[] = [
  { field: 'createdAt', direction: 'desc', label: 'Newest first' },
  { field: 'createdAt', direction: 'asc', label: 'Oldest first' },
  { field: 'updatedAt', direction: 'desc', label: 'Recently edited' },
  { field: 'name', direction: 'asc', label: 'Name A–Z' },
  { field: 'name', direction: 'desc', label: 'Name Z–A' },
  { field: 'size', direction: 'desc', label: 'Largest first' },
  { field: 'size', direction: 'asc', label: 'Smallest first' },
  { field: 'cost', direction: 'desc', label: 'Highest AI cost' },
];

/** The sort option these filters use ("Newest first" when theirs is not offered). */
export function currentSort(filters: Pick<LibraryFilters, 'sort' | 'direction'>): SortOption {
  return (
    sortOptions.find((s) => s.field === filters.sort && s.direction === filters.direction) ??
    (sortOptions[0] as SortOption)
  );
}

const windowMs: Record<Exclude<DateWindow, 'any'>, number> = {
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
  year: 365 * 86_400_000,
};

/**
 * The core query for these filters. `now` is passed in (not read here) so a date window stays
 * put between renders; the screen rounds it to the minute.
 */
export function filtersToQuery(filters: LibraryFilters, now: number): MediaQuery {
  const query: MediaQuery = { sort: { field: filters.sort, direction: filters.direction } };
  const text = filters.text.trim();
  if (text) query.text = text;
  if (filters.kinds.length) query.kinds = filters.kinds;
  if (filters.sources.length) query.sourceTypes = filters.sources;
  if (filters.providers.length) query.providers = filters.providers;
  if (filters.models.length) query.models = filters.models;
  if (filters.tags.length) query.tags = filters.tags;
  if (filters.sourceModules?.length) query.sourceModules = filters.sourceModules;
  if (filters.favorite) query.favorite = true;
  if (filters.collectionId) query.collectionId = filters.collectionId;
  if (filters.date !== 'any') query.createdFrom = now - windowMs[filters.date];
  return query;
}

/** How many filters (not search or sort) are on, for "Clear filters (2)". */
export function activeFilterCount(filters: LibraryFilters): number {
  return (
    filters.kinds.length +
    filters.sources.length +
    filters.providers.length +
    filters.models.length +
    filters.tags.length +
    (filters.sourceModules?.length ?? 0) +
    (filters.favorite ? 1 : 0) +
    (filters.collectionId ? 1 : 0) +
    (filters.date === 'any' ? 0 : 1)
  );
}

/** One filter that is on, in words, with the filters as they would be without it. */
export interface ActiveFilter {
  /** Stable across renders, e.g. `tag:fox`; a list key. */
  key: string;
  /** What the filter keeps, in words: "Images", "Tag: fox", "Last 7 days". */
  label: string;
  /** The filters with this one off. */
  without: LibraryFilters;
}

const labelOf = <T extends string>(options: ReadonlyArray<FilterOption<T>>, value: T) =>
  options.find((o) => o.value === value)?.label ?? value;

/**
 * Every filter that is on, one entry per value, in the order the filters are shown. A
 * collection is named from `collections` (its id when unknown, e.g. deleted meanwhile).
 */
export function activeFilters(
  filters: LibraryFilters,
  collections: readonly Pick<Collection, 'id' | 'name'>[] = [],
): ActiveFilter[] {
  const list: ActiveFilter[] = [];
  const each = <K extends 'kinds' | 'sources' | 'providers' | 'models' | 'tags' | 'sourceModules'>(
    field: K,
    label: (value: string) => string,
  ) => {
    const values = (filters[field] ?? []) as string[];
    for (const value of values) {
      list.push({
        key: `${field}:${value}`,
        label: label(value),
        without: { ...filters, [field]: values.filter((v) => v !== value) },
      });
    }
  };
  each('kinds', (v) => labelOf(kindOptions, v as AssetKind));
  each('sources', (v) => labelOf(sourceOptions, v as AssetSourceType));
  if (filters.favorite)
    list.push({ key: 'favorite', label: 'Favorites', without: { ...filters, favorite: false } });
  if (filters.date !== 'any')
    list.push({
      key: 'date',
      label: labelOf(dateOptions, filters.date),
      without: { ...filters, date: 'any' },
    });
  each('tags', (v) => `Tag: ${v}`);
  if (filters.collectionId) {
    const id = filters.collectionId;
    list.push({
      key: `collection:${id}`,
      label: `Collection: ${collections.find((c) => c.id === id)?.name ?? id}`,
      without: { ...filters, collectionId: undefined },
    });
  }
  each('sourceModules', (v) => `Made by: ${v}`);
  each('providers', (v) => `AI provider: ${v}`);
  each('models', (v) => `AI model: ${v}`);
  return list;
}

/** The filters with every filter off, keeping the search text and the sort. */
export function withoutFilters(filters: LibraryFilters): LibraryFilters {
  return { ...emptyFilters, text: filters.text, sort: filters.sort, direction: filters.direction };
}
