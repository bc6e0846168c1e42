// The screen's filter state (search, chips, sort) and how it becomes a core `MediaQuery`.
// Plain data so the screen can hold it in one useState and tests can build it directly.
import type { AssetKind, AssetSourceType, MediaQuery, SortField } from '../core/index';

/** A date window relative to now, as the filter chips offer it. */
export type DateWindow = 'any' | 'day' | 'week' | 'month' | 'year';

/** Everything the search box, filter chips and sort menu control. */
export interface LibraryFilters {
  text: string;
  kinds: AssetKind[];
  sources: AssetSourceType[];
  providers: string[];
  models: string[];
  tags: string[];
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
  favorite: false,
  date: 'any',
  sort: 'createdAt',
  direction: 'desc',
};

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
  if (filters.favorite) query.favorite = true;
  if (filters.collectionId) query.collectionId = filters.collectionId;
  if (filters.date !== 'any') query.createdFrom = now - windowMs[filters.date];
  return query;
}

/** How many filters (not search or sort) are on, for the "Clear filters" button. */
export function activeFilterCount(filters: LibraryFilters): number {
  return (
    filters.kinds.length +
    filters.sources.length +
    filters.providers.length +
    filters.models.length +
    filters.tags.length +
    (filters.favorite ? 1 : 0) +
    (filters.collectionId ? 1 : 0) +
    (filters.date === 'any' ? 0 : 1)
  );
}
