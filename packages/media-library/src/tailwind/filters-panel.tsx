// The filters to choose from: kinds, sources, favourites, date, tags, collection and the host's
// modules, as plain checkboxes and selects over useLibraryFilters' state and facets.
import type { DateWindow, LibraryFilters, UseLibraryFiltersResult } from '../react/index';
import { input, label, muted } from './classes';

/** Props of {@link FiltersPanel}. */
export interface FiltersPanelProps {
  /** The screen's `useLibraryFilters()`. */
  view: UseLibraryFiltersResult;
  className?: string;
}

type ListField = 'kinds' | 'sources' | 'tags' | 'sourceModules';

/** Every filter, grouped; each change applies at once. */
export function FiltersPanel({ view, className = '' }: FiltersPanelProps) {
  const { filters, facets, update, options } = view;
  const toggle = <K extends ListField>(field: K, value: string) => {
    const current = (filters[field] ?? []) as string[];
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    update({ [field]: next } as Partial<LibraryFilters>);
  };
  const tags = facets.tags.slice(0, 24);
  return (
    <div className={`flex flex-col gap-4 text-sm ${className}`}>
      <Checks
        legend="Kind"
        options={options.kinds}
        checked={filters.kinds}
        onToggle={(v) => toggle('kinds', v)}
      />
      <Checks
        legend="Source"
        options={options.sources}
        checked={filters.sources}
        onToggle={(v) => toggle('sources', v)}
      />
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={filters.favorite}
          onChange={() => update({ favorite: !filters.favorite })}
          className="size-4 accent-indigo-700 dark:accent-indigo-400"
        />
        Favorites only
      </label>
      <label className="flex flex-col gap-1">
        <span className={label}>Added</span>
        <select
          className={input}
          value={filters.date}
          onChange={(event) => update({ date: event.currentTarget.value as DateWindow })}
        >
          {options.dates.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      {facets.collections.length > 0 && (
        <label className="flex flex-col gap-1">
          <span className={label}>Collection</span>
          <select
            className={input}
            value={filters.collectionId ?? ''}
            onChange={(event) => update({ collectionId: event.currentTarget.value || undefined })}
          >
            <option value="">All assets</option>
            {facets.collections.map((collection) => (
              <option key={collection.id} value={collection.id}>
                {collection.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {tags.length > 0 && (
        <Checks
          legend="Tags"
          options={tags.map(({ tag, count }) => ({ value: tag, label: `${tag} (${count})` }))}
          checked={filters.tags}
          onToggle={(v) => toggle('tags', v)}
        />
      )}
      {facets.sourceModules.length > 0 && (
        <Checks
          legend="Made by"
          options={facets.sourceModules.map((value) => ({ value, label: value }))}
          checked={filters.sourceModules ?? []}
          onToggle={(v) => toggle('sourceModules', v)}
        />
      )}
    </div>
  );
}

/** A group of checkboxes under its legend, laid out as wrapping pills. */
function Checks({
  legend,
  options,
  checked,
  onToggle,
}: {
  legend: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  checked: readonly string[];
  onToggle(value: string): void;
}) {
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className={`mb-1 text-xs font-semibold uppercase tracking-wide ${muted}`}>
        {legend}
      </legend>
      <div className="flex flex-wrap gap-1.5">
        {options.map((option) => (
          <label
            key={option.value}
            className="inline-flex min-h-8 cursor-pointer items-center gap-1.5 rounded-full border border-zinc-300 px-2.5 has-checked:border-indigo-600 has-checked:bg-indigo-50 has-focus-visible:ring-2 has-focus-visible:ring-indigo-600 dark:border-zinc-600 dark:has-checked:border-indigo-400 dark:has-checked:bg-indigo-950"
          >
            <input
              type="checkbox"
              checked={checked.includes(option.value)}
              onChange={() => onToggle(option.value)}
              className="size-3.5 accent-indigo-700 dark:accent-indigo-400"
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
