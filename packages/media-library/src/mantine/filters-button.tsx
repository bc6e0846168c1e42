// The filters of a narrow screen: one "Filters" button, saying how many are on, that opens the
// chips and selects in a sheet from the bottom, as photo apps do on phones, rather than
// letting them take half the screen's height above the grid.
import { Button, Drawer } from '@mantine/core';
import { useState } from 'react';
import { activeFilterCount, type LibraryFilters } from '../react/library-filters';
import type { LibraryFacets } from '../react/use-library-facets';
import { FilterChips } from './filter-chips';

/** Props of {@link FiltersButton}. */
export interface FiltersButtonProps {
  filters: LibraryFilters;
  onFiltersChange(next: LibraryFilters): void;
  facets: LibraryFacets;
  /** How many assets the filters let through, for the sheet's "Show 12 assets" button. */
  total: number;
  /**
   * Whether the sheet is open, for a parent that hides the rest of its screen from assistive
   * technology meanwhile. Without it, the button keeps that state to itself.
   */
  opened?: boolean;
  /** Called as the sheet opens or closes. */
  onOpenedChange?(opened: boolean): void;
}

/**
 * "Filters", or "Filters (2)" with two on, opening a modal sheet of {@link FilterChips}. Each
 * change applies at once; the sheet's closing button says how many assets are left. Mantine
 * keeps the focus in the sheet, closes it on Escape and hands the focus back to the button.
 */
export function FiltersButton({
  filters,
  onFiltersChange,
  facets,
  total,
  opened: openedProp,
  onOpenedChange,
}: FiltersButtonProps) {
  const [own, setOwn] = useState(false);
  const opened = openedProp ?? own;
  const setOpened = (next: boolean) => {
    setOwn(next);
    onOpenedChange?.(next);
  };
  const active = activeFilterCount(filters);
  return (
    <>
      <Button
        variant={active > 0 ? 'light' : 'default'}
        aria-haspopup="dialog"
        onClick={() => setOpened(true)}
      >
        {active > 0 ? `Filters (${active})` : 'Filters'}
      </Button>
      <Drawer
        opened={opened}
        onClose={() => setOpened(false)}
        position="bottom"
        size="auto"
        title="Filters"
        closeButtonProps={{ 'aria-label': 'Close filters' }}
      >
        <FilterChips filters={filters} onFiltersChange={onFiltersChange} facets={facets} />
        <Button fullWidth mt="md" onClick={() => setOpened(false)}>
          Show {total.toLocaleString()} asset{total === 1 ? '' : 's'}
        </Button>
      </Drawer>
    </>
  );
}
