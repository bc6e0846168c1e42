// The filter row: kind, source, favorites and date as chips; tags, collection, the host module
// that made the assets and AI provider/model as compact selects that appear only when the
// library has values for them.
import { Button, Chip, Group, NativeSelect } from '@mantine/core';
import { lazy, Suspense } from 'react';
import type { AssetKind, AssetSourceType } from '../core/index';
import {
  activeFilterCount,
  type DateWindow,
  dateOptions,
  kindOptions,
  type LibraryFilters,
  sourceOptions,
  withoutFilters,
} from '../react/library-filters';
import type { LibraryFacets } from '../react/use-library-facets';

/** Props of {@link FilterChips}. */
export interface FilterChipsProps {
  filters: LibraryFilters;
  onFiltersChange(next: LibraryFilters): void;
  facets: LibraryFacets;
}

const FacetSelects = lazy(() =>
  import('./facet-selects').then((module) => ({ default: module.FacetSelects })),
);

/** Filter chips and selects; every control is labelled for screen readers and tests. */
export function FilterChips({ filters, onFiltersChange, facets }: FilterChipsProps) {
  const set = (patch: Partial<LibraryFilters>) => onFiltersChange({ ...filters, ...patch });
  const active = activeFilterCount(filters);
  return (
    <Group gap="xs" wrap="wrap" role="group" aria-label="Filters">
      <Chip.Group multiple value={filters.kinds} onChange={(v) => set({ kinds: v as AssetKind[] })}>
        {kindOptions.map((kind) => (
          <Chip key={kind.value} value={kind.value} size="xs" variant="outline">
            {kind.label}
          </Chip>
        ))}
      </Chip.Group>
      <Chip.Group
        multiple
        value={filters.sources}
        onChange={(v) => set({ sources: v as AssetSourceType[] })}
      >
        {sourceOptions.map((source) => (
          <Chip key={source.value} value={source.value} size="xs" variant="outline">
            {source.label}
          </Chip>
        ))}
      </Chip.Group>
      <Chip
        size="xs"
        variant="outline"
        checked={filters.favorite}
        onChange={(favorite) => set({ favorite })}
      >
        Favorites
      </Chip>
      {/* The browser's own select: five fixed choices need no search, and a Mantine Select's
          popover and its effects made mounting this row a long task opening 100,000 assets. */}
      <NativeSelect
        aria-label="Date"
        size="xs"
        w={140}
        data={dateOptions}
        value={filters.date}
        onChange={(event) => set({ date: event.currentTarget.value as DateWindow })}
      />
      {/* The selects of what the library holds (tags, collections, makers, providers and
          models) load after the first screen: its first tiles show without their code. None
          on the server (no facets there), which cannot wait for code to load. */}
      {Object.values(facets).some((values) => values.length > 0) && (
        <Suspense fallback={null}>
          <FacetSelects filters={filters} onFiltersChange={onFiltersChange} facets={facets} />
        </Suspense>
      )}
      {active > 0 && (
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => onFiltersChange(withoutFilters(filters))}
        >
          Clear filters ({active})
        </Button>
      )}
    </Group>
  );
}
