// @vitest-environment happy-dom
// useAssets over a library whose queries do not finish within the render: the previous results
// stay on screen marked pending, the new ones follow, and a newer query or index supersedes an
// older one under way. Every slice here has no time (the real queries, pausing at each check).
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { queryAssets } from '../core/query';
import { createLibraryStore, type LibraryStore } from '../core/store';
import { sampleAsset } from '../core/testing/sample-asset';
import type { MediaAsset, MediaLibrary, MediaQuery } from '../core/types';
import { MediaLibraryProvider } from './media-library-provider';
import { loadSlicedQueries, useAssets } from './use-assets';

// Every sliced query the hook starts, to wait for them all and see which were stopped.
const started = vi.hoisted(() => [] as { signal?: AbortSignal; done: Promise<unknown> }[]);
vi.mock('../core/query-slices', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../core/query-slices')>();
  return {
    ...actual,
    queryAssetsInSlices: (
      ...[assets, query, options]: Parameters<typeof actual.queryAssetsInSlices>
    ) => {
      const sliced = actual.queryAssetsInSlices(assets, query, { ...options, budgetMs: 0 });
      started.push({ signal: options?.signal, done: sliced.done });
      return sliced;
    },
  };
});

/** Waits until every query started has finished or stopped, and React has shown the outcome. */
async function allSettled() {
  await act(async () => {
    await Promise.allSettled(started.map((query) => query.done));
  });
}

beforeAll(() => loadSlicedQueries());

afterEach(() => {
  cleanup();
  started.length = 0;
});

function assetsMap(count: number, rename?: { index: number; name: string }) {
  const list = Array.from({ length: count }, (_, i) =>
    sampleAsset(`a${String(i).padStart(5, '0')}`, {
      name: i === rename?.index ? rename.name : `photo-${i}.jpg`,
      createdAt: (i * 7919) % 1_000,
    }),
  );
  return new Map(list.map((asset) => [asset.id, asset]));
}

/** A library of `assets` (its store only, which is all useAssets reads). */
function libraryOf(assets: Map<string, MediaAsset>): {
  library: MediaLibrary;
  store: LibraryStore;
} {
  const store = createLibraryStore();
  store.setState({ status: 'ready', assets, revision: 1 });
  const library = {
    getState: store.getState,
    subscribe: store.subscribe,
  } as unknown as MediaLibrary;
  return { library, store };
}

/** Every result the component showed, in order. */
function Results({ query, shown }: { query: MediaQuery; shown: string[] }) {
  const { items, total, pending } = useAssets(query);
  const text = `${pending ? 'pending ' : ''}${total}: ${items.map((asset) => asset.name).join(',')}`;
  if (shown[shown.length - 1] !== text) shown.push(text);
  return <p data-testid="results">{text}</p>;
}

/** `Results` under a provider of `library`, recording into `shown`: for render and rerender. */
function resultsView(library: MediaLibrary, shown: string[]) {
  return (query: MediaQuery) => (
    <MediaLibraryProvider library={library}>
      <Results query={query} shown={shown} />
    </MediaLibraryProvider>
  );
}

const expected = (assets: Map<string, MediaAsset>, query: MediaQuery) => {
  const { items, total } = queryAssets(assets, query);
  return `${total}: ${items.map((asset) => asset.name).join(',')}`;
};

describe('useAssets with a query in slices', () => {
  it('shows pending and no results at first, then the results', async () => {
    const assets = assetsMap(3_000);
    const { library } = libraryOf(assets);
    const shown: string[] = [];
    const query = { text: 'photo-12' };
    render(resultsView(library, shown)(query));
    expect(screen.getByTestId('results').textContent).toBe('pending 0: ');
    await waitFor(() =>
      expect(screen.getByTestId('results').textContent).toBe(expected(assets, query)),
    );
    expect(shown).toEqual(['pending 0: ', expected(assets, query)]);
  });

  it('keeps the previous results while the next query runs, and skips a superseded one', async () => {
    const assets = assetsMap(3_000);
    const { library } = libraryOf(assets);
    const shown: string[] = [];
    const view = resultsView(library, shown);
    const first = { text: 'photo-1' };
    const { rerender } = render(view(first));
    await waitFor(() =>
      expect(screen.getByTestId('results').textContent).toBe(expected(assets, first)),
    );
    // Two queries in a row: the first, which has a new order to sort and so more slices to
    // run, is stopped before it finishes and never shows, not even after the second.
    const superseded = { text: 'photo-2', sort: { field: 'name', direction: 'asc' } } as const;
    const last = { text: 'photo-29' };
    rerender(view(superseded));
    rerender(view(last));
    await waitFor(() =>
      expect(screen.getByTestId('results').textContent).toBe(expected(assets, last)),
    );
    expect(shown).toEqual([
      'pending 0: ',
      expected(assets, first),
      `pending ${expected(assets, first)}`,
      expected(assets, last),
    ]);
    await allSettled();
    expect(started.map((query) => query.signal?.aborted)).toEqual([false, true, false]);
    expect(shown.at(-1)).toBe(expected(assets, last));
  });

  it('runs again over each new index, stopping a query over an older one', async () => {
    const assets = assetsMap(3_000);
    const { library, store } = libraryOf(assets);
    const shown: string[] = [];
    const query = { text: 'zebra' };
    render(resultsView(library, shown)(query));
    expect(screen.getByTestId('results').textContent).toBe('pending 0: ');
    // A new index while the query runs: that query stops, and one over the new index follows.
    act(() => store.setState({ assets: assetsMap(3_000, { index: 7, name: 'zebra.jpg' }) }));
    await waitFor(() => expect(screen.getByTestId('results').textContent).toBe('1: zebra.jpg'));
    // A new index after the query finished: the results shown are of the old one until then.
    act(() => store.setState({ assets: assetsMap(3_000, { index: 8, name: 'zebra-2.jpg' }) }));
    await waitFor(() => expect(screen.getByTestId('results').textContent).toBe('1: zebra-2.jpg'));
    await allSettled();
    expect(started.map((query) => query.signal?.aborted)).toEqual([true, false, false]);
    expect(shown).toEqual([
      'pending 0: ',
      '1: zebra.jpg',
      'pending 1: zebra.jpg',
      '1: zebra-2.jpg',
    ]);
  });
});
