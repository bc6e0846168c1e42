// @vitest-environment happy-dom
// Both presets' screens while their query is still running in slices (a search over a large
// library): the results area says it is busy and claims neither "no match" nor an empty
// library; the matches show once the query ends. Here the query waits at its first pause
// until the test lets it go on.
import { MantineProvider } from '@mantine/core';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { ReactElement } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMediaLibrary } from './core/library';
import { createMemoryBlobStore } from './core/storage/memory-blob-store';
import type { MediaLibrary } from './core/types';
import { MediaLibraryScreen as MantineScreen } from './mantine/media-library-screen';
import { MediaLibraryProvider } from './react/media-library-provider';
import { loadSlicedQueries } from './react/use-assets';
import { MediaLibraryScreen as TailwindScreen } from './tailwind/media-library-screen';

// Every pause of a sliced query waits for `gate`, and every slice has no time.
const control = vi.hoisted(() => ({ gate: Promise.resolve(), open: () => {} }));
vi.mock('./core/query-slices', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./core/query-slices')>();
  return {
    ...actual,
    queryAssetsInSlices: (
      ...[assets, query, options]: Parameters<typeof actual.queryAssetsInSlices>
    ) =>
      actual.queryAssetsInSlices(assets, query, {
        ...options,
        budgetMs: 0,
        yieldToMain: () => control.gate,
      }),
  };
});

let library: MediaLibrary | undefined;
beforeAll(() => loadSlicedQueries());
afterEach(() => {
  cleanup();
  library?.close();
  control.open();
});

/** A library of 150 notes: enough that sorting them for a search pauses. */
async function notes(): Promise<MediaLibrary> {
  library = createMediaLibrary({
    name: `pending-${Math.random()}`,
    indexedDB: new IDBFactory(),
    blobStore: createMemoryBlobStore(),
    broadcast: false,
    thumbnails: false,
  });
  await library.ready;
  const files = Array.from(
    { length: 150 },
    (_, i) => new File([`note ${i}`], `note-${i}.txt`, { type: 'text/plain' }),
  );
  await library.importFiles(files);
  return library;
}

const presets: [string, (text: string) => ReactElement][] = [
  [
    'Mantine',
    (text) => (
      <MantineProvider>
        <MantineScreen height={800} initialFilters={{ text }} />
      </MantineProvider>
    ),
  ],
  ['Tailwind', (text) => <TailwindScreen initialFilters={{ text }} />],
];

describe.each(presets)('the %s screen while its query runs', (_name, screenWith) => {
  it('is busy, with no "no match" and no empty library, until the matches show', async () => {
    const opened = await notes();
    control.gate = new Promise((resolve) => {
      control.open = () => resolve();
    });
    render(<MediaLibraryProvider library={opened}>{screenWith('note-1')}</MediaLibraryProvider>);
    const busy = await waitFor(() => {
      const area = document.querySelector('[aria-busy="true"]');
      expect(area).not.toBeNull();
      return area as HTMLElement;
    });
    expect(screen.queryByText(/no assets match/i)).toBeNull();
    expect(screen.queryByText(/library is empty/i)).toBeNull();
    expect(screen.queryByRole('grid', { name: 'Assets' })).toBeNull();

    act(() => control.open());
    // note-1, note-10 to note-19 and note-100 to note-149.
    await waitFor(() => expect(screen.getByText(/61 assets match/)).toBeTruthy());
    expect(busy.getAttribute('aria-busy')).toBe('false');
    expect(screen.getByRole('grid', { name: 'Assets' })).toBeTruthy();
  });
});
