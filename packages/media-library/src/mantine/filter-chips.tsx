// The filter row: kind, source, favorites and date as chips; tags, collection, the host module
// that made the assets and AI provider/model as compact selects that appear only when the
// library has values for them.
import { Button, Chip, Group, MultiSelect, NativeSelect, Select } from '@mantine/core';
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
import { comboboxProps } from './combobox-props';

/** Props of {@link FilterChips}. */
export interface FilterChipsProps {
  filters: LibraryFilters;
  onFiltersChange(next: LibraryFilters): void;
  facets: LibraryFacets;
}

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
      {facets.tags.length > 0 && (
        <MultiSelect
          comboboxProps={comboboxProps}
          aria-label="Tags"
          placeholder={filters.tags.length ? undefined : 'Tags'}
          size="xs"
          w={180}
          searchable
          data={facets.tags.map((t) => ({ value: t.tag, label: `${t.tag} (${t.count})` }))}
          value={filters.tags}
          onChange={(tags) => set({ tags })}
        />
      )}
      {facets.collections.length > 0 && (
        <Select
          comboboxProps={comboboxProps}
          aria-label="Collection"
          placeholder="Collection"
          size="xs"
          w={160}
          clearable
          data={facets.collections.map((c) => ({ value: c.id, label: c.name }))}
          value={filters.collectionId ?? null}
          onChange={(value) => set({ collectionId: value ?? undefined })}
        />
      )}
      {facets.sourceModules.length > 0 && (
        <MultiSelect
          comboboxProps={comboboxProps}
          aria-label="Made by"
          placeholder={filters.sourceModules?.length ? undefined : 'Made by'}
          size="xs"
          w={160}
          data={facets.sourceModules}
          value={filters.sourceModules ?? []}
          onChange={(sourceModules) => set({ sourceModules })}
        />
      )}
      {facets.providers.length > 0 && (
        <MultiSelect
          comboboxProps={comboboxProps}
          aria-label="AI provider"
          placeholder={filters.providers.length ? undefined : 'AI provider'}
          size="xs"
          w={160}
          data={facets.providers}
          value={filters.providers}
          onChange={(providers) => set({ providers })}
        />
      )}
      {facets.models.length > 0 && (
        <MultiSelect
          comboboxProps={comboboxProps}
          aria-label="AI model"
          placeholder={filters.models.length ? undefined : 'AI model'}
          size="xs"
          w={180}
          data={facets.models}
          value={filters.models}
          onChange={(models) => set({ models })}
        />
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
