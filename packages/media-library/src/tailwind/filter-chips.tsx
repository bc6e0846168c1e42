// The filters that are on, as chips each with its own remove, and one "Clear filters".
import type { FilterChip } from '../react/index';
import { chip, focusRing, linkButton } from './classes';

/** Props of {@link FilterChips}. */
export interface FilterChipsProps {
  /** From `useLibraryFilters().chips`. */
  chips: readonly FilterChip[];
  /** Takes every filter off (`useLibraryFilters().clearFilters`). */
  onClear(): void;
}

/** One chip per filter that is on; nothing when none is. */
export function FilterChips({ chips, onClear }: FilterChipsProps) {
  if (chips.length === 0) return null;
  return (
    <ul aria-label="Active filters" className="flex flex-wrap items-center gap-1.5">
      {chips.map((filter) => (
        <li key={filter.key} className={chip}>
          {filter.label}
          <button
            {...filter.getRemoveProps()}
            className={`-mr-1 rounded-full px-1 leading-4 hover:bg-zinc-200 dark:hover:bg-zinc-700 ${focusRing}`}
          >
            <span aria-hidden>×</span>
          </button>
        </li>
      ))}
      {chips.length > 1 && (
        <li>
          <button type="button" className={linkButton} onClick={onClear}>
            Clear filters
          </button>
        </li>
      )}
    </ul>
  );
}
