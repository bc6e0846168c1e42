// @vitest-environment happy-dom
// useLibraryFilters over a real library: the query it hands to useAssets narrows the assets,
// facets list what the library holds (host modules too), chips say in words what is on and
// take it off one by one, and the sort and view come back on the next mount.
import 'fake-indexeddb/auto';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import type { ChangeEvent, ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createMediaLibrary } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import { pngFile } from '../core/testing/library-harness';
import type { MediaLibrary } from '../core/types';
import { activeFilters, emptyFilters, filtersToQuery } from './library-filters';
import { MediaLibraryProvider } from './media-library-provider';
import { useAssets } from './use-assets';
import { useLibraryFilters } from './use-library-filters';

const libraries: MediaLibrary[] = [];
afterEach(() => {
  cleanup();
  for (const library of libraries.splice(0)) library.close();
  localStorage.clear();
});

async function seeded(name = `filters-${Math.random()}`) {
  const library = createMediaLibrary({
    name,
    indexedDB: new IDBFactory(),
    blobStore: createMemoryBlobStore(),
    broadcast: false,
  });
  libraries.push(library);
  await library.ready;
  await library.importFiles([
    { blob: pngFile(1, 'red-fox.png'), name: 'red-fox.png', sourceModule: 'story-writer' },
    { blob: pngFile(2, 'blue-whale.png'), name: 'blue-whale.png', sourceModule: 'blog-writer' },
    pngFile(3, 'red-panda.png'),
  ]);
  const fox = library.query({ text: 'fox' }).items[0];
  if (!fox) throw new Error('The fox was not imported');
  await library.addTags([fox.id], ['wild']);
  return library;
}

/** The hook and the assets its query selects, over `library`. */
function renderFilters(library: MediaLibrary, options?: Parameters<typeof useLibraryFilters>[0]) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MediaLibraryProvider library={library}>{children}</MediaLibraryProvider>
  );
  return renderHook(
    () => {
      const view = useLibraryFilters(options);
      const { items } = useAssets(view.query);
      return { view, names: items.map((a) => a.name) };
    },
    { wrapper },
  );
}

describe('useLibraryFilters', () => {
  it('narrows the assets by search and filters, and counts what is on', async () => {
    const library = await seeded();
    const { result } = renderFilters(library);
    await waitFor(() => expect(result.current.names).toHaveLength(3));
    expect(result.current.view.filtered).toBe(false);

    act(() => {
      result.current.view.getSearchProps().onChange({ currentTarget: { value: 'red' } } as never);
    });
    await waitFor(() =>
      expect(result.current.names.sort()).toEqual(['red-fox.png', 'red-panda.png']),
    );
    expect(result.current.view.filtered).toBe(true);
    expect(result.current.view.activeCount).toBe(0);
    expect(result.current.view.getSearchProps().value).toBe('red');

    act(() => result.current.view.update({ tags: ['wild'] }));
    await waitFor(() => expect(result.current.names).toEqual(['red-fox.png']));
    expect(result.current.view.activeCount).toBe(1);

    // Clearing the filters keeps the search; clearing all takes it too.
    act(() => result.current.view.clearFilters());
    await waitFor(() => expect(result.current.names).toHaveLength(2));
    act(() => result.current.view.clearAll());
    await waitFor(() => expect(result.current.names).toHaveLength(3));
    expect(result.current.view.filtered).toBe(false);
  });

  it('offers the host modules in the library and filters by them', async () => {
    const library = await seeded();
    const { result } = renderFilters(library);
    await waitFor(() =>
      expect(result.current.view.facets.sourceModules).toEqual(['blog-writer', 'story-writer']),
    );
    expect(result.current.view.facets.tags).toEqual([{ tag: 'wild', count: 1 }]);

    act(() => result.current.view.update({ sourceModules: ['story-writer'] }));
    await waitFor(() => expect(result.current.names).toEqual(['red-fox.png']));
    expect(result.current.view.query.sourceModules).toEqual(['story-writer']);
    expect(result.current.view.chips.map((c) => c.label)).toEqual(['Made by: story-writer']);
  });

  it('shows each active filter as a chip in words and removes one at a time', async () => {
    const library = await seeded();
    const holiday = await library.createCollection('Holiday');
    const { result } = renderFilters(library, {
      initialFilters: {
        kinds: ['image'],
        favorite: true,
        date: 'week',
        tags: ['wild'],
        collectionId: holiday.id,
      },
    });
    await waitFor(() => expect(result.current.view.facets.collections).toHaveLength(1));
    expect(result.current.view.chips.map((c) => c.label)).toEqual([
      'Images',
      'Favorites',
      'Last 7 days',
      'Tag: wild',
      'Collection: Holiday',
    ]);
    expect(result.current.view.activeCount).toBe(5);
    const favorites = result.current.view.chips[1];
    expect(favorites?.getRemoveProps()['aria-label']).toBe('Remove filter Favorites');
    act(() => favorites?.getRemoveProps().onClick());
    expect(result.current.view.filters.favorite).toBe(false);
    expect(result.current.view.chips.map((c) => c.key)).toEqual([
      'kinds:image',
      'date',
      'tags:wild',
      `collection:${holiday.id}`,
    ]);
    act(() => result.current.view.chips[0]?.remove());
    expect(result.current.view.filters.kinds).toEqual([]);
    expect(result.current.view.activeCount).toBe(3);
  });

  it('sorts, and brings back the sort and the view chosen in this library', async () => {
    const library = await seeded();
    const first = renderFilters(library);
    await waitFor(() => expect(first.result.current.names).toHaveLength(3));
    expect(first.result.current.view.sort.label).toBe('Newest first');
    expect(first.result.current.view.options.sorts[0]?.label).toBe('Newest first');
    expect(first.result.current.view.options.kinds.map((k) => k.label)).toContain('Images');
    act(() => first.result.current.view.setSort({ field: 'name', direction: 'asc' }));
    act(() => first.result.current.view.setLayout('list'));
    await waitFor(() =>
      expect(first.result.current.names).toEqual([
        'blue-whale.png',
        'red-fox.png',
        'red-panda.png',
      ]),
    );
    expect(first.result.current.view.sort.label).toBe('Name A–Z');
    first.unmount();

    const again = renderFilters(library);
    await waitFor(() => expect(again.result.current.view.layout).toBe('list'));
    expect(again.result.current.view.sort.label).toBe('Name A–Z');
    again.unmount();

    // Without persistence nothing is read back.
    const plain = renderFilters(library, { persist: false });
    await waitFor(() => expect(plain.result.current.names).toHaveLength(3));
    expect(plain.result.current.view.layout).toBe('grid');
    expect(plain.result.current.view.sort.label).toBe('Newest first');
  });
});

describe('typing a search', () => {
  it('shows the key in the box at once and runs the query in a render after it', async () => {
    const library = await seeded();
    const renders: Array<{ typed: string; query: string | undefined; filtered: boolean }> = [];
    const wrapper = ({ children }: { children: ReactNode }) => (
      <MediaLibraryProvider library={library}>{children}</MediaLibraryProvider>
    );
    const { result } = renderHook(
      () => {
        const view = useLibraryFilters({ persist: false });
        const { items } = useAssets(view.query);
        renders.push({ typed: view.filters.text, query: view.query.text, filtered: view.filtered });
        return { view, names: items.map((a) => a.name) };
      },
      { wrapper },
    );
    await waitFor(() => expect(result.current.names).toHaveLength(3));
    renders.length = 0;
    act(() => {
      const event = { currentTarget: { value: 'fox' } } as ChangeEvent<HTMLInputElement>;
      result.current.view.getSearchProps().onChange(event);
    });
    await waitFor(() => expect(result.current.names).toEqual(['red-fox.png']));
    // First the box alone (the query and its words as they were), then the query.
    expect(renders[0]).toEqual({ typed: 'fox', query: undefined, filtered: false });
    expect(renders.at(-1)).toEqual({ typed: 'fox', query: 'fox', filtered: true });
  });
});

describe('filtersToQuery and activeFilters', () => {
  it('builds a query only of what is on, and a date window from the given time', () => {
    expect(filtersToQuery(emptyFilters, 0)).toEqual({
      sort: { field: 'createdAt', direction: 'desc' },
    });
    const query = filtersToQuery(
      { ...emptyFilters, text: '  fox ', sources: ['ai'], sourceModules: ['blog'], date: 'day' },
      100_000_000,
    );
    expect(query).toMatchObject({
      text: 'fox',
      sourceTypes: ['ai'],
      sourceModules: ['blog'],
      createdFrom: 100_000_000 - 86_400_000,
    });
  });

  it('names an unknown collection by its id and lists AI provenance last', () => {
    const chips = activeFilters({
      ...emptyFilters,
      collectionId: 'c1',
      models: ['flux'],
      sources: ['url'],
    });
    expect(chips.map((c) => c.label)).toEqual(['From URL', 'Collection: c1', 'AI model: flux']);
    expect(chips[2]?.without.models).toEqual([]);
  });
});
