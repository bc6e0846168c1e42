// @vitest-environment happy-dom
// useAssets and useAsset over a real library (fake-indexeddb, memory blob store): live results
// and re-renders only when the query's page (or the record) actually changes.
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { Profiler, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createMediaLibrary } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import type { MediaLibrary, MediaQuery } from '../core/types';
import { MediaLibraryProvider } from './media-library-provider';
import { useAsset } from './use-asset';
import { useAssets } from './use-assets';

let libraries: MediaLibrary[] = [];
afterEach(() => {
  cleanup();
  for (const library of libraries) library.close();
  libraries = [];
});

async function libraryWith(names: string[]) {
  const library = createMediaLibrary({
    name: `use-assets-${Math.random()}`,
    indexedDB: new IDBFactory(),
    blobStore: createMemoryBlobStore(),
    broadcast: false,
    thumbnails: false,
  });
  libraries.push(library);
  await library.ready;
  const results = await library.importFiles(
    names.map((name) => new File([`contents of ${name}`], name, { type: 'text/plain' })),
  );
  const ids = results.map((r) => (r.status === 'failed' ? '' : r.asset.id));
  return { library, ids };
}

/** Renders `children` and counts the commits of the subtree. */
function renderCounted(library: MediaLibrary, children: ReactNode) {
  const commits = { count: 0 };
  render(
    <MediaLibraryProvider library={library}>
      <Profiler id="counted" onRender={() => commits.count++}>
        {children}
      </Profiler>
    </MediaLibraryProvider>,
  );
  return commits;
}

function Names({ query }: { query?: MediaQuery }) {
  const { items, total, status } = useAssets(query);
  return (
    <p data-testid="names" data-status={status}>
      {items.map((a) => a.title ?? a.name).join(',')} ({total})
    </p>
  );
}

function Counting({ query, onRender }: { query: MediaQuery; onRender: () => void }) {
  onRender();
  useAssets(query);
  return null;
}

function Title({ id }: { id: string }) {
  const asset = useAsset(id);
  return <p data-testid="title">{asset ? (asset.title ?? asset.name) : 'none'}</p>;
}

describe('useAssets', () => {
  it('lists the query result and follows changes', async () => {
    const { library, ids } = await libraryWith(['cat.txt', 'dog.txt', 'catalog.txt']);
    renderCounted(library, <Names query={{ text: 'cat', sort: { field: 'name' } }} />);
    expect(screen.getByTestId('names').textContent).toBe('cat.txt,catalog.txt (2)');
    expect(screen.getByTestId('names').dataset.status).toBe('ready');
    await act(() => library.update(ids[1] as string, { title: 'Cats and dogs' }));
    expect(screen.getByTestId('names').textContent).toBe('cat.txt,catalog.txt,Cats and dogs (3)');
  });

  it('does not re-render for a change outside the result, does for one inside', async () => {
    const { library, ids } = await libraryWith(['one.txt', 'two.txt', 'three.txt']);
    const commits = renderCounted(library, <Names query={{ text: 'one' }} />);
    const before = commits.count;

    await act(() => library.update(ids[1] as string, { title: 'still not a match' }));
    await act(() => library.addTags(ids[2] as string, ['x']));
    expect(commits.count).toBe(before);

    await act(() => library.update(ids[0] as string, { title: 'One, renamed' }));
    expect(commits.count).toBe(before + 1);
    expect(screen.getByTestId('names').textContent).toBe('One, renamed (1)');
  });

  it('does not re-render when the parent passes an equal query object again', async () => {
    const { library } = await libraryWith(['a.txt']);
    let renders = 0;
    const onRender = () => renders++;
    const { rerender } = render(
      <MediaLibraryProvider library={library}>
        <Counting query={{ kinds: ['text'] }} onRender={onRender} />
      </MediaLibraryProvider>,
    );
    rerender(
      <MediaLibraryProvider library={library}>
        <Counting query={{ kinds: ['text'] }} onRender={onRender} />
      </MediaLibraryProvider>,
    );
    expect(renders).toBe(2);
    await act(() => library.createCollection('unrelated'));
    expect(renders).toBe(2);
  });

  it('re-renders with a new page when the query changes', async () => {
    const { library } = await libraryWith(['a.txt', 'b.txt', 'c.txt']);
    const { rerender } = render(
      <MediaLibraryProvider library={library}>
        <Names query={{ sort: { field: 'name' }, limit: 2 }} />
      </MediaLibraryProvider>,
    );
    expect(screen.getByTestId('names').textContent).toBe('a.txt,b.txt (3)');
    rerender(
      <MediaLibraryProvider library={library}>
        <Names query={{ sort: { field: 'name' }, limit: 2, offset: 2 }} />
      </MediaLibraryProvider>,
    );
    expect(screen.getByTestId('names').textContent).toBe('c.txt (3)');
  });

  it('shows the loading status, then the loaded index', async () => {
    const name = `use-assets-load-${Math.random()}`;
    const indexedDB = new IDBFactory();
    const blobStore = createMemoryBlobStore();
    const first = createMediaLibrary({ name, indexedDB, blobStore, broadcast: false });
    await first.importFiles([new File(['x'], 'kept.txt', { type: 'text/plain' })]);
    first.close();
    const reopened = createMediaLibrary({ name, indexedDB, blobStore, broadcast: false });
    libraries.push(reopened);
    render(
      <MediaLibraryProvider library={reopened}>
        <Names />
      </MediaLibraryProvider>,
    );
    expect(screen.getByTestId('names').dataset.status).toBe('loading');
    await waitFor(() => expect(screen.getByTestId('names').dataset.status).toBe('ready'));
    expect(screen.getByTestId('names').textContent).toBe('kept.txt (1)');
  });
});

describe('useAsset', () => {
  it('re-renders only when that record changes, and ends with undefined on delete', async () => {
    const { library, ids } = await libraryWith(['mine.txt', 'other.txt']);
    const commits = renderCounted(library, <Title id={ids[0] as string} />);
    const before = commits.count;
    await act(() => library.update(ids[1] as string, { favorite: true }));
    expect(commits.count).toBe(before);
    await act(() => library.update(ids[0] as string, { title: 'Mine' }));
    expect(commits.count).toBe(before + 1);
    expect(screen.getByTestId('title').textContent).toBe('Mine');
    await act(() => library.delete(ids[0] as string));
    expect(screen.getByTestId('title').textContent).toBe('none');
  });
});
