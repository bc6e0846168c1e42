// @vitest-environment happy-dom
// The filter row's date choice: the browser's own select, showing the current window and
// reporting the one a person picks (with the other filters kept), and a way back to any time.
import { cleanup, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, expect, it } from 'vitest';
import { emptyFilters, type LibraryFilters } from '../react/library-filters';
import { FilterChips } from './filter-chips';
import { closeLibraries, renderPreset } from './test-utils';

afterEach(() => {
  cleanup();
  closeLibraries();
});

const facets = { collections: [], tags: [], providers: [], models: [], sourceModules: [] };

/** The row over its own filters, starting with favorites on; reports every change to `seen`. */
function Row({ seen }: { seen: LibraryFilters[] }) {
  const [filters, setFilters] = useState<LibraryFilters>({ ...emptyFilters, favorite: true });
  return (
    <FilterChips
      filters={filters}
      facets={facets}
      onFiltersChange={(next) => {
        seen.push(next);
        setFilters(next);
      }}
    />
  );
}

it('picks a date window from a native select and keeps the other filters', async () => {
  const seen: LibraryFilters[] = [];
  const { user } = renderPreset(<Row seen={seen} />);
  const date = screen.getByRole('combobox', { name: 'Date' }) as HTMLSelectElement;
  expect(date.tagName).toBe('SELECT');
  expect(date.value).toBe('any');
  expect([...date.options].map((option) => option.textContent)).toEqual([
    'Any time',
    'Last 24 hours',
    'Last 7 days',
    'Last 30 days',
    'Last year',
  ]);

  await user.selectOptions(date, 'Last 7 days');
  expect(seen.at(-1)).toMatchObject({ date: 'week', favorite: true });
  expect(date.value).toBe('week');
  // The filter counts: a way to clear it appears.
  await user.click(screen.getByRole('button', { name: /Clear filters/ }));
  expect(seen.at(-1)).toMatchObject({ date: 'any', favorite: false });
  expect(date.value).toBe('any');
});
