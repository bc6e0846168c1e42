// Search box, sort menu and grid/list switch above the assets; on a narrow screen the search
// has a row of its own, so it keeps room for a whole query.
import { Button, Chip, Group, Menu, Stack, TextInput } from '@mantine/core';
import { type ChangeEvent, type ReactNode, useId } from 'react';
import { currentSort, type LibraryFilters, sortOptions } from '../react/library-filters';
import { useSearchText } from '../react/use-search-text';

/** Props of {@link LibraryToolbar}. */
export interface LibraryToolbarProps {
  filters: LibraryFilters;
  /**
   * Called with the new filters. For a key typed in the search it is called inside React's
   * `startTransition`, so the render it causes can be interrupted; the box shows the key at once.
   */
  onFiltersChange(next: LibraryFilters): void;
  layout: 'grid' | 'list';
  onLayoutChange(layout: 'grid' | 'list'): void;
  /**
   * Lay out for a phone: the search on its own row, then `filtersButton`, the sort menu (named
   * by its current order but showing only "Sort") and the switch. Default false: one row.
   */
  narrow?: boolean;
  /** Shown before the sort menu, e.g. a FiltersButton where the chips would not fit. */
  filtersButton?: ReactNode;
}

/**
 * The search box, a component of its own: a key renders it alone, and the screen follows in a
 * transition (useSearchText), so typing over a large library never waits for the screen.
 */
function SearchInput({
  filters,
  onFiltersChange,
}: Pick<LibraryToolbarProps, 'filters' | 'onFiltersChange'>) {
  const search = useSearchText({
    value: filters.text,
    onChange: (event: ChangeEvent<HTMLInputElement>) =>
      onFiltersChange({ ...filters, text: event.currentTarget.value }),
  });
  return (
    <TextInput
      aria-label="Search"
      placeholder="Search names, titles, prompts, tags"
      type="search"
      value={search.value}
      onChange={search.onChange}
      style={{ flex: 1 }}
    />
  );
}

/**
 * Grid or list: two radio chips, the chosen one filled and checked. Not a SegmentedControl: its
 * moving indicator measures itself as it mounts, which made the browser lay out the newly
 * mounted toolbar inside the commit that added it, one of the longest tasks of a large
 * library's opening (`pnpm bench scale`).
 */
function LayoutSwitch({
  layout,
  onLayoutChange,
}: Pick<LibraryToolbarProps, 'layout' | 'onLayoutChange'>) {
  // One group of radios per screen: two screens on a page must not share a name.
  const name = useId();
  return (
    <Chip.Group value={layout} onChange={(value) => onLayoutChange(value as 'grid' | 'list')}>
      <Group gap={4} wrap="nowrap" role="radiogroup" aria-label="View">
        <Chip value="grid" name={name}>
          Grid
        </Chip>
        <Chip value="list" name={name}>
          List
        </Chip>
      </Group>
    </Chip.Group>
  );
}

/** The search, sort and layout controls of the library screen. */
export function LibraryToolbar({
  filters,
  onFiltersChange,
  layout,
  onLayoutChange,
  narrow = false,
  filtersButton,
}: LibraryToolbarProps) {
  const current = currentSort(filters);
  const search = <SearchInput filters={filters} onFiltersChange={onFiltersChange} />;
  const controls = (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" aria-label={`Sort: ${current.label}`}>
            {narrow ? 'Sort' : `Sort: ${current.label}`}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {sortOptions.map((sort) => (
            <Menu.Item
              key={`${sort.field}-${sort.direction}`}
              onClick={() =>
                onFiltersChange({ ...filters, sort: sort.field, direction: sort.direction })
              }
              aria-current={sort === current || undefined}
              fw={sort === current ? 700 : undefined}
            >
              {sort.label}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <LayoutSwitch layout={layout} onLayoutChange={onLayoutChange} />
    </>
  );
  if (!narrow) {
    return (
      <Group gap="sm" wrap="nowrap">
        {search}
        {filtersButton}
        {controls}
      </Group>
    );
  }
  return (
    <Stack gap="xs">
      {search}
      <Group gap="xs" wrap="nowrap" justify="space-between">
        {filtersButton}
        <Group gap="xs" wrap="nowrap">
          {controls}
        </Group>
      </Group>
    </Stack>
  );
}
