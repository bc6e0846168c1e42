// @vitest-environment happy-dom
// useSavedLibraryView: a chosen view comes back on the next mount of the same library, each
// library keeps its own, and nothing is read before the first render (which must match a
// server render).
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IDBFactory } from 'fake-indexeddb';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createMediaLibrary } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import type { MediaLibrary } from '../core/types';
import { MediaLibraryProvider } from './media-library-provider';
import { type LibraryView, libraryViewKey, useSavedLibraryView } from './use-saved-library-view';

const libraries: MediaLibrary[] = [];
afterEach(() => {
  cleanup();
  for (const library of libraries.splice(0)) library.close();
  localStorage.clear();
});

function open(name: string): MediaLibrary {
  const library = createMediaLibrary({
    name,
    indexedDB: new IDBFactory(),
    blobStore: createMemoryBlobStore(),
    broadcast: false,
  });
  libraries.push(library);
  return library;
}

const initial: LibraryView = { sort: 'createdAt', direction: 'desc', layout: 'grid' };
/** What each render showed, so a test can see the first one. */
let renders: string[] = [];

function View() {
  const [view, setView] = useState(initial);
  useSavedLibraryView(view, setView);
  renders.push(`${view.sort} ${view.direction} ${view.layout}`);
  return (
    <>
      <output>{`${view.sort} ${view.direction} ${view.layout}`}</output>
      <button type="button" onClick={() => setView({ ...view, sort: 'name', direction: 'asc' })}>
        by name
      </button>
      <button type="button" onClick={() => setView({ ...view, layout: 'list' })}>
        list
      </button>
    </>
  );
}

function mount(library: MediaLibrary) {
  renders = [];
  return render(
    <MediaLibraryProvider library={library}>
      <View />
    </MediaLibraryProvider>,
  );
}

const shown = () => screen.getByRole('status').textContent;

describe('useSavedLibraryView', () => {
  it('brings back the sort and layout chosen in the same library, after the first render', async () => {
    const user = userEvent.setup();
    const name = `view-${Math.random()}`;
    const first = mount(open(name));
    expect(shown()).toBe('createdAt desc grid');
    await user.click(screen.getByRole('button', { name: 'by name' }));
    await user.click(screen.getByRole('button', { name: 'list' }));
    first.unmount();
    expect(JSON.parse(localStorage.getItem(libraryViewKey(name)) ?? 'null')).toEqual({
      sort: 'name',
      direction: 'asc',
      layout: 'list',
    });

    mount(open(name));
    await waitFor(() => expect(shown()).toBe('name asc list'));
    // The first render is the one a server would make: nothing read yet.
    expect(renders[0]).toBe('createdAt desc grid');
  });

  it('keeps each library its own view', async () => {
    const user = userEvent.setup();
    const a = mount(open(`view-a-${Math.random()}`));
    await user.click(screen.getByRole('button', { name: 'list' }));
    a.unmount();
    mount(open(`view-b-${Math.random()}`));
    // Give a restore the chance to happen: none should.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(shown()).toBe('createdAt desc grid');
  });

  it('ignores a saved value it cannot read', async () => {
    for (const raw of ['{', '{"sort":"colour","direction":"asc","layout":"grid"}', '[]']) {
      const name = `view-bad-${Math.random()}`;
      localStorage.setItem(libraryViewKey(name), raw);
      const view = mount(open(name));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(shown(), raw).toBe('createdAt desc grid');
      view.unmount();
    }
  });
});
