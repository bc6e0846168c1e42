// The filter row's selects of what the library holds: tags, collection, the host module that
// made the assets, and AI provider and model, each shown only when the library has values for
// it. Loaded after the first screen (filter-chips.tsx).
import { MultiSelect, Select } from '@mantine/core';
import { comboboxProps } from './combobox-props';
import type { FilterChipsProps } from './filter-chips';

/** The selects of the library's tags, collections, makers, providers and models. */
export function FacetSelects({ filters, onFiltersChange, facets }: FilterChipsProps) {
  const set = (patch: Partial<FilterChipsProps['filters']>) =>
    onFiltersChange({ ...filters, ...patch });
  return (
    <>
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
    </>
  );
}
