// The filter row: kind, source, favorites and date as chips; tags, AI provider/model and
// collection as compact multi-selects that appear only when the library has values for them.
import { Button, Chip, Group, MultiSelect, Select } from '@mantine/core';
import type { AssetKind, AssetSourceType } from '../core/index';
import {
  activeFilterCount,
  type DateWindow,
  emptyFilters,
  type LibraryFilters,
} from './library-filters';
import type { LibraryFacets } from './use-library-facets';

/** Props of {@link FilterChips}. */
export interface FilterChipsProps {
  filters: LibraryFilters;
  onFiltersChange(next: LibraryFilters): void;
  facets: LibraryFacets;
}

const kinds: Array<{ value: AssetKind; label: string }> = [
  { value: 'image', label: 'Images' },
  { value: 'video', label: 'Video' },
  { value: 'audio', label: 'Audio' },
  { value: 'text', label: 'Text' },
  { value: 'document', label: 'Documents' },
];
const sources: Array<{ value: AssetSourceType; label: string }> = [
  { value: 'upload', label: 'Uploaded' },
  { value: 'url', label: 'From URL' },
  { value: 'ai', label: 'AI generated' },
];
const dates: Array<{ value: DateWindow; label: string }> = [
  { value: 'any', label: 'Any time' },
  { value: 'day', label: 'Last 24 hours' },
  { value: 'week', label: 'Last 7 days' },
  { value: 'month', label: 'Last 30 days' },
  { value: 'year', label: 'Last year' },
];

/** Filter chips and selects; every control is labelled for screen readers and tests. */
export function FilterChips({ filters, onFiltersChange, facets }: FilterChipsProps) {
  const set = (patch: Partial<LibraryFilters>) => onFiltersChange({ ...filters, ...patch });
  const active = activeFilterCount(filters);
  return (
    <Group gap="xs" wrap="wrap" role="group" aria-label="Filters">
      <Chip.Group multiple value={filters.kinds} onChange={(v) => set({ kinds: v as AssetKind[] })}>
        {kinds.map((kind) => (
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
        {sources.map((source) => (
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
      <Select
        aria-label="Date"
        size="xs"
        w={140}
        data={dates}
        value={filters.date}
        allowDeselect={false}
        onChange={(value) => set({ date: (value ?? 'any') as DateWindow })}
      />
      {facets.tags.length > 0 && (
        <MultiSelect
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
      {facets.providers.length > 0 && (
        <MultiSelect
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
          onClick={() =>
            onFiltersChange({
              ...emptyFilters,
              text: filters.text,
              sort: filters.sort,
              direction: filters.direction,
            })
          }
        >
          Clear filters ({active})
        </Button>
      )}
    </Group>
  );
}
