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
      <FacetSelect
        label="Made by"
        w={160}
        data={facets.sourceModules}
        value={filters.sourceModules ?? []}
        onChange={(sourceModules) => set({ sourceModules })}
      />
      <FacetSelect
        label="AI provider"
        w={160}
        data={facets.providers}
        value={filters.providers}
        onChange={(providers) => set({ providers })}
      />
      <FacetSelect
        label="AI model"
        w={180}
        data={facets.models}
        value={filters.models}
        onChange={(models) => set({ models })}
      />
    </>
  );
}

/** A multi-select of one facet's plain values, named by `label`; nothing when it has none. */
function FacetSelect(props: {
  label: string;
  w: number;
  data: string[];
  value: string[];
  onChange(value: string[]): void;
}) {
  if (props.data.length === 0) return null;
  return (
    <MultiSelect
      comboboxProps={comboboxProps}
      aria-label={props.label}
      placeholder={props.value.length ? undefined : props.label}
      size="xs"
      w={props.w}
      data={props.data}
      value={props.value}
      onChange={props.onChange}
    />
  );
}
