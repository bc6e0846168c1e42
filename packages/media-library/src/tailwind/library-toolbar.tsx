// Search, the filters behind one button, the sort, the grid/list switch and the count, over
// useLibraryFilters; the chips of what is on below them.
import { useId } from 'react';
import type { UseLibraryFiltersResult } from '../react/index';
import { useSearchText } from '../react/use-search-text';
import { focusRing, inlineInput, input, muted, secondaryButton } from './classes';
import { FilterChips } from './filter-chips';
import { FiltersPanel } from './filters-panel';

/** Props of {@link LibraryToolbar}. */
export interface LibraryToolbarProps {
  /**
   * The screen's `useLibraryFilters()`. A key typed in the search shows in the box at once and
   * reaches `view` inside React's `startTransition`, so the render it causes can be interrupted.
   */
  view: UseLibraryFiltersResult;
  /** How many assets show, for "12 assets" / "3 assets match". */
  total: number;
}

/**
 * The search box, a component of its own: a key renders it alone, and the screen follows in a
 * transition (useSearchText), so typing over a large library never waits for the screen.
 */
function SearchInput({ view }: Pick<LibraryToolbarProps, 'view'>) {
  return (
    <input
      {...useSearchText(view.getSearchProps())}
      placeholder="Search names, tags, prompts"
      className={`${input} h-9 min-w-0 basis-full sm:max-w-xs sm:basis-auto`}
    />
  );
}

/** The row above the grid; wraps on a phone so the search keeps a row of its own. */
export function LibraryToolbar({ view, total }: LibraryToolbarProps) {
  const panelId = useId();
  const sortIndex = view.options.sorts.indexOf(view.sort);
  const count = `${total.toLocaleString()} asset${total === 1 ? '' : 's'}${view.filtered ? ' match' : ''}`;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <SearchInput view={view} />
        <details className="group relative">
          <summary className={`${secondaryButton} h-9 cursor-pointer list-none`}>
            {view.activeCount > 0 ? `Filters (${view.activeCount})` : 'Filters'}
          </summary>
          <div
            id={panelId}
            className="absolute left-0 z-20 mt-1 max-h-[70vh] w-[min(22rem,90vw)] overflow-y-auto rounded-lg border border-zinc-200 bg-white p-3 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
          >
            <FiltersPanel view={view} />
          </div>
        </details>
        <label className="flex items-center gap-1.5 text-sm">
          <span className={muted}>Sort</span>
          <select
            className={`${inlineInput} h-9`}
            value={Math.max(0, sortIndex)}
            onChange={(event) => {
              const picked = view.options.sorts[Number(event.currentTarget.value)];
              if (picked) view.setSort(picked);
            }}
          >
            {view.options.sorts.map((option, index) => (
              <option key={option.label} value={index}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="flex overflow-hidden rounded-md border border-zinc-300 text-sm dark:border-zinc-600">
          <legend className="sr-only">View</legend>
          {(['grid', 'list'] as const).map((layout) => (
            <label
              key={layout}
              className={`flex h-[34px] cursor-pointer items-center px-3 has-checked:bg-zinc-900 has-checked:text-white has-focus-visible:ring-2 has-focus-visible:ring-indigo-600 dark:has-checked:bg-zinc-100 dark:has-checked:text-zinc-900 ${focusRing}`}
            >
              <input
                type="radio"
                name={`${panelId}-layout`}
                value={layout}
                checked={view.layout === layout}
                onChange={() => view.setLayout(layout)}
                className="sr-only"
              />
              {layout === 'grid' ? 'Grid' : 'List'}
            </label>
          ))}
        </fieldset>
        <span className={`ml-auto text-sm ${muted}`} aria-live="polite">
          {count}
        </span>
      </div>
      <FilterChips chips={view.chips} onClear={view.clearFilters} />
    </div>
  );
}
