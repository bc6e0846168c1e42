// Search box, sort menu and grid/list switch above the assets.
import { Button, Group, Menu, SegmentedControl, TextInput } from '@mantine/core';
import type { SortField } from '../core/index';
import type { LibraryFilters } from './library-filters';

/** Props of {@link LibraryToolbar}. */
export interface LibraryToolbarProps {
  filters: LibraryFilters;
  onFiltersChange(next: LibraryFilters): void;
  layout: 'grid' | 'list';
  onLayoutChange(layout: 'grid' | 'list'): void;
}

const sorts: Array<{ field: SortField; direction: 'asc' | 'desc'; label: string }> = [
  { field: 'createdAt', direction: 'desc', label: 'Newest first' },
  { field: 'createdAt', direction: 'asc', label: 'Oldest first' },
  { field: 'updatedAt', direction: 'desc', label: 'Recently edited' },
  { field: 'name', direction: 'asc', label: 'Name A–Z' },
  { field: 'name', direction: 'desc', label: 'Name Z–A' },
  { field: 'size', direction: 'desc', label: 'Largest first' },
  { field: 'size', direction: 'asc', label: 'Smallest first' },
  { field: 'cost', direction: 'desc', label: 'Highest AI cost' },
];

/** The search, sort and layout controls of the library screen. */
export function LibraryToolbar({
  filters,
  onFiltersChange,
  layout,
  onLayoutChange,
}: LibraryToolbarProps) {
  const current =
    sorts.find((s) => s.field === filters.sort && s.direction === filters.direction) ?? sorts[0];
  return (
    <Group gap="sm" wrap="nowrap">
      <TextInput
        aria-label="Search"
        placeholder="Search names, titles, prompts, tags"
        type="search"
        value={filters.text}
        onChange={(event) => onFiltersChange({ ...filters, text: event.currentTarget.value })}
        style={{ flex: 1 }}
      />
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" aria-label={`Sort: ${current?.label}`}>
            Sort: {current?.label}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {sorts.map((sort) => (
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
      <SegmentedControl
        aria-label="View"
        value={layout}
        onChange={(value) => onLayoutChange(value as 'grid' | 'list')}
        data={[
          { value: 'grid', label: 'Grid' },
          { value: 'list', label: 'List' },
        ]}
      />
    </Group>
  );
}
